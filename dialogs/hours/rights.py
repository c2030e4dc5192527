"""Who may confirm or correct whose hours: checked here, whatever buttons someone was shown."""

from __future__ import annotations

from store.hours.models import ConfirmedVia, EntryStatus, HourEntry
from store.people.models import Person, Role


def confirmer(
    person: Person, entry: HourEntry, goes_along_with: frozenset[int] = frozenset()
) -> ConfirmedVia | None:
    """How `person` may confirm `entry` (as its activity's contact, coach, staff, or the buddy
    who goes along with its participant: `goes_along_with`), or None. Nobody confirms their
    own hours."""
    if person.id == entry.person_id:
        return None
    if entry.enrolment.activity.provider_person_id == person.id:
        return ConfirmedVia.PROVIDER
    roles = person.roles
    if Role.STAFF in roles:
        return ConfirmedVia.STAFF
    if Role.COACH in roles:
        return ConfirmedVia.COACH
    if Role.BUDDY in roles and entry.person_id in goes_along_with:
        return ConfirmedVia.BUDDY
    return None


def may_correct(person: Person, entry: HourEntry) -> bool:
    """Coaches and staff correct any entry; participants only remove their own pending ones."""
    if person.roles & {Role.COACH, Role.STAFF} and person.id != entry.person_id:
        return True
    return person.id == entry.person_id and entry.status == EntryStatus.PENDING


def may_log_for_others(person: Person) -> bool:
    """Coaches and staff may log hours for someone, also longer ago than participants may."""
    return bool(person.roles & {Role.COACH, Role.STAFF})
