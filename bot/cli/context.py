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


class RefusedError(Exception):
    """A command that may not be carried out; the message says why."""


class _UndoneError(Exception):
    """Carries a dry run's result out of its transaction, which is then rolled back."""

    def __init__(self, value: object):
        self.value = value


def in_transaction(work: Callable[[AsyncSession], Awaitable[T]], *, keep: bool = True) -> T:
    """Run `work` in one transaction on the configured database (migrated first); with
    `keep=False` it is rolled back: a dry run that shows what would happen."""
    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)

    async def go() -> T:
        engine = db.create_engine(settings.database_url)
        try:
            await db.upgrade(engine)
            async with db.session_factory(engine)() as session, session.begin():
                value = await work(session)
                if not keep:
                    raise _UndoneError(value)
                return value
        except _UndoneError as undone:
            return undone.value  # type: ignore[return-value]
        finally:
            await engine.dispose()

    return asyncio.run(go())


def run_or_refuse(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """`work` in one transaction; a refusal is said on standard error, exit code 1."""
    try:
        return in_transaction(work)
    except RefusedError as refused:
        typer.echo(str(refused), err=True)
        raise typer.Exit(1) from None


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
