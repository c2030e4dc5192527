"""What the report's chat command needs from the bot layer, which draws the charts."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.messages import Attachment
from store.reports.figures import Period


class ReportMaker(Protocol):
    """Makes the report's PDF for the whole Westhoek."""

    async def pdf(self, session: AsyncSession, period: Period, now: datetime) -> Attachment: ...
