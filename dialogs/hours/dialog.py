"""Every step and action choice of the hours feature, for the engine to route to."""

from __future__ import annotations

from dialogs.hours import confirm, log, progress, saving, share, waiting
from dialogs.states import StepKey
from dialogs.steps import Action, Step

STEPS: dict[StepKey, Step] = {
    **log.STEPS,
    **saving.STEPS,
    **progress.STEPS,
    **confirm.STEPS,
    **waiting.STEPS,
}
ACTIONS: dict[str, Action] = {
    **confirm.ACTIONS,
    **progress.ACTIONS,
    share.SHARE: share.share,
}
