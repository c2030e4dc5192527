"""The hours documents from the store: the participant's PDF overview (its code recorded, so the
web page can check it) and the rows of the counsellors' CSV/XLSX export."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.hours.export import ExportRow
from bot.hours.overview import Overview, OverviewEntry, render_overview
from bot.hours.wording import ConfirmedHow
from bot.hours.wording import EntryStatus as PaperStatus
from bot.web.confirm import check_url
from dialogs.messages import Attachment
from store.hours import entries, links
from store.hours.models import ConfirmedVia, EntryStatus, HourEntry
from store.people.models import Person

OVERVIEW_FILE = "wegwijs-overzicht-uren.pdf"
_HOW = {
    ConfirmedVia.LINK: ConfirmedHow.LINK,
    ConfirmedVia.PROVIDER: ConfirmedHow.PROVIDER,
    ConfirmedVia.BUDDY: ConfirmedHow.BUDDY,
    ConfirmedVia.COACH: ConfirmedHow.COACH,
    ConfirmedVia.STAFF: ConfirmedHow.STAFF,
}
_SHOWN = (EntryStatus.PENDING, EntryStatus.CONFIRMED, EntryStatus.REJECTED)


def _how(entry: HourEntry) -> ConfirmedHow | None:
    return None if entry.decided_via is None else _HOW[ConfirmedVia(entry.decided_via)]


class OverviewMaker:
    """`dialogs.hours_setup.Paperwork`: the overview as a PDF, for the chat and the CLI."""

    def __init__(self, base_url: str):
        self._base_url = base_url  # where /controle/{code} is reached

    async def overview(self, session: AsyncSession, person: Person, now: datetime) -> Attachment:
        pdf = render_overview(await self.build(session, person, now))
        return Attachment(OVERVIEW_FILE, pdf, "application/pdf")

    async def build(self, session: AsyncSession, person: Person, now: datetime) -> Overview:
        """The overview's data; records a new verification code for it."""
        shown = [e for e in await entries.of_person(session, person.id) if e.status in _SHOWN]
        lines = tuple(
            OverviewEntry(
                day=entry.day,
                activity=entry.enrolment.activity.title,
                organisation=entry.enrolment.activity.organisation,
                minutes=entry.minutes,
                status=PaperStatus(entry.status),
                confirmed_by=entry.decided_name if entry.status == EntryStatus.CONFIRMED else None,
                how=_how(entry) if entry.status == EntryStatus.CONFIRMED else None,
            )
            for entry in sorted(shown, key=lambda e: (e.day, e.id))
        )
        confirmed = sum(line.minutes for line in lines if line.status is PaperStatus.CONFIRMED)
        code = await links.new_overview(session, person.id, confirmed, len(lines), now)
        return Overview(
            participant=person.name or "?",
            municipality=person.municipality or "",
            entries=lines,
            made_at=now,
            code=code,
            check_url=check_url(self._base_url, code),
        )


async def export_rows(
    session: AsyncSession,
    *,
    municipality: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[ExportRow]:
    """One row per entry (removed ones left out), by participant's municipality and days."""
    found = await entries.for_export(session, municipality=municipality, since=since, until=until)
    return [
        ExportRow(
            person_id=person.id,
            name=person.name or "",
            municipality=person.municipality or "",
            activity=entry.enrolment.activity.title,
            organisation=entry.enrolment.activity.organisation,
            day=entry.day,
            minutes=entry.minutes,
            status=PaperStatus(entry.status),
            confirmed_by=entry.decided_name if entry.status == EntryStatus.CONFIRMED else None,
            how=_how(entry) if entry.status == EntryStatus.CONFIRMED else None,
        )
        for entry, person in found
    ]
