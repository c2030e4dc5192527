"""The `wegwijs` command: run the bot, chat in the terminal, look inside; each staff domain's
commands are registered here from their own module."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from datetime import date, datetime
from typing import Annotated

import typer

from bot import logs
from bot.bootstrap import Wegwijs
from bot.cli import (
    activities,
    broadcasts,
    buddies,
    coach,
    db,
    hours,
    invites,
    people,
    reports,
    sessions,
)
from bot.cli.context import load_settings
from bot.settings import Settings
from bot.transports.console import ConsoleTransport
from dialogs.clock import SystemClock
from dialogs.knowledge import Knowledge

# No locals in tracebacks: they could hold what people typed.
app = typer.Typer(
    help="Wegwijs: a chatbot in clear Dutch for newcomers in the Westhoek.",
    no_args_is_help=False,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db.app, name="db")
app.add_typer(activities.app, name="activities")
app.add_typer(hours.app, name="hours")
app.add_typer(people.app, name="people")
app.add_typer(sessions.app, name="sessions")
app.add_typer(broadcasts.app, name="broadcast")
app.add_typer(buddies.app, name="buddy")
app.add_typer(coach.app, name="coach")


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context) -> None:
    """Without a command, `wegwijs` runs the bot (like `wegwijs run`)."""
    if ctx.invoked_subcommand is None:
        run()


@app.command()
def run() -> None:
    """Run the bot: Telegram/Signal or the web page when configured, else the console chat."""
    settings = load_settings()
    if not settings.serves_web:
        _chat(settings, _default_user())
        return
    from bot.serve import serve

    logs.configure(settings.log_level, settings.log_file)
    asyncio.run(serve(settings))


app.command()(invites.invite)
app.command()(reports.report)


@app.command()
def check() -> None:
    """Tell, per configured channel, whether it answers; exit code 1 when one does not."""
    from bot.checks import check_channels

    settings = load_settings()
    logs.configure("ERROR", settings.log_file)  # only the verdicts on the terminal
    checks = asyncio.run(check_channels(settings))
    if not checks:
        typer.echo("No Telegram or Signal settings: only the console chat, nothing to check.")
        return
    for found in checks:
        typer.echo(f"{found.channel:<9} {'ok' if found.ok else 'DOWN':<5} {found.detail}")
    if not all(found.ok for found in checks):
        raise typer.Exit(1)


@app.command()
def chat(
    as_: Annotated[
        str | None, typer.Option("--as", help="Console user name, to try several people.")
    ] = None,
) -> None:
    """Chat with Wegwijs in this terminal (or replay a conversation from a pipe)."""
    _chat(load_settings(), as_ or _default_user())


@app.command()
def understand(
    text: str,
    lang: Annotated[str, typer.Option("--lang", help="The person's help language.")] = "nl",
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="The date the message is sent (default: today in WEGWIJS_TIMEZONE).",
        ),
    ] = None,
) -> None:
    """Show what the bot understands of TEXT, as one JSON object."""
    try:
        day = datetime.now(Settings().zone).date() if today is None else date.fromisoformat(today)
    except ValueError:
        raise typer.BadParameter("give the date as YYYY-MM-DD", param_hint="--today") from None
    result = {"help_language": lang, **Knowledge.load().understand(text, today=day)}
    typer.echo(json.dumps(result, ensure_ascii=False))


def _chat(settings: Settings, user: str) -> None:
    logs.configure(settings.log_level, settings.log_file or settings.data_dir / "wegwijs.log")

    async def session() -> None:
        clock = SystemClock()
        wegwijs = await Wegwijs.start(settings, clock)
        console = ConsoleTransport(
            user,
            sys.stdin,
            sys.stdout,
            clock,
            export_dir=settings.data_dir / "exports",
            waiting=wegwijs.waiting,
        )
        try:
            await console.run(wegwijs.handle)
        finally:
            await wegwijs.close()

    try:
        asyncio.run(session())
    except KeyboardInterrupt:
        typer.echo("")


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "console"


# Staff commands about the activity catalogue live in their own module.
app.command()(activities.demo)
app.command()(activities.gaps)
