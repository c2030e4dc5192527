"""What the running program adds to hours: the confirmation page's desk on the store, the PDF
overview for the trajectbegeleider and the CSV/XLSX exports for the counsellors."""
