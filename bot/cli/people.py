"""Staff commands about people: `wegwijs people find`, and who a command's `--by` names."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.context import RefusedError, run_or_refuse
from dialogs.knowledge import Knowledge
from store.activities import catalogue
from store.people import directory
from store.people.models import Person, Role

app = typer.Typer(help="People on Wegwijs.", pretty_exceptions_show_locals=False)
STAFF_ROLES = (Role.COACH, Role.STAFF)


def line(person: Person) -> str:
    """One person for staff: id, first name, municipality, roles (no channel, no number)."""
    roles = ", ".join(sorted(person.roles)) or "-"
    name, place = person.name or "(no name yet)", person.municipality or "-"
    return f"{person.id:>5}  {name:<20} {place:<22} {roles}"


@app.command()
def find(
    name: Annotated[str | None, typer.Argument(help="(The start of) a first name.")] = None,
    municipality: Annotated[str | None, typer.Option(help="Living in this municipality.")] = None,
    role: Annotated[Role | None, typer.Option(help="Holding this role.")] = None,
) -> None:
    """Find people: id, first name, municipality and roles."""
    if name is None and municipality is None and role is None:
        raise typer.BadParameter("give a NAME, --municipality or --role")
    place = None
    if municipality is not None:
        found = Knowledge.load().gazetteer.find(municipality)
        if found is None:
            typer.echo(f"{municipality!r} is not a Westhoek municipality.", err=True)
            raise typer.Exit(1)
        place = found.municipality

    async def work(session: AsyncSession) -> list[str]:
        people = await directory.find(session, name=name, municipality=place, role=role)
        return [line(person) for person in people]

    lines = run_or_refuse(work)
    if not lines:
        typer.echo("Nobody found.")
        return
    typer.echo(f"{'id':>5}  {'first name':<20} {'municipality':<22} roles")
    typer.echo("\n".join(lines))


async def staff_member(session: AsyncSession, who: str) -> Person:
    """The coach or staff member `--by` names (an id or a first name); checked, not trusted."""
    if who.strip().isdigit():
        found = await catalogue.person(session, int(who))
        if found is None:
            raise RefusedError(f"There is no person {who.strip()}.")
        if not found.roles & set(STAFF_ROLES):
            raise RefusedError(f"Person {found.id} is no coach or staff member.")
        return found
    matches = await directory.by_name(session, who, STAFF_ROLES)
    if not matches:
        raise RefusedError(f"No coach or staff member is called {who!r}.")
    if len(matches) > 1:
        named = "; ".join(f"{p.id} {p.name}" for p in matches)
        raise RefusedError(f"Several coaches or staff members match {who!r}: {named}. Give the id.")
    return matches[0]
