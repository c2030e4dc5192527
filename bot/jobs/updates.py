"""Forgetting the ids of handled updates once no channel can deliver them again."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.bootstrap import Wegwijs
from store import updates

log = logging.getLogger(__name__)


async def prune(wegwijs: Wegwijs) -> int:
    """Delete update ids older than WEGWIJS_UPDATES_KEEP_DAYS; how many went."""
    keep = timedelta(days=wegwijs.settings.updates_keep_days)
    async with wegwijs.sessions() as session, session.begin():
        pruned = await updates.prune(session, wegwijs.clock.now() - keep)
    if pruned:
        log.info("updates pruned=%d", pruned)
    return pruned
