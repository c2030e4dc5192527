"""What every `wegwijs` command shares: the settings (or a clear message), one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import logs
from bot.settings import Settings
from store import db

T = TypeVar("T")


def in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one transaction on the configured database (migrated first)."""
    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)

    async def go() -> T:
        engine = db.create_engine(settings.database_url)
        try:
            await db.upgrade(engine)
            async with db.session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(go())


def load_settings() -> Settings:
    """The settings, or a short message naming what is wrong (no traceback, no secrets)."""
    try:
        return Settings()
    except ValidationError as error:
        for problem in error.errors():
            names = "_".join(str(part) for part in problem["loc"]).upper()
            where = f"Setting WEGWIJS_{names}" if names else "Settings"
            typer.echo(f"{where}: {problem['msg']}", err=True)
        raise typer.Exit(2) from None
