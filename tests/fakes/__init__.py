"""Fakes of remote services at their wire protocol, for end-to-end tests and benchmarks."""
