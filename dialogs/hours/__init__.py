"""Hours: logging them, having them confirmed, progress to the target (see hours.mmd)."""

from __future__ import annotations

from dialogs.hours import confirm, log, progress, saving, share
from dialogs.steps import Action, Step, StepKey

STEPS: dict[StepKey, Step] = {
    **log.STEPS,
    **saving.STEPS,
    **progress.STEPS,
    **confirm.STEPS,
}
ACTIONS: dict[str, Action] = {
    **confirm.ACTIONS,
    **progress.ACTIONS,
    share.SHARE: share.share,
}
