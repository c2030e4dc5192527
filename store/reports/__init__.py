"""Counts for the network's report: only numbers leave these queries, never a person."""
