"""Hours: logging them, having them confirmed, progress to the target (see hours.mmd)."""
