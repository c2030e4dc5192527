"""Fakes at the wire: local servers that speak the protocols of the services Wegwijs uses."""
