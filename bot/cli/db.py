"""`wegwijs db …`: database migrations."""

from __future__ import annotations

import asyncio

import typer

from bot import logs
from bot.cli.context import load_settings
from store import db

app = typer.Typer(help="Database migrations.", pretty_exceptions_show_locals=False)


@app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Apply database migrations."""
    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)

    async def upgrade() -> None:
        engine = db.create_engine(settings.database_url)
        try:
            await db.upgrade(engine, revision)
        finally:
            await engine.dispose()

    asyncio.run(upgrade())
    typer.echo(f"Database is at {revision}.")
