"""Taalplezier sessions: dated occurrences of an activity, RSVPs, waiting list, reminder rows."""
