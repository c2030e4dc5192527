"""The running program: settings, wiring, transports, scheduler and CLI."""
