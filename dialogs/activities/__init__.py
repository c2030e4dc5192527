"""Activities: finding one that fits, signing up, and the provider's yes or no."""

from __future__ import annotations

from dialogs.activities import enrol, mine, requests, results, search
from dialogs.steps import Action, Step, StepKey

STEPS: dict[StepKey, Step] = {
    **search.STEPS,
    **results.STEPS,
    **enrol.STEPS,
    **mine.STEPS,
    **requests.STEPS,
}
ACTIONS: dict[str, Action] = {**enrol.ACTIONS, **mine.ACTIONS, **requests.ACTIONS}
