"""Every feature's tables on the one metadata: what migrations and the person merge walk."""

from __future__ import annotations

from store import outbox, updates
from store.activities import models as activities
from store.base import Base
from store.broadcasts import models as broadcasts
from store.buddies import models as buddies
from store.cases import models as cases
from store.hours import models as hours
from store.people import models as people
from store.sessions import models as sessions

__all__ = [
    "Base",
    "activities",
    "broadcasts",
    "buddies",
    "cases",
    "hours",
    "outbox",
    "people",
    "sessions",
    "updates",
]
