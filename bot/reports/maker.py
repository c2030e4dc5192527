"""`dialogs.reports.setup.ReportMaker`: the report from the store, drawn as a PDF."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.messages import Attachment
from dialogs.reports.assemble import assemble
from dialogs.understanding.places import Gazetteer
from store.reports.figures import Period


class PdfReports:
    def __init__(self, gazetteer: Gazetteer, target_hours: int):
        self._gazetteer = gazetteer
        self._target = target_hours

    async def pdf(self, session: AsyncSession, period: Period, now: datetime) -> Attachment:
        # matplotlib is imported when a report is asked for, not when the bot starts.
        from bot.reports.files import MEDIA_TYPES, Format, file_name, render

        made = await assemble(
            session,
            period,
            municipality=None,
            municipalities=self._gazetteer.municipalities,
            coordinates=self._gazetteer.coordinates,
            target_hours=self._target,
            now=now,
        )
        # Drawing the charts takes a second of CPU: off the event loop, so others get answers.
        content = await asyncio.to_thread(render, made, Format.PDF)
        return Attachment(file_name(made, Format.PDF), content, MEDIA_TYPES[Format.PDF])
