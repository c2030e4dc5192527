"""Staff commands for the catalogue: `wegwijs activities …`, `wegwijs demo`, `wegwijs gaps`."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.activities import csv_file, imports
from bot.activities.imports import Loaded
from bot.cli.context import in_transaction, load_settings
from bot.sessions import imports as session_imports
from dialogs.clock import SystemClock
from dialogs.knowledge import Knowledge
from store.activities import catalogue, sync
from store.activities.sync import SyncResult

app = typer.Typer(help="The activity catalogue.", pretty_exceptions_show_locals=False)
COUNTS = {True: "yes", False: "no", None: "?"}


_run = in_transaction


def _summary(source: str, result: SyncResult, skipped: int = 0) -> str:
    parts = [
        f"{len(result.added)} added",
        f"{len(result.updated)} updated",
        f"{len(result.unchanged)} unchanged",
        f"{len(result.restored)} restored",
        f"{len(result.archived)} archived (someone is enrolled)",
        f"{len(result.deleted)} deleted",
    ]
    return f"{source}: " + ", ".join(parts) + (f"; {skipped} skipped" if skipped else "") + "."


def _apply(source: str, loaded: Loaded, keep_missing: bool, *, keep: bool = True) -> SyncResult:
    now = SystemClock().now()
    plan = load_settings().reminder_plan

    async def work(session: AsyncSession) -> SyncResult:
        result = await imports.apply(session, source, loaded, now, keep_missing=keep_missing)
        # Activities with concrete dates and hours become sessions people can say they come to.
        made = await session_imports.from_activities(session, source, plan, now)
        if keep and (made.added or made.moved):
            typer.echo(f"{len(made.added)} sessions added, {len(made.moved)} moved (from dates).")
        return result

    return _run(work, keep=keep)


def _removals(source: str, result: SyncResult) -> list[str]:
    lines = [f"{source}: these activities are not in the file any more:"]
    for key in result.removed:
        what = "archive (someone is enrolled)" if key in result.archived else "delete"
        lines.append(f"  {what}: {key}  {result.titles.get(key, '')}".rstrip())
    return lines


def _import_one(source: str, loaded: Loaded, keep_missing: bool, yes: bool) -> SyncResult | None:
    """Import one list; what would archive or delete is shown and asked first (or --yes)."""
    if not yes and not keep_missing:
        planned = _apply(source, loaded, keep_missing, keep=False)
        if planned.removed:
            for line in _removals(source, planned):
                typer.echo(line)
            if not _confirmed("Go on and archive or delete them?"):
                typer.echo(
                    f"{source}: nothing was imported. Use --keep-missing to keep them, "
                    "or --source NAME to import the file as another list."
                )
                return None
            return _apply_expecting(source, loaded, planned.removed)
    return _apply(source, loaded, keep_missing)


class _ChangedError(Exception):
    """The catalogue changed between the question and the answer: roll the import back."""


def _apply_expecting(source: str, loaded: Loaded, confirmed: list[str]) -> SyncResult | None:
    """Apply, but only if it removes exactly what was confirmed (nothing changed meanwhile)."""
    now = SystemClock().now()

    async def work(session: AsyncSession) -> SyncResult:
        result = await imports.apply(session, source, loaded, now)
        if sorted(result.removed) != sorted(confirmed):
            raise _ChangedError
        return result

    try:
        return _run(work)
    except _ChangedError:
        typer.echo(f"{source}: the catalogue changed meanwhile; nothing was imported. Try again.")
        return None


def _confirmed(question: str) -> bool:
    try:
        return typer.confirm(question, default=False)
    except typer.Abort:  # no answer (end of input): do not destroy anything
        typer.echo("")
        return False


@app.command()
def template(
    file: Annotated[Path, typer.Argument(help="Where to write it ('-' for the screen).")] = Path(
        "activiteiten.csv"
    ),
    example: Annotated[bool, typer.Option(help="Add one filled-in example row.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write the CSV list to fill in a spreadsheet (UTF-8, semicolons: Excel opens it right)."""
    content = csv_file.template(example=example)
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
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    source: Annotated[
        str | None,
        typer.Option(
            help="Name of this list (default: each CSV file its own list, csv:<file name>; "
            "JSON-LD: uitdatabank).",
        ),
    ] = None,
    keep_missing: Annotated[
        bool, typer.Option(help="Keep activities that are not in the file (do not archive).")
    ] = False,
    check: Annotated[bool, typer.Option(help="Only check the file; store nothing.")] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="Archive or delete what left the list without asking.")
    ] = False,
) -> None:
    """Import CSV lists, or UiTdatabank JSON-LD search results; again later to update."""
    if source is not None and len(source) > imports.SOURCE_LENGTH:
        raise typer.BadParameter(
            f"at most {imports.SOURCE_LENGTH} characters", param_hint="--source"
        )
    knowledge = Knowledge.load()
    batches = [
        (name, imports.load(paths, knowledge)) for name, paths in imports.batches(files, source)
    ]
    problems = [line for _name, loaded in batches for line in loaded.problems]
    for line in problems:
        typer.echo(line, err=True)
    if problems:
        typer.echo("Nothing was imported. Fix the rows above and import again.", err=True)
        raise typer.Exit(1)
    refused = False
    for name, loaded in batches:
        for line in loaded.skipped:
            typer.echo(f"skipped {line}")
        if check:
            typer.echo(f"{name}: {len(loaded.items)} activities are fine; nothing was stored.")
            continue
        result = _import_one(name, loaded, keep_missing, yes)
        if result is None:
            refused = True
            continue
        typer.echo(_summary(name, result, len(loaded.skipped)))
    if refused:
        raise typer.Exit(1)


@app.command("list")
def list_(
    municipality: Annotated[str | None, typer.Option(help="Only this municipality.")] = None,
    interest: Annotated[str | None, typer.Option(help="Only this interest (e.g. koken).")] = None,
    archived: Annotated[bool, typer.Option(help="Also archived activities.")] = False,
) -> None:
    """The catalogue: id, where, what, how much Dutch, whether it counts, how many signed up."""
    knowledge = Knowledge.load()
    place = None
    if municipality is not None:
        found = knowledge.gazetteer.find(municipality)
        if found is None:
            typer.echo(f"{municipality!r} is not a Westhoek municipality.", err=True)
            raise typer.Exit(1)
        place = found.municipality
    wanted = None
    if interest is not None:
        match = knowledge.interest_index.best(interest, whole=True)
        if match is None:
            typer.echo(f"Unknown interest {interest!r}.", err=True)
            raise typer.Exit(1)
        wanted = match.value
    rows = _run(
        lambda session: sync.listing(
            session, municipality=place, interest=wanted, archived=archived
        )
    )
    if not rows:
        typer.echo(
            "No activities found. Load some with `wegwijs demo` or `wegwijs activities import`."
        )
        return
    typer.echo(f"{'id':>4}  {'municipality':<22} {'Dutch':<5} {'counts':<6} {'enrolled':>8}  title")
    for activity, enrolled in rows:
        level = str(activity.dutch_level or "?")
        mark = " (archived)" if activity.archived_at else ""
        typer.echo(
            f"{activity.id:>4}  {activity.municipality:<22} {level:<5} "
            f"{COUNTS[activity.counts]:<6} {enrolled:>8}  {activity.title}{mark}"
            f"  [{activity.source}:{activity.external_id}; {', '.join(activity.interests)}]"
        )


@app.command()
def criteria(
    activity_id: int,
    with_others: Annotated[
        bool | None, typer.Option("--with-others/--alone", help="Done with others?")
    ] = None,
    new_contacts: Annotated[
        bool | None,
        typer.Option(
            "--new-contacts/--own-circle", help="New people, a chance of lasting contact?"
        ),
    ] = None,
    dutch: Annotated[
        bool | None, typer.Option("--dutch/--not-dutch", help="A Dutch-speaking setting?")
    ] = None,
) -> None:
    """Record staff's check of the trajectory's three rules for one activity."""

    async def work(session: AsyncSession) -> str:
        activity = await catalogue.get(session, activity_id)
        if activity is None:
            return f"There is no activity {activity_id}."
        now = SystemClock().now()
        sync.set_criteria(
            activity, now, with_others=with_others, new_contacts=new_contacts, dutch_setting=dutch
        )
        return f"{activity.title}: counts for the trajectory: {COUNTS[activity.counts]}."

    typer.echo(_run(work))


@app.command()
def provider(
    activity_id: int,
    person: Annotated[
        int | None, typer.Option(help="The Wegwijs person id; none to unlink.")
    ] = None,
) -> None:
    """Make a Wegwijs user the activity's contact: they get the sign-ups to say yes or no."""

    async def work(session: AsyncSession) -> str:
        activity = await catalogue.get(session, activity_id)
        if activity is None:
            return f"There is no activity {activity_id}."
        try:
            await sync.link_provider(session, activity, person)
        except LookupError:
            return f"There is no person {person}."
        who = "nobody" if person is None else f"person {person}"
        return f"{activity.title}: the contact on Wegwijs is {who}."

    typer.echo(_run(work))


def demo() -> None:
    """Load the sample catalogue (43 made-up activities in all 18 Westhoek municipalities)."""
    loaded = imports.load_sample(Knowledge.load())
    result = _apply(imports.SAMPLE_SOURCE, loaded, keep_missing=False)
    typer.echo(_summary(f"Sample catalogue ({imports.SAMPLE_SOURCE})", result))
    typer.echo("These are examples, not real activities. Try it: wegwijs chat")


def gaps(
    days: Annotated[int | None, typer.Option(help="Only the last DAYS days.")] = None,
) -> None:
    """Which interests found nothing, in which municipality: the gaps in the offer."""
    since = None if days is None else (SystemClock().now() - timedelta(days=days)).date()
    rows = _run(lambda session: sync.gaps(session, since))
    if not rows:
        typer.echo("No unmet wishes recorded yet.")
        return
    typer.echo(f"{'municipality':<24} {'interest':<20} {'times':>5}")
    for municipality, interest, count in rows:
        typer.echo(f"{municipality:<24} {interest:<20} {count:>5}")
