"""Staff commands for Taalplezier sessions: `wegwijs sessions add|list|import|cancel|template`.

Changes reach people through reminder rows that the running bot sends on its next tick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.context import in_transaction, load_settings
from bot.sessions import csv_file, imports
from bot.sessions.imports import Imported
from dialogs.clock import SystemClock
from dialogs.knowledge import Knowledge
from store.sessions import sessions

app = typer.Typer(help="Taalplezier sessions: dated readings.", pretty_exceptions_show_locals=False)


def _summary(result: Imported) -> str:
    return (
        f"{len(result.added)} added, {len(result.moved)} moved (people told), "
        f"{len(result.updated)} updated, {len(result.unchanged)} unchanged."
    )


def _fail(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line, err=True)
    typer.echo("Nothing was stored. Fix the rows above and try again.", err=True)
    raise typer.Exit(1)


@app.command()
def template(
    file: Annotated[Path, typer.Argument(help="Where to write it ('-' for the screen).")] = Path(
        "sessies.csv"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write the CSV list of sessions with one example row (semicolons: Excel opens it right)."""
    content = csv_file.template()
    if str(file) == "-":
        sys.stdout.write(content.decode("utf-8-sig"))
        return
    if file.exists() and not force:
        typer.echo(f"{file} exists already; use --force to overwrite it.", err=True)
        raise typer.Exit(1)
    file.write_bytes(content)
    typer.echo(f"Wrote {file} with the columns: {', '.join(csv_file.COLUMNS)}.")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    check: Annotated[bool, typer.Option(help="Only check the file; store nothing.")] = False,
) -> None:
    """Import a CSV list of sessions; again later to change them (same activity and id)."""
    settings = load_settings()
    now = SystemClock().now()
    rows, problems = csv_file.read(file.read_bytes(), Knowledge.load(), settings.zone, now)
    if problems:
        _fail([str(problem) for problem in problems])
    if check:
        typer.echo(f"{len(rows)} sessions are fine; nothing was stored.")
        return

    # apply() stores nothing at all when a row names an unknown activity.
    result = in_transaction(lambda s: imports.apply(s, rows, settings.reminder_plan, now))
    if result.problems:
        _fail([str(problem) for problem in result.problems])
    typer.echo(_summary(result))


@app.command()
def add(
    activity: Annotated[
        str, typer.Argument(help="The activity: its number or its id in the list.")
    ],
    date: Annotated[str, typer.Option(help="The day, like 2027-01-13.")],
    begin: Annotated[str, typer.Option(help="Start, like 14:00 (Brussels time).")],
    end: Annotated[str, typer.Option(help="End, like 15:30.")],
    place: Annotated[str | None, typer.Option(help="The venue, like 'Bib Ieper'.")] = None,
    municipality: Annotated[str | None, typer.Option(help="Default: the activity's.")] = None,
    address: Annotated[str | None, typer.Option(help="Default: the activity's.")] = None,
    places: Annotated[int | None, typer.Option(help="How many places, children included.")] = None,
    for_: Annotated[
        str, typer.Option("--for", help="volwassenen, gezinnen or iedereen.")
    ] = "iedereen",
    dutch: Annotated[int | None, typer.Option(help="How much Dutch: 1 to 4.")] = None,
    counts: Annotated[bool, typer.Option(help="Counts toward the 40 hours.")] = False,
    key: Annotated[
        str | None, typer.Option("--id", help="Its id (default: date and time).")
    ] = None,
) -> None:
    """Add one session (checked like a row of the CSV list)."""
    settings = load_settings()
    now = SystemClock().now()
    cells = {
        "activiteit": activity, "id": key or "", "datum": date, "begin": begin, "einde": end,
        "plaats": place or "", "gemeente": municipality or "", "adres": address or "",
        "plaatsen": "" if places is None else str(places), "voor": for_,
        "taalicoon": "" if dutch is None else str(dutch), "telt_mee": "ja" if counts else "nee",
    }  # fmt: skip
    row, problems = csv_file.check_row(cells, 1, Knowledge.load(), settings.zone, now)
    if row is None:
        _fail([f"--{problem.column}: {problem.message}" for problem in problems])
        return
    result = in_transaction(lambda s: imports.apply(s, [row], settings.reminder_plan, now))
    if result.problems:
        _fail([problem.message for problem in result.problems])
    done = result.added or result.moved or result.updated or result.unchanged
    typer.echo(f"Session {done[0]}: " + _summary(result))


@app.command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Also cancelled ones.")] = False,
) -> None:
    """Upcoming sessions: id, when (Brussels time), where, places taken, activity."""
    settings = load_settings()
    now = SystemClock().now()
    rows = in_transaction(lambda s: sessions.listing(s, now, cancelled=all_))
    if not rows:
        typer.echo("No upcoming sessions. Add one with `wegwijs sessions add` or import a list.")
        return
    typer.echo(f"{'id':>4}  {'when':<17} {'where':<28} {'places':>7}  activity")
    for item, taken in rows:
        when = item.starts_at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
        capacity = "-" if item.capacity is None else str(item.capacity)
        mark = f"  (cancelled: {item.cancel_reason or '-'})" if item.cancelled_at else ""
        where = f"{item.where}, {item.municipality}"[:28]
        typer.echo(
            f"{item.id:>4}  {when:<17} {where:<28} {f'{taken}/{capacity}':>7}  "
            f"{item.activity.title}{mark}"
        )


@app.command()
def cancel(
    session_id: int,
    reason: Annotated[
        str | None, typer.Option(help="Why, in clear Dutch (people read it).")
    ] = None,
) -> None:
    """Cancel a session: everyone who answered, and their buddies, are told at once."""
    settings = load_settings()
    now = SystemClock().now()

    async def work(session: AsyncSession) -> str:
        item = await sessions.get(session, session_id)
        if item is None:
            return f"There is no session {session_id}."
        if not await sessions.cancel(session, item, reason, settings.reminder_plan, now):
            return f"Session {session_id} was cancelled already; nothing changed."
        return f"Session {session_id} is cancelled; everyone who answered will be told."

    typer.echo(in_transaction(work))
