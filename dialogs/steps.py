"""Names of dialogs and their steps, and the shape every step has."""

from __future__ import annotations

import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from dialogs.messages import Reply

if TYPE_CHECKING:
    from dialogs.turn import Turn


class Dialog(StrEnum):
    ONBOARDING = "onboarding"
    MENU = "menu"
    LANGUAGE = "language"
    PRIVACY = "privacy"
    ACTIVITIES = "activities"
    REQUESTS = "requests"
    HOURS = "hours"
    HOUR_CHECKS = "hour_checks"


class OnboardingStep(StrEnum):
    LANGUAGE = "language"
    CONSENT = "consent"
    NAME = "name"
    MUNICIPALITY = "municipality"
    MUNICIPALITY_CONFIRM = "municipality_confirm"
    MUNICIPALITY_LIST = "municipality_list"
    INTERESTS = "interests"


class MenuStep(StrEnum):
    MAIN = "main"


class LanguageStep(StrEnum):
    CHOOSE = "choose"


class PrivacyStep(StrEnum):
    CONFIRM_FORGET = "confirm_forget"


class ActivityStep(StrEnum):
    WHAT = "what"
    TRAVEL = "travel"
    DUTCH = "dutch"
    RESULTS = "results"
    REFINE = "refine"
    DETAIL = "detail"
    ENROLLED = "enrolled"
    MINE = "mine"
    ENROLMENT = "enrolment"


class RequestStep(StrEnum):
    """A question from someone else, answered in between (a detour)."""

    ENROLMENT = "enrolment"


class HoursStep(StrEnum):
    ENROLMENT = "enrolment"
    DURATION = "duration"
    DURATION_TYPED = "duration_typed"
    DAY = "day"
    DAY_TYPED = "day_typed"
    CHECK = "check"
    DUPLICATE = "duplicate"
    SAVED = "saved"
    MINE = "mine"
    ENTRY = "entry"
    REMOVE = "remove"


class CheckStep(StrEnum):
    """A confirmer's question about someone's hours, answered in between (a detour)."""

    CONFIRM = "confirm"
    REASON = "reason"


StepKey = tuple[Dialog, str]


@dataclass(frozen=True)
class Answer:
    """A resolved answer: the cleaned text and the choice ids it picked."""

    text: str
    picked: tuple[str, ...] = ()

    @property
    def choice(self) -> str | None:
        return self.picked[0] if len(self.picked) == 1 else None


@dataclass(frozen=True)
class Step:
    """A question (`ask`) and what to do with its answer (`answer`, which may move on)."""

    ask: Callable[[Turn], Reply]
    answer: Callable[[Turn, Answer], Awaitable[list[Reply]]]
    free_text: bool = False  # the step reads typed text itself, beyond its choices
    multi: bool = False  # several choices may be picked at once
    # A typed number picks the choice with that number; off where numbers are answers ("6" uur).
    numbered: bool = True
    # Answers a shared location (latitude, longitude), for steps that ask where someone lives.
    location: Callable[[Turn, float, float], Awaitable[list[Reply]]] | None = None


def question_token(key: StepKey) -> str:
    """A short stable name for a question; buttons carry it, so an old button is recognised."""
    return f"{zlib.crc32(f'{key[0]}/{key[1]}'.encode()):08x}"


# An action choice ("<action>:<arg>", e.g. "enrol_accept:17") works whatever the open question
# is, so a button pressed later, after other things, still does what it says.
Action = Callable[["Turn", str], Awaitable[list[Reply]]]

# Choice ids shared by several dialogs.
YES, NO, DONE = "yes", "no", "done"
