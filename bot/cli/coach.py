"""`wegwijs coach areas COACH [MUNICIPALITY …]`: which municipalities a coach serves (their
new help cases alert them); without municipalities it shows them."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.context import RefusedError, run_or_refuse
from dialogs.knowledge import Knowledge
from store.activities import catalogue
from store.cases import cases
from store.people.models import Role

app = typer.Typer(help="Coaches and the municipalities they serve.")


@app.command()
def areas(
    coach: Annotated[int, typer.Argument(help="The coach's person id.")],
    municipalities: Annotated[
        list[str] | None, typer.Argument(help="Municipalities (or their villages); none: show.")
    ] = None,
) -> None:
    """Set (or show) the municipalities a coach serves; a case elsewhere alerts every coach."""
    gazetteer = Knowledge.load().gazetteer
    names: list[str] = []
    for typed in municipalities or []:
        found = gazetteer.find(typed)
        if found is None:
            typer.echo(f"{typed!r} is not a Westhoek municipality.", err=True)
            raise typer.Exit(1)
        if found.municipality not in names:
            names.append(found.municipality)

    async def work(session: AsyncSession) -> str:
        person = await catalogue.person(session, coach)
        if person is None:
            raise RefusedError(f"There is no person {coach}.")
        if Role.COACH not in person.roles:
            raise RefusedError(f"Person {coach} is no coach: `wegwijs invite --role coach` first.")
        if municipalities:
            await cases.set_areas(session, coach, names)
        served = await cases.areas_of(session, coach)
        who = person.name or "(no name yet)"
        return (
            f"Coach {coach} {who} serves: {', '.join(served) if served else 'every municipality'}."
        )

    typer.echo(run_or_refuse(work))
