"""Who may see, claim and talk in which case: checked here, whatever buttons someone was shown."""

from __future__ import annotations

from collections.abc import Sequence

from store.cases.models import Case, CaseStatus
from store.people.models import Person, Role


def may_see(person: Person, case: Case, areas: Sequence[str]) -> bool:
    """A coach sees the cases they claimed and the open ones of their areas (every area when
    they serve none); staff see all; a buddy, a provider or a participant sees none."""
    if Role.STAFF in person.roles:
        return True
    if Role.COACH not in person.roles or case.person_id == person.id:
        return False
    if case.coach_person_id == person.id:
        return True
    return case.status == CaseStatus.OPEN.value and (not areas or case.municipality in areas)


def may_claim(person: Person, case: Case, areas: Sequence[str]) -> bool:
    """A coach of the case's area (any, for a coach who serves none), whatever its status:
    the claim itself says who was first."""
    if Role.COACH not in person.roles or case.person_id == person.id:
        return False
    return not areas or case.municipality in areas or case.coach_person_id == person.id


def may_talk(person: Person, case: Case) -> bool:
    """Only the coach who claimed the case talks with the person in it."""
    return case.coach_person_id == person.id and case.status == CaseStatus.CLAIMED.value
