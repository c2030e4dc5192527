"""Buddies: volunteers who go along with a newcomer (action 4 of the plan)."""
