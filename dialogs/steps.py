"""The shape every step has: a question, what to do with its answer, and action choices."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from dialogs.messages import Reply
from dialogs.turn import Turn


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
    # Long text with its line breaks (an announcement staff write), not cut at 500 characters.
    long_text: bool = False
    # Answers a shared location (latitude, longitude), for steps that ask where someone lives.
    location: Callable[[Turn, float, float], Awaitable[list[Reply]]] | None = None


# An action choice ("<action>:<arg>", e.g. "enrol_accept:17") works whatever the open question
# is, so a button pressed later, after other things, still does what it says.
Action = Callable[[Turn, str], Awaitable[list[Reply]]]
