"""Staff commands for broadcasts: `wegwijs broadcast send|status|cancel|list`.

`send` checks the text (clear Dutch: shown, not blocking), shows how many people get it per
channel and exactly what one of them sees per help language; `--dry-run` stops there. The
running bot delivers it (its `broadcasts.deliver` job), from another process too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot import logs
from bot.cli.context import in_transaction, load_settings
from dialogs.broadcasts import audience as audiences
from dialogs.broadcasts.checks import Finding, Problem, When, parse_when
from dialogs.broadcasts.compose import Draft, Preview, RefusedError, cancel, preview, submit
from dialogs.broadcasts.compose import languages as offered
from dialogs.clock import SystemClock
from dialogs.knowledge import Knowledge
from store.activities import catalogue
from store.broadcasts import sending
from store.broadcasts.audience import Audience
from store.broadcasts.models import Broadcast

T = TypeVar("T")
app = typer.Typer(help="Announcements to many people at once.", pretty_exceptions_show_locals=False)

_PROBLEMS = {
    Problem.EMPTY: "the text is empty",
    Problem.TOO_LONG: "the text is too long (characters)",
    Problem.LONG_SENTENCE: "a sentence of more than 20 words",
    Problem.RARE_WORD: "a rare word",
    Problem.HARD: "hard to read (Flesch-Douma below 60)",
    Problem.PLACEHOLDER: "a broken, unknown or missing placeholder (only {name} is known)",
    Problem.UNKNOWN_LANGUAGE: "not a help language of the bot",
}
_REFUSED = {
    "not_staff": "Only staff may do this.",
    "past": "That time has passed.",
    "blocking": "Nothing was sent: fix the problems above first.",
    "nobody": "Nobody would get it: the audience is empty. Nothing was sent.",
    "no_link": "There is no such activity to link to.",
    "not_running": "That broadcast is finished or cancelled already.",
    "unknown": "There is no such broadcast.",
}
_WHEN = {
    When.FORMAT: 'give the time as "YYYY-MM-DD HH:MM"',
    When.PAST: "that time has passed",
    When.NOT_A_TIME: "that time does not exist here: the clocks go forward then",
    When.TWICE: "that time happens twice here (the clocks go back): pick another",
}


def _run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    try:
        return in_transaction(work)
    except RefusedError as refused:
        typer.echo(_REFUSED.get(refused.reason, refused.reason), err=True)
        raise typer.Exit(1) from None
    except audiences.AudienceError as error:
        raise typer.BadParameter(str(error), param_hint="--to") from None


def _finding(finding: Finding) -> str:
    where = "" if finding.language == "nl" else f"[{finding.language}] "
    detail = f": {finding.detail}" if finding.detail else ""
    mark = "ERROR" if finding.blocking else "note "
    return f"{mark} {where}{_PROBLEMS[finding.problem]}{detail}"


def _show(shown: Preview) -> None:
    for finding in shown.findings:
        typer.echo(_finding(finding))
    channels = ", ".join(f"{channel} {count}" for channel, count in shown.per_channel.items())
    typer.echo(f"Recipients: {shown.recipients}" + (f" ({channels})" if channels else ""))
    for language, sample in shown.samples.items():
        typer.echo(f"--- what one recipient sees (help language {language}) ---")
        typer.echo(sample.text)
        for number, choice in enumerate(sample.choices, start=1):
            typer.echo(f"     {number}. {choice.label}")
    typer.echo("---")


def _read(path: Path, option: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"cannot read {path}: {error}", param_hint=option) from None


def _translations(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        language, sep, file = pair.partition("=")
        if not sep or not language or not file:
            raise typer.BadParameter("give LANG=FILE, e.g. ar=ar.txt", param_hint="--lang-file")
        found[language.strip().casefold()] = _read(Path(file), "--lang-file")
    return found


def _link(text: str | None) -> tuple[str, int] | None:
    if text is None:
        return None
    kind, _sep, number = text.partition(":")
    if kind not in {"activity", "activiteit"} or not number.isdigit():
        raise typer.BadParameter("give activity:ID", param_hint="--link")
    return ("activity", int(number))


@app.command()
def send(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help='Who: "all", or KEY=VALUE[|VALUE],… with role, municipality, language, '
            "interest, enrolled=yes|no, near=activity:ID[:KM].",
        ),
    ],
    text_file: Annotated[Path, typer.Option("--text-file", help="The Dutch text (UTF-8).")],
    lang_file: Annotated[
        list[str] | None,
        typer.Option("--lang-file", help="A translation staff wrote: LANG=FILE (repeat it)."),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help='When, "YYYY-MM-DD HH:MM" local time; else now.')
    ] = None,
    link: Annotated[
        str | None, typer.Option("--link", help="activity:ID, with its buttons.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the checks, counts and preview; send nothing.")
    ] = False,
) -> None:
    """Check, preview and send (or schedule) an announcement."""
    settings = load_settings()
    knowledge = Knowledge.load()
    now = SystemClock().now()
    send_at = None
    if at is not None:
        when = parse_when(at, settings.zone, now)
        if isinstance(when, When):
            raise typer.BadParameter(_WHEN[when], param_hint="--at")
        send_at = when
    audience = _audience(to, knowledge)
    draft = Draft(
        audience,
        _read(text_file, "--text-file"),
        _translations(lang_file or []),
        _link(link),
        send_at,
    )

    async def work(session: AsyncSession) -> str:
        if dry_run:
            shown = await preview(session, draft, knowledge)
            _show(shown)
            if shown.blocking:
                return "Dry run: nothing was sent. As it is, it would be refused."
            if shown.recipients == 0:
                return "Dry run: nothing was sent. Nobody would get it."
            return "Dry run: nothing was sent."
        try:
            broadcast, shown = await submit(session, draft, knowledge, now, via="cli")
        except RefusedError as refused:
            if refused.reason == "blocking":
                _show(await preview(session, draft, knowledge))
            raise
        _show(shown)
        return f"Broadcast {broadcast.id}: {_status(broadcast, settings.zone)}."

    typer.echo(_run(work))


def _audience(to: str, knowledge: Knowledge) -> Audience:
    try:
        return audiences.parse(to, knowledge, offered(knowledge))
    except audiences.AudienceError as error:
        raise typer.BadParameter(str(error), param_hint="--to") from None


def _local(at: datetime | None, zone: ZoneInfo) -> str:
    return "-" if at is None else at.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _status(broadcast: Broadcast, zone: ZoneInfo) -> str:
    if broadcast.status == "scheduled":
        return f"scheduled for {_local(broadcast.send_at, zone)}"
    return broadcast.status


@app.command()
def status(broadcast_id: int) -> None:
    """How a broadcast went: recipients delivered, blocked, failed (with reasons), waiting."""
    zone = load_settings().zone

    async def work(session: AsyncSession) -> list[str]:
        found = await sending.get(session, broadcast_id)
        if found is None:
            raise RefusedError("unknown")
        counts = await sending.counts(session, broadcast_id)
        reasons = await sending.reasons(session, broadcast_id)
        link = ""
        if found.link_kind == "activity" and found.link_id is not None:
            activity = await catalogue.get(session, found.link_id)
            link = f"activity {found.link_id}" + (f" ({activity.title})" if activity else "")
        lines = [
            f"Broadcast {found.id}: {_status(found, zone)}",
            f"  made {_local(found.created_at, zone)} via {found.via}"
            + (f" by person {found.author_person_id}" if found.author_person_id else ""),
            f"  send at {_local(found.send_at, zone)}, started {_local(found.started_at, zone)}, "
            f"finished {_local(found.finished_at, zone)}",
            f"  audience {found.audience}",
            f"  recipients {found.recipient_count}: "
            + ", ".join(f"{key} {value}" for key, value in sorted(counts.items())),
        ]
        if reasons:
            lines.append("  failed: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
        if found.cancelled_at is not None:
            who = (
                f" by person {found.cancelled_by_person_id}" if found.cancelled_by_person_id else ""
            )
            lines.append(
                f"  cancelled {_local(found.cancelled_at, zone)} via {found.cancelled_via}{who}"
            )
        if link:
            lines.append(f"  link {link}")
        return lines

    for line in _run(work):
        typer.echo(line)


@app.command("cancel")
def cancel_(broadcast_id: int) -> None:
    """Stop a scheduled or running broadcast: what has not gone yet stays unsent."""
    now = SystemClock().now()

    async def work(session: AsyncSession) -> str:
        stopped = await cancel(session, broadcast_id, now, via="cli")
        counts = await sending.counts(session, stopped.id)
        return (
            f"Broadcast {stopped.id} cancelled: {counts.get('delivered', 0)} had it already, "
            f"{counts.get('cancelled', 0)} will not get it."
        )

    typer.echo(_run(work))


@app.command()
def deliver() -> None:
    """Start the broadcasts that are due and report on running ones, once (the running bot
    does this every WEGWIJS_BROADCAST_TICK_SECONDS)."""
    from bot.bootstrap import Wegwijs
    from bot.jobs import broadcasts

    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)

    async def go() -> broadcasts.Delivered:
        wegwijs = await Wegwijs.start(settings)
        try:
            return await broadcasts.deliver(wegwijs)
        finally:
            await wegwijs.close()

    done = asyncio.run(go())
    typer.echo(f"{done.started} started, {done.queued} messages queued, {done.finished} finished.")


@app.command("list")
def list_() -> None:
    """The latest broadcasts: id, status, when, how many, the start of the text."""
    zone = load_settings().zone

    async def work(session: AsyncSession) -> list[str]:
        return [
            f"{b.id:>5}  {b.status:<9}  {_local(b.send_at, zone)}  {b.recipient_count:>6}  "
            f"{b.via:<4}  {b.text.splitlines()[0][:50] if b.text else ''}"
            for b in await sending.listed(session)
        ]

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else "No broadcasts yet.")
