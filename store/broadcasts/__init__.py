"""Staff broadcasts: the announcement, its recipients one row each, and who muted them."""
