"""`python -m bot` does what `wegwijs` does."""

from bot.cli import app

app(prog_name="wegwijs")
