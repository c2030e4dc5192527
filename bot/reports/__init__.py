"""The KPI report as files: HTML (one file, charts inside), PDF on A4, CSV and XLSX."""
