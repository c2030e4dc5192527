"""Staff commands for hours: `wegwijs hours list|log|correct|deadline|stale|remind|…`."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot import logs
from bot.cli.context import RefusedError, run_or_refuse
from bot.cli.people import staff_member
from bot.settings import Settings
from dialogs.clock import SystemClock
from dialogs.hours import confirm as confirm_texts
from dialogs.hours import rights
from dialogs.hours.texts import number
from store.activities import catalogue
from store.hours import entries, goals, jobs
from store.hours.models import ConfirmedVia, EntryStatus, HourEntry
from store.people.models import Person

_log = logging.getLogger(__name__)
app = typer.Typer(
    help="Hours of the participation trajectory.", pretty_exceptions_show_locals=False
)


_run = run_or_refuse


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("give the date as YYYY-MM-DD", param_hint=option) from None


async def _person(session: AsyncSession, person_id: int) -> Person:
    found = await catalogue.person(session, person_id)
    if found is None:
        raise RefusedError(f"There is no person {person_id}.")
    return found


async def _staff(session: AsyncSession, by: str) -> Person:
    """The coach or staff member a command acts as, with the right checked by the hours rules."""
    found = await staff_member(session, by)
    if not rights.may_log_for_others(found):
        raise RefusedError(f"Person {found.id} is no coach or staff member.")
    return found


def _line(entry: HourEntry) -> str:
    who = entry.decided_name or f"person {entry.decided_by_person_id}"
    how = "" if entry.decided_via is None else f" via {entry.decided_via} ({who})"
    return (
        f"{entry.id:>5}  {entry.day.isoformat()}  {number(entry.minutes):>5} h  "
        f"{entry.status:<9}{how}  {entry.enrolment.activity.title}"
    )


@app.command("list")
def list_(person: int) -> None:
    """A person's hours: id, day, hours, status, who confirmed and how, activity."""

    async def work(session: AsyncSession) -> list[str]:
        await _person(session, person)
        return [_line(entry) for entry in await entries.of_person(session, person, removed=True)]

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else "No hours logged yet.")


@app.command()
def log(
    person: int,
    activity: Annotated[int, typer.Option(help="The activity id (the person is signed up).")],
    hours_: Annotated[float, typer.Option("--hours", help="How long, in quarters of an hour.")],
    day: Annotated[str, typer.Option(metavar="YYYY-MM-DD", help="The day it was done.")],
    by: Annotated[
        str, typer.Option(help="The coach or staff member logging it (id or first name).")
    ],
    confirm: Annotated[bool, typer.Option(help="Also confirm it, as that coach or staff.")] = False,
) -> None:
    """Log hours for someone, also longer ago than a participant may (a coach's paper proof)."""
    when = _day(day, "--day")
    minutes = round(hours_ * 60)
    if minutes <= 0 or minutes % 15 or hours_ > Settings().hours_max_a_day:
        raise typer.BadParameter("more than 0, in quarters of an hour, at most a day's maximum")

    async def work(session: AsyncSession) -> str:
        coach = await _staff(session, by)
        now = SystemClock().now()
        if when > now.astimezone(Settings().zone).date():
            raise RefusedError("That day is in the future.")
        enrolment = next(
            (e for e in await catalogue.enrolments(session, person) if e.activity_id == activity),
            None,
        )
        if enrolment is None:
            raise RefusedError(f"Person {person} is not signed up for activity {activity}.")
        total = await entries.day_total(session, person, when) + minutes
        if total > Settings().hours_max_a_day * 60:
            raise RefusedError(
                f"That makes {number(total)} hours on {when}: more than a day allows."
            )
        entry = await entries.add(session, enrolment, when, minutes, now, logged_by=coach.id)
        if confirm:
            via = rights.confirmer(coach, entry) or ConfirmedVia.COACH
            decision = entries.Decision(True, via, coach.id, coach.name)
            await entries.decide(session, entry, entry.version, decision, now)
        return _line(entry)

    typer.echo(_run(work))


@app.command()
def correct(
    entry: int,
    by: Annotated[
        str, typer.Option(help="The coach or staff member correcting (id or first name).")
    ],
    reason: Annotated[str, typer.Option(help="Why: kept in the audit trail.")],
    hours_: Annotated[float | None, typer.Option("--hours", help="The right hours.")] = None,
    day: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="The right day.")] = None,
    remove: Annotated[bool, typer.Option(help="Remove the entry (it stays in the trail).")] = False,
) -> None:
    """Correct hours (also confirmed ones); a changed entry waits for a new confirmation."""
    when = None if day is None else _day(day, "--day")
    minutes = None if hours_ is None else round(hours_ * 60)
    if minutes is not None and (minutes <= 0 or minutes % 15):
        raise typer.BadParameter("more than 0, in quarters of an hour", param_hint="--hours")
    if minutes is None and when is None and not remove:
        raise typer.BadParameter("say what changes: --hours, --day or --remove")

    async def work(session: AsyncSession) -> str:
        coach = await _staff(session, by)
        found = await entries.get(session, entry)
        if found is None or found.status == EntryStatus.REMOVED:
            raise RefusedError(f"There is no entry {entry}.")
        if not rights.may_correct(coach, found):
            raise RefusedError("Nobody corrects their own hours.")
        await entries.correct(
            session,
            found,
            SystemClock().now(),
            by_person_id=coach.id,
            reason=reason,
            day=when,
            minutes=minutes,
            remove=remove,
        )
        return _line(found)

    typer.echo(_run(work))


@app.command("confirm")
def confirm_(
    entry: int,
    by: Annotated[str, typer.Option(help="The coach or staff member confirming (id or name).")],
) -> None:
    """Confirm waiting hours as a coach or staff member; the participant hears it."""
    typer.echo(_decide(entry, by, confirm=True, reason=None))


@app.command()
def reject(
    entry: int,
    by: Annotated[str, typer.Option(help="The coach or staff member rejecting (id or name).")],
    reason: Annotated[str | None, typer.Option(help="Why: the participant reads it.")] = None,
) -> None:
    """Reject waiting hours as a coach or staff member; the participant hears why."""
    typer.echo(_decide(entry, by, confirm=False, reason=reason))


def _decide(entry_id: int, by: str, *, confirm: bool, reason: str | None) -> str:
    """Decide a pending entry as the bot does (one decision wins), and queue the news."""
    from bot.bootstrap import Wegwijs
    from dialogs.activities.requests import reachable
    from dialogs.hours import outcome
    from dialogs.i18n import Locale
    from dialogs.messages import Outgoing

    settings = Settings()
    logs.configure(settings.log_level, settings.log_file)

    async def work(wegwijs: Wegwijs, session: AsyncSession) -> str:
        coach = await _staff(session, by)
        found = await entries.get(session, entry_id)
        if found is None or found.status == EntryStatus.REMOVED:
            raise RefusedError(f"There is no entry {entry_id}.")
        via = rights.confirmer(coach, found)
        if via is None:
            raise RefusedError("Nobody confirms their own hours.")
        if found.status != EntryStatus.PENDING:
            raise RefusedError(f"Entry {entry_id} is {found.status} already: {_line(found)}")
        now = wegwijs.clock.now()
        name = coach.name
        text = None if reason is None else reason.strip()[: confirm_texts.REASON_LENGTH] or None
        decision = entries.Decision(confirm, via, coach.id, name, text)
        if not await entries.decide(session, found, found.version, decision, now):
            raise RefusedError(f"Entry {entry_id} was answered meanwhile.")
        participant = await catalogue.person(session, found.person_id)
        told = 0
        if participant is not None and reachable(participant):
            news = await outcome.for_participant(
                session,
                found,
                participant,
                name or outcome.nameless(via),
                wegwijs.engine.hours,
                now,
            )
            locale = Locale(participant.help_language, participant.help_line)
            told = await wegwijs.queue_for(
                session, [Outgoing(participant.id, reply, locale) for reply in news]
            )
        _log.info(
            "hours entry=%s decided by person=%s via=%s confirm=%s (cli)",
            found.id,
            coach.id,
            via,
            confirm,
        )
        heard = "the participant will hear it" if told else "the participant cannot be reached"
        return f"{_line(found)}; {heard}."

    async def go() -> str:
        wegwijs = await Wegwijs.start(settings)
        try:
            async with wegwijs.sessions() as session, session.begin():
                return await work(wegwijs, session)
        finally:
            await wegwijs.close()

    try:
        return asyncio.run(go())
    except RefusedError as refused:
        typer.echo(str(refused), err=True)
        raise typer.Exit(1) from None


@app.command()
def deadline(
    person: int,
    day: Annotated[str, typer.Argument(metavar="YYYY-MM-DD", help="The deadline.")],
    by: Annotated[
        str, typer.Option(help="The coach or staff member setting it (id or first name).")
    ],
) -> None:
    """Set the day a participant's hours should be done; "Mijn uren" shows the weeks left."""
    when = _day(day, "DATE")

    async def work(session: AsyncSession) -> str:
        coach = await _staff(session, by)
        participant = await _person(session, person)
        await goals.set_deadline(session, participant.id, when, coach.id, SystemClock().now())
        return f"Person {person}: hours due by {when.isoformat()}."

    typer.echo(_run(work))


@app.command()
def stale(
    days: Annotated[int | None, typer.Option(help="Waiting at least this many days.")] = None,
) -> None:
    """Hours still waiting for a confirmation after WEGWIJS_HOURS_STAFF_DAYS days."""
    wait = days if days is not None else Settings().hours_staff_days

    async def work(session: AsyncSession) -> list[str]:
        now = SystemClock().now()
        found = await jobs.stale(session, now, timedelta(days=wait))
        return [
            f"{_line(entry)}  person {entry.person_id}, "
            f"waiting {(now - entry.pending_since).days} days"
            for entry in found
        ]

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else f"Nothing waits longer than {wait} days.")


@app.command()
def remind() -> None:
    """Queue the reminders that are due now (the running bot does this every minute)."""
    from bot.bootstrap import Wegwijs
    from bot.jobs import hours

    settings = Settings()
    logs.configure(settings.log_level, settings.log_file)

    async def go() -> hours.Reminded:
        wegwijs = await Wegwijs.start(settings)
        try:
            return await hours.remind(wegwijs)
        finally:
            await wegwijs.close()

    done = asyncio.run(go())
    typer.echo(
        f"{done.reminded} reminders, {done.escalated} told to staff, "
        f"{done.messages} messages queued."
    )


@app.command()
def overview(
    person: int,
    out: Annotated[Path | None, typer.Option(help="Where to write the PDF.")] = None,
) -> None:
    """The one-page PDF overview of a person's hours, for the trajectory counsellor."""
    from bot.bootstrap import web_address
    from bot.hours.paper import OverviewMaker

    settings = Settings()

    async def work(session: AsyncSession) -> bytes:
        participant = await _person(session, person)
        maker = OverviewMaker(web_address(settings))
        made = await maker.overview(session, participant, SystemClock().now())
        return made.content

    pdf = _run(work)
    path = out or Path(f"wegwijs-overzicht-{person}.pdf")
    path.write_bytes(pdf)
    typer.echo(f"Wrote {path}.")


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@app.command()
def export(
    format_: Annotated[Format, typer.Option("--format", help="csv (Belgian Excel) or xlsx.")],
    municipality: Annotated[str | None, typer.Option(help="Only participants living here.")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="From this day on.")
    ] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Up to this day.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write it.")] = None,
) -> None:
    """Hours for the trajectory counsellors, one row per entry."""
    from bot.hours.export import to_csv, to_xlsx
    from bot.hours.paper import export_rows
    from dialogs.knowledge import Knowledge

    since = None if from_ is None else _day(from_, "--from")
    till = None if until is None else _day(until, "--until")
    place = None
    if municipality is not None:
        found = Knowledge.load().gazetteer.find(municipality)
        if found is None:
            typer.echo(f"{municipality!r} is not a Westhoek municipality.", err=True)
            raise typer.Exit(1)
        place = found.municipality

    rows = _run(lambda session: export_rows(session, municipality=place, since=since, until=till))
    content = to_csv(rows) if format_ is Format.CSV else to_xlsx(rows)
    path = out or Path(f"wegwijs-uren.{format_.value}")
    path.write_bytes(content)
    typer.echo(f"Wrote {len(rows)} {'row' if len(rows) == 1 else 'rows'} to {path}.")
