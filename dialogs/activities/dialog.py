"""Every step and action choice of the activities feature, for the engine to route to."""

from __future__ import annotations

from dialogs.activities import enrol, mine, requests, results, search
from dialogs.states import StepKey
from dialogs.steps import Action, Step

STEPS: dict[StepKey, Step] = {
    **search.STEPS,
    **results.STEPS,
    **enrol.STEPS,
    **mine.STEPS,
    **requests.STEPS,
}
ACTIONS: dict[str, Action] = {**enrol.ACTIONS, **mine.ACTIONS, **requests.ACTIONS}
