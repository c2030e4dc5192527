"""`wegwijs invite`: a one-time code that gives a role, with its Telegram link."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from typing import Annotated

import typer

from bot import logs
from bot.cli.context import load_settings
from bot.people import invites
from store.people.models import Role


class InvitedRole(StrEnum):
    COACH = "coach"
    BUDDY = "buddy"
    PROVIDER = "provider"
    STAFF = "staff"


def invite(
    role: Annotated[InvitedRole, typer.Option(help="The role the invite grants.")],
    for_: Annotated[
        int | None,
        typer.Option(
            "--for",
            help="A person id. For a buddy: the participant the buddy goes along with (linked "
            "on use). For the other roles: the only person who may use it.",
        ),
    ] = None,
    days: Annotated[int | None, typer.Option(help="Days it stays valid.")] = None,
) -> None:
    """Make a one-time invite: a Telegram link, and the code for Signal and the console."""
    settings = load_settings()
    logs.configure(settings.log_level, settings.log_file)
    try:
        made = asyncio.run(invites.make(settings, Role(role.value), for_, days))
    except invites.NoSuchPersonError:
        typer.echo(f"There is no person with id {for_}.", err=True)
        raise typer.Exit(2) from None
    until = made.expires_at.astimezone(settings.zone).strftime("%d-%m-%Y %H:%M")
    if made.buddy_of is not None:
        typer.echo(
            f"Invite for a buddy of person {for_} ({made.buddy_of}), linked on use, one use, "
            f"valid until {until}."
        )
    else:
        typer.echo(f"Invite for the role {role.value}, one use, valid until {until}.")
    if made.link:
        typer.echo(f"Telegram: {made.link}")
    typer.echo(f'Signal or console: send "/start {made.code}"')
