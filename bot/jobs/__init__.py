"""What the clock runs: one module per feature, each job claiming due rows in one transaction."""
