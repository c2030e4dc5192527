"""`wegwijs buddy link|unlink|list`: which volunteer goes along with which participant. Both
are told on their channel, as when the link is made in the chat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot import logs
from bot.cli.context import RefusedError, load_settings
from bot.cli.people import staff_member
from dialogs.buddies import links as buddy_links
from dialogs.buddies.links import Refusal
from store.activities import catalogue
from store.buddies import links
from store.people.models import Person

if TYPE_CHECKING:
    from bot.bootstrap import Wegwijs

app = typer.Typer(help="Buddies and the participants they go along with.")
T = TypeVar("T")

By = Annotated[
    str | None, typer.Option(help="The coach or staff member doing it (id or first name).")
]
_REFUSALS = {
    Refusal.NOT_ALLOWED: "Only a coach or staff member links a buddy.",
    Refusal.SAME_PERSON: "A person cannot be their own buddy.",
    Refusal.ALREADY: "They are linked already.",
}


@app.command()
def link(
    buddy: Annotated[int, typer.Argument(help="The buddy's person id.")],
    person: Annotated[int, typer.Argument(help="The participant's person id.")],
    by: By = None,
) -> None:
    """Link a buddy to a participant; the buddy gets the buddy role, and both are told."""

    async def work(wegwijs: Wegwijs, session: AsyncSession) -> str:
        who = None if by is None else await staff_member(session, by)
        the_buddy, participant = await _person(session, buddy), await _person(session, person)
        made = await buddy_links.link(session, the_buddy, participant, wegwijs.clock.now(), who)
        if isinstance(made, Refusal):
            raise RefusedError(_REFUSALS[made])
        told = await wegwijs.queue_for(session, made.news)
        return f"{_pair(the_buddy, participant)}: linked; {told} of 2 told."

    typer.echo(_run(work))


@app.command()
def unlink(
    buddy: Annotated[int, typer.Argument(help="The buddy's person id.")],
    person: Annotated[int, typer.Argument(help="The participant's person id.")],
    by: By = None,
) -> None:
    """End a link; both are told kindly, without a reason."""

    async def work(wegwijs: Wegwijs, session: AsyncSession) -> str:
        the_buddy, participant = await _person(session, buddy), await _person(session, person)
        who = await staff_member(session, by) if by is not None else None
        ended = await buddy_links.end(session, the_buddy, participant, who)
        if ended is None:
            raise RefusedError(f"{_pair(the_buddy, participant)}: they are not linked.")
        told = await wegwijs.queue_for(session, ended.news)
        return f"{_pair(the_buddy, participant)}: link ended; {told} told."

    typer.echo(_run(work))


@app.command("list")
def list_(
    person: Annotated[
        int | None, typer.Argument(help="Only the links of this person (buddy or participant).")
    ] = None,
) -> None:
    """The buddy links: buddy and participant, by id and first name."""

    async def work(wegwijs: Wegwijs, session: AsyncSession) -> list[str]:
        found = []
        for row in await links.all_links(session, person):
            the_buddy = await catalogue.person(session, row.buddy_person_id)
            participant = await catalogue.person(session, row.participant_person_id)
            if the_buddy is not None and participant is not None:
                since = row.created_at.astimezone(wegwijs.settings.zone).strftime("%d-%m-%Y")
                found.append(f"{_pair(the_buddy, participant)}  since {since}")
        return found

    lines = _run(work)
    typer.echo("\n".join(lines) if lines else "No buddy links.")


async def _person(session: AsyncSession, person_id: int) -> Person:
    found = await catalogue.person(session, person_id)
    if found is None:
        raise RefusedError(f"There is no person {person_id}.")
    return found


def _pair(buddy: Person, participant: Person) -> str:
    return (
        f"buddy {buddy.id} {buddy.name or '(no name yet)'}"
        f" → participant {participant.id} {participant.name or '(no name yet)'}"
    )


def _run(work: Callable[[Wegwijs, AsyncSession], Awaitable[T]]) -> T:
    """`work` in one transaction with the bot's wiring (to queue messages); a refusal is said
    on standard error, exit code 1."""
    from bot.bootstrap import Wegwijs

    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)

    async def go() -> T:
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
