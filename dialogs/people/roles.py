"""Roles beside being a participant: who counts as a helper, and the shape of a menu item
that only some roles see (the menu lists them in `dialogs.menu.ROLE_ITEMS`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from dialogs.messages import Msg, Reply
from dialogs.turn import Turn
from store.people.models import Person, Role

HELPER_ROLES = frozenset({Role.BUDDY, Role.COACH, Role.PROVIDER, Role.STAFF})


@dataclass(frozen=True)
class RoleItem:
    """A menu item for some roles: its choice id, label, who sees it, and what it opens."""

    id: str
    label: Msg
    roles: frozenset[Role]
    open: Callable[[Turn], Awaitable[list[Reply]]]


def is_helper(person: Person) -> bool:
    """Someone who helps on Wegwijs (coach, staff, buddy, provider): their menu is for that."""
    return bool(person.roles & HELPER_ROLES)


def items_for(person: Person, items: tuple[RoleItem, ...]) -> tuple[RoleItem, ...]:
    """The items of `items` this person's roles may see, in their order."""
    return tuple(item for item in items if item.roles & person.roles)
