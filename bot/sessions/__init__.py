"""What the running program adds to sessions: the staff's CSV list of dated readings."""
