"""`wegwijs report`: the network's KPI report as HTML, PDF, CSV or XLSX."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.context import in_transaction, load_settings
from bot.reports.files import Format, file_name, render
from dialogs.knowledge import Knowledge
from dialogs.reports.assemble import assemble
from store.reports.figures import BRUSSELS, Period


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(f"{option}: {text!r} is not a day like 2026-11-30.", err=True)
        raise typer.Exit(2) from None


def report(
    format_: Annotated[
        Format, typer.Option("--format", help="html, pdf, csv or xlsx.")
    ] = Format.HTML,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="YYYY-MM-DD", help="First day (default: 1 January)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Last day (default: today).")
    ] = None,
    municipality: Annotated[str | None, typer.Option(help="Only this municipality.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write it.")] = None,
) -> None:
    """The KPI report for the stuurgroep: counts only, fewer than 5 people shown as <5."""
    settings = load_settings()
    now = datetime.now(BRUSSELS)
    last = now.date() if until is None else _day(until, "--until")
    first = last.replace(month=1, day=1) if from_ is None else _day(from_, "--from")
    if last < first:
        typer.echo("--until is before --from.", err=True)
        raise typer.Exit(2)
    gazetteer = Knowledge.load().gazetteer
    place = None
    if municipality is not None:
        found = gazetteer.find(municipality)
        if found is None:
            typer.echo(f"{municipality!r} is not a Westhoek municipality.", err=True)
            raise typer.Exit(1)
        place = found.municipality
    made = in_transaction(
        lambda session: assemble(
            session,
            Period(first, last),
            municipality=place,
            municipalities=gazetteer.municipalities,
            coordinates=gazetteer.coordinates,
            target_hours=settings.hours_target,
            now=now,
        )
    )
    path = out or Path(file_name(made, format_))
    path.write_bytes(render(made, format_))
    typer.echo(f"Wrote the report ({made.period_text}) to {path}.")
