"""Hours of the participation trajectory: entries, confirmation links, goals, due work."""
