"""The hours store behind the confirmation page (the desk), the PDF overview and the exports."""

from __future__ import annotations

import asyncio
import csv
import io
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.bootstrap import Wegwijs
from bot.hours import paper
from bot.hours.desk import HoursDesk
from bot.settings import Settings
from bot.web.desk import ConfirmView, Done, RefusalReason, Refused
from store.people.models import Role
from tests.catalogue import KITCHEN_IEPER, stock
from tests.hours_support import entries, grant, other, person_id
from tests.support import Chat, FakeClock


@pytest.fixture
async def wegwijs(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Wegwijs]:
    settings = Settings(
        database_url=database_url, data_dir=tmp_path, public_url="https://wegwijs.example"
    )
    running = await Wegwijs.start(settings, clock)
    yield running
    await running.close()


async def _logged(wegwijs: Wegwijs, clock: FakeClock) -> tuple[Chat, str]:
    """Amina logged 3 hours yesterday and pressed Laat bevestigen: the link's token."""
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    ids = await stock(amina.sessions, KITCHEN_IEPER)
    await amina.onboard(name="Amina", place="Ieper", language="nl")
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await amina.send("/menu")
    await amina.send("gisteren 3 uur")
    await amina.click("yes")
    [entry] = await entries(amina)
    said = await amina.click(f"hours_share:{entry.id}")
    [link] = [m.params["text"] for m in said.replies[0].texts if m.msgid == "{text}"]
    assert isinstance(link, str)
    assert link.startswith("https://wegwijs.example/bevestig/")
    await wegwijs.waiting("console", "amina")
    return amina, link.rsplit("/", 1)[1]


async def test_the_desk_shows_confirms_once_and_tells_the_participant(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina, token = await _logged(wegwijs, clock)
    desk = HoursDesk(wegwijs)

    shown = await desk.show(token)
    assert isinstance(shown, ConfirmView)
    assert (shown.first_name, shown.minutes, shown.activity) == (
        "Amina",
        180,
        "Samen koken in Ieper",
    )

    done = await desk.confirm(token, "Els Vermeulen")
    assert isinstance(done, Done)
    [entry] = await entries(amina)
    assert (entry.status, entry.decided_via, entry.decided_name) == (
        "confirmed",
        "qr-link",
        "Els Vermeulen",
    )
    [news] = await wegwijs.waiting("console", "amina")
    assert news.text.startswith("Goed nieuws! Els Vermeulen bevestigde je uren.")

    assert await desk.confirm(token, "Els") == Refused(RefusalReason.USED)
    assert await desk.show(token) == Refused(RefusalReason.USED)
    assert await desk.show(token[:-2] + "xx") == Refused(RefusalReason.UNKNOWN)


async def test_a_rejection_keeps_the_reason_and_an_old_link_expires(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina, token = await _logged(wegwijs, clock)
    desk = HoursDesk(wegwijs)
    clock.advance(days=14, seconds=1)
    assert await desk.confirm(token, "Els") == Refused(RefusalReason.EXPIRED)
    [entry] = await entries(amina)
    assert entry.status == "pending"
    said = await amina.click(f"hours_share:{entry.id}")  # a new link
    [link] = [m.params["text"] for m in said.replies[0].texts if m.msgid == "{text}"]
    assert isinstance(link, str)
    done = await desk.reject(link.rsplit("/", 1)[1], "Els", "  Ze was er niet.  ")
    assert isinstance(done, Done)
    [entry] = await entries(amina)
    assert (entry.status, entry.reason) == ("rejected", "Ze was er niet.")


async def test_a_link_for_hours_answered_in_wegwijs_is_refused_and_stays_unused(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina, token = await _logged(wegwijs, clock)
    coach = other(amina, "coach")
    await coach.onboard(name="Lotte", place="Ieper")
    await grant(coach, Role.COACH)
    [entry] = await entries(amina)
    await coach.click(f"hours_yes:{entry.id}.1")
    desk = HoursDesk(wegwijs)
    assert await desk.show(token) == Refused(RefusalReason.ALREADY_ANSWERED)
    assert await desk.confirm(token, "Els") == Refused(RefusalReason.ALREADY_ANSWERED)


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL")
async def test_two_people_on_the_page_at_the_same_moment_one_wins(
    database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    settings = Settings(
        database_url=database_url, data_dir=tmp_path, public_url="https://wegwijs.example"
    )
    wegwijs = await Wegwijs.start(settings, clock)
    try:
        amina, token = await _logged(wegwijs, clock)
        desk = HoursDesk(wegwijs)
        results = await asyncio.gather(desk.confirm(token, "Els"), desk.reject(token, "Jan", ""))
        assert sorted(type(result).__name__ for result in results) == ["Done", "Refused"]
        [entry] = await entries(amina)
        assert entry.status in {"confirmed", "rejected"}
    finally:
        await wegwijs.close()


async def test_the_overview_is_a_pdf_whose_code_the_page_checks(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina, token = await _logged(wegwijs, clock)
    desk = HoursDesk(wegwijs)
    await desk.confirm(token, "Els")
    await amina.send("/menu")
    await amina.click("my_hours")
    said = await amina.click("overview")
    attachment = said.replies[0].attachment
    assert attachment is not None
    assert attachment.media_type == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(attachment.content)).pages
    )
    assert "Amina" in text
    assert "Samen koken in Ieper" in text
    assert "Els" in text
    code = next(word for word in text.split() if len(word) == 11 and word[5] == "-")
    checked = await desk.check(code)
    assert checked is not None
    assert (checked.participant, checked.confirmed_minutes) == ("Amina", 180)
    assert await desk.check("AAAAA-AAAAA") is None


async def test_the_export_is_read_back_from_csv_and_xlsx(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina, token = await _logged(wegwijs, clock)
    await HoursDesk(wegwijs).confirm(token, "Els")
    async with wegwijs.sessions() as session:
        rows = await paper.export_rows(session, municipality="Ieper")
        assert await paper.export_rows(session, municipality="Veurne") == []
    from bot.hours.export import to_csv, to_xlsx

    lines = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig")), delimiter=";"))
    assert lines[1][1:8] == [
        "Amina",
        "Ieper",
        "Samen koken in Ieper",
        "Vereniging Samen koken in Ieper",
        "2026-11-11",
        "3",
        "bevestigd",
    ]
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    assert sheet is not None
    assert sheet.cell(row=2, column=7).value == 3
    assert await person_id(amina) == sheet.cell(row=2, column=1).value
