"""The network's KPI report: figures in tables and charts, with no person to find in them."""
