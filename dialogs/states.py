"""Where a conversation can be: the dialogs, their steps, and the names of questions."""

from __future__ import annotations

import zlib
from enum import StrEnum


class Dialog(StrEnum):
    ONBOARDING = "onboarding"
    MENU = "menu"
    LANGUAGE = "language"
    PRIVACY = "privacy"
    ACTIVITIES = "activities"
    REQUESTS = "requests"
    HOURS = "hours"
    HOUR_CHECKS = "hour_checks"
    BROADCAST = "broadcast"
    SESSIONS = "sessions"
    BUDDIES = "buddies"
    CASES = "cases"


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
    WAITING = "waiting"  # the list of hours a provider, coach or staff member may check


class BroadcastStep(StrEnum):
    """Staff writing an announcement: who, the Dutch text, translations, a link, when, check."""

    AUDIENCE = "audience"
    TEXT = "text"
    TEXT_CHECK = "text_check"
    TRANSLATION = "translation"
    LINK = "link"
    WHEN = "when"
    PREVIEW = "preview"


class CaseStep(StrEnum):
    """A coach's alert of a new help case (answered in between), and their list of cases."""

    ALERT = "alert"
    LIST = "list"
    CLAIMED = "claimed"  # "Jij helpt Amina nu", with Praat met Amina


class BuddyStep(StrEnum):
    """A participant's buddy, a buddy's participants, and ending a link."""

    MINE = "mine"
    PARTICIPANTS = "participants"
    END = "end"


class SessionStep(StrEnum):
    """Taalplezier: the sessions coming up, then the answer to one."""

    LIST = "list"
    ANSWER = "answer"
    CHILDREN = "children"


StepKey = tuple[Dialog, str]


def question_token(key: StepKey) -> str:
    """A short stable name for a question; buttons carry it, so an old button is recognised."""
    return f"{zlib.crc32(f'{key[0]}/{key[1]}'.encode()):08x}"


# Choice ids shared by several dialogs.
YES, NO, DONE = "yes", "no", "done"
