"""Documents about hours for people outside the chat: the PDF overview and the CSV/XLSX exports."""
