"""Getting the activity catalogue in: the CSV list staff fill in, UiTdatabank JSON-LD, samples."""
