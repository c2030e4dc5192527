"""Buddy links: a volunteer who goes along with one or more participants."""
