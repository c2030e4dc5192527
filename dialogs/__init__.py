"""What the bot says and understands; transport-agnostic, no I/O of its own."""
