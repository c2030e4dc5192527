"""The `wegwijs` command: one typer app, one module per staff domain (see `bot.cli.main`)."""

from bot.cli.main import app

__all__ = ["app"]
