"""The network's KPI report on a seeded store with known numbers, and its small-cell rule."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.reports.files import Format, render
from bot.reports.maker import PdfReports
from dialogs.clear_dutch import measure
from dialogs.engine import Engine
from dialogs.knowledge import Knowledge
from dialogs.reports import build
from dialogs.reports.assemble import assemble
from dialogs.reports.build import Chart, Report
from dialogs.reports.tables import Cell, Table, protect, with_totals
from store.activities.models import Activity, Enrolment, EnrolmentStatus, UnmetWish
from store.hours.models import EntryStatus, HourEntry
from store.people.models import ChannelAccount, Person, Role
from store.reports.figures import (
    ActivityFigures,
    HourFigures,
    MatchFigures,
    PeopleFigures,
    Period,
    Tally,
)
from tests.hours_support import grant
from tests.support import BRUSSELS, KNOWLEDGE, Chat, FakeClock, wegwijs_command

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=300)
GAZETTEER = Knowledge.load().gazetteer


def people(*ids: int) -> Cell:
    return Cell.of_people(set(ids))


# The small-cell rule -------------------------------------------------------------------------


def test_one_to_four_people_show_as_under_five_and_zero_stays() -> None:
    table = protect(
        Table("t", ("", "a", "b", "c"), ("r",), ((people(1, 2), people(), people(*range(9))),))
    )
    assert [cell.shown for cell in table.cells[0]] == ["<5", "0", "9"]


def test_a_total_cannot_give_back_a_hidden_cell() -> None:
    # Ieper 12, Mesen 3, Veurne 7: with the total 22 shown, Mesen's 3 would be 22 - 12 - 7.
    table = with_totals(
        "t",
        ("Gemeente", "Mensen"),
        ("Ieper", "Mesen", "Veurne"),
        [[people(*range(12))], [people(*range(100, 103))], [people(*range(200, 207))]],
        row_totals=False,
    )
    shown = [row[0].shown for row in table.cells]
    assert shown == ["12", "<5", "x", "22"]  # the smallest other cell is hidden as well
    visible = [row[0].visible_value for row in table.cells]
    unknown = [value for value in visible[:-1] if value is None]
    assert len(unknown) >= 2  # one equation, two unknowns: nothing to compute back


def test_guards_spread_through_rows_and_columns_until_no_line_has_one_gap() -> None:
    grid = [
        [people(*range(20)), people(1)],
        [people(*range(30, 60)), people(*range(60, 90))],
    ]
    table = with_totals("t", ("", "a", "b"), ("x", "y"), grid)
    for line in [*table.cells, *zip(*table.cells, strict=True)]:
        assert sum(cell.hidden is not None for cell in line) != 1, table.cells


def test_a_total_counts_a_person_in_several_cells_once() -> None:
    table = with_totals(
        "t",
        ("", "nov", "dec"),
        ("Ieper",),
        [[people(1, 2, 3), people(1, 2, 3)]],
        column_totals=False,
    )
    assert table.cells[0][-1].shown == "<5"  # three people, not six


# The report on a seeded store ----------------------------------------------------------------


def _person(
    session: AsyncSession, pid: int, place: str, language: str, onboarded: datetime
) -> Person:
    person = Person(
        id=pid,
        name=f"P{pid}",
        municipality=place,
        help_language=language,
        interests=[],
        consent_at=onboarded,
        onboarded_at=onboarded,
        created_at=onboarded,
        updated_at=onboarded,
    )
    person.role_rows = []
    person.grant(Role.PARTICIPANT)
    person.accounts = [
        ChannelAccount(
            channel="telegram",
            address=str(pid),
            created_at=onboarded,
            active=True,
            last_seen_at=NOW - timedelta(days=3 if pid % 2 else 45),
        )
    ]
    session.add(person)
    return person


def _activity(aid: int, place: str, counts: bool | None, interests: list[str]) -> Activity:
    return Activity(
        id=aid,
        source="csv",
        external_id=str(aid),
        title=f"A{aid}",
        description="",
        organisation="O",
        municipality=place,
        interests=interests,
        with_others=counts,
        new_contacts=counts,
        dutch_setting=counts,
        created_at=NOW - timedelta(days=300),
        updated_at=NOW - timedelta(days=300),
    )


async def seed(sessions: async_sessionmaker[AsyncSession]) -> None:
    await _seed(sessions)
    async with sessions() as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            # The rows above came with their ids: move PostgreSQL's counters past them.
            for name in ("persons", "channel_accounts", "activities", "enrolments", "hour_entries"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                        f" (SELECT max(id) FROM {name}))"
                    )
                )


async def _seed(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Ieper: 8 people (6 onboarded in November, 2 in October); Mesen: 2; Veurne: 5."""
    nov, oct_ = datetime(2026, 11, 10, 10, tzinfo=UTC), datetime(2026, 10, 5, 10, tzinfo=UTC)
    async with sessions() as session, session.begin():
        for pid in range(1, 9):
            _person(session, pid, "Ieper", "ar" if pid <= 5 else "uk", nov if pid <= 6 else oct_)
        for pid in (9, 10):
            _person(session, pid, "Mesen", "ti", nov)
        for pid in range(11, 16):
            _person(session, pid, "Veurne", "fa", oct_)
        session.add_all(
            [
                _activity(1, "Ieper", True, ["sport"]),
                _activity(2, "Ieper", True, ["koken", "sport"]),
                _activity(3, "Veurne", False, ["lezen"]),
                _activity(4, "Mesen", None, ["natuur"]),
            ]
        )
        await session.flush()
        # Six people of Ieper and all five of Veurne signed up; one of Ieper with a coach.
        for pid in (*range(1, 7), *range(11, 16)):
            session.add(
                Enrolment(
                    id=pid,
                    person_id=pid,
                    activity_id=1 if pid < 11 else 3,
                    status=EnrolmentStatus.STARTED.value,
                    created_at=nov + timedelta(days=1),
                    started_at=nov + timedelta(days=2),
                    updated_at=nov,
                    together_requested_at=nov if pid == 1 else None,
                )
            )
        await session.flush()
        # Veurne's five reach 40 confirmed hours (8 entries of 5 h), 4 weeks after onboarding.
        entry = 0
        for pid in range(11, 16):
            for n in range(8):
                entry += 1
                session.add(
                    _entry(
                        entry,
                        pid,
                        date(2026, 10, 6) + timedelta(days=3 * n + 4),
                        300,
                        EntryStatus.CONFIRMED,
                        datetime(2026, 11, 20, tzinfo=UTC),
                    )
                )
        # Ieper's six: 2 h confirmed each in December, and 1 h waiting each.
        for pid in range(1, 7):
            entry += 1
            session.add(
                _entry(
                    entry,
                    pid,
                    date(2026, 12, 1),
                    120,
                    EntryStatus.CONFIRMED,
                    datetime(2026, 12, 2, tzinfo=UTC),
                )
            )
            entry += 1
            session.add(_entry(entry, pid, date(2026, 12, 3), 60, EntryStatus.PENDING, None))
        for wish in range(7):
            session.add(
                UnmetWish(
                    noted_on=date(2026, 11, 15),
                    municipality="Mesen",
                    interests=["sport"] if wish < 6 else ["muziek"],
                    with_children=False,
                )
            )


def _entry(
    eid: int,
    pid: int,
    day: date,
    minutes: int,
    status: EntryStatus,
    decided: datetime | None,
) -> HourEntry:
    created = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=20)
    return HourEntry(
        id=eid,
        person_id=pid,
        enrolment_id=pid,  # each test person has one sign-up, with their own id
        day=day,
        minutes=minutes,
        status=status.value,
        decided_at=decided,
        pending_since=created,
        created_at=created,
        updated_at=decided or created,
    )


async def make(
    sessions: async_sessionmaker[AsyncSession], municipality: str | None = None
) -> Report:
    async with sessions() as session:
        return await assemble(
            session,
            Period(date(2026, 10, 1), date(2026, 12, 6)),
            municipality=municipality,
            municipalities=GAZETTEER.municipalities,
            coordinates=GAZETTEER.coordinates,
            target_hours=40,
            now=NOW,
        )


def table(report: Report, title: str) -> Table:
    return next(t for s in report.sections for t in s.tables if t.title == title)


def cells(found: Table, label: str) -> list[str]:
    return [cell.shown for cell in found.cells[found.labels.index(label)]]


async def test_people_figures_per_month_municipality_and_language(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await seed(sessions)
    report = await make(sessions)
    onboarded = table(report, "Nieuw ingeschreven per maand")
    assert onboarded.header == ("Gemeente", "okt 2026", "nov 2026", "dec 2026", "Totaal")
    # Ieper's October (2) and Mesen's November (2) are under five. With the totals shown, Mesen's
    # October and Ieper's November would give them back (7 - 5 - 0, 8 - 6), and Ieper's 8 would
    # give Mesen's 2 (15 - 8 - 5): those are hidden too.
    assert cells(onboarded, "Ieper") == ["<5", "x", "0", "x"]
    assert cells(onboarded, "Mesen") == ["x", "<5", "0", "<5"]
    assert cells(onboarded, "Veurne") == ["5", "0", "0", "5"]
    assert cells(onboarded, "Totaal") == ["7", "8", "0", "15"]
    for line in [*onboarded.cells, *zip(*onboarded.cells, strict=True)]:
        assert sum(cell.hidden is not None for cell in line) != 1
    languages = table(report, "Mensen per hulptaal")
    assert cells(languages, "Arabisch") == ["5"]
    assert cells(languages, "Dari of Perzisch") == ["5"]
    assert cells(languages, "Tigrinya") == ["<5"]
    assert cells(languages, "Oekraïens") == ["<5"]
    active = table(report, "Actief in de laatste 30 dagen")
    assert cells(active, "Ieper") == ["<5"]  # the odd ids, 1 3 5 7: four people
    assert cells(active, "Totaal") == ["8"]  # 4 + 1 + 3


async def test_offer_gaps_matches_and_hours(sessions: async_sessionmaker[AsyncSession]) -> None:
    await seed(sessions)
    report = await make(sessions)
    offer = table(report, "Activiteiten per gemeente")
    assert cells(offer, "Ieper") == ["2", "0", "0", "2"]  # activities are not people: no <5
    assert cells(offer, "Mesen") == ["0", "0", "1", "1"]
    offer_section = next(s for s in report.sections if s.title == "Aanbod")
    gaps = next(line for line in offer_section.lines if line.startswith("Gemeenten zonder"))
    assert "Mesen" in gaps
    assert "Veurne" in gaps
    assert "Ieper" not in gaps
    wishes = table(report, "Wensen zonder passend aanbod")
    # One wish for music in Mesen: under five, and 7 - 6 would give it back, so sport hides too.
    assert cells(wishes, "muziek") == ["<5", "<5"]
    assert cells(wishes, "sport") == ["x", "x"]
    assert cells(wishes, "Totaal") == ["7", "7"]
    events = table(report, "Inschrijvingen voor activiteiten")
    assert cells(events, "nov 2026") == ["11", "11", "0"]
    welcome = table(report, "Hoe mensen hun activiteit vonden")
    assert cells(welcome, "met een coach die de eerste keer meegaat") == ["<5"]
    hours = table(report, "Uren per maand")
    assert cells(hours, "nov 2026") == ["0", "200"]  # Veurne's 5 × 40 h, confirmed on 20 Nov
    assert cells(hours, "dec 2026") == ["18", "12"]  # Ieper's 6 × (2 + 1) h logged, 6 × 2 confirmed
    bands = table(report, "Mensen per aantal bevestigde uren")
    assert cells(bands, "0 tot 10 uur") == ["10"]  # Ieper 8 and Mesen 2
    assert cells(bands, "40 uur of meer") == ["5"]
    section = next(s for s in report.sections if s.title == "Uren")
    assert "Uren die nog wachten op een bevestiging: 6." in section.lines
    assert "Mensen met 40 bevestigde uren: 5." in section.lines
    # Onboarded on 5 October, the 40th hour on 31 October: 26 days, the same for all five.
    assert "De helft van hen deed er minder dan 3,7 weken over." in section.lines


async def test_one_municipality_keeps_only_its_people(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await seed(sessions)
    report = await make(sessions, "Mesen")
    onboarded = table(report, "Nieuw ingeschreven per maand")
    assert onboarded.labels == ("Mesen", "Totaal")
    assert all(cell.shown in ("0", "<5", "x") for row in onboarded.cells for cell in row)
    assert report.heading == "Wegwijs in Mesen"


async def test_every_form_holds_the_same_hidden_cells_and_no_name(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await seed(sessions)
    report = await make(sessions)
    html = render(report, Format.HTML).decode()
    assert html.count("<svg") == sum(len(s.charts) for s in report.sections)
    # Nothing to fetch (namespaces are names, not downloads): it opens offline.
    assert not re.search(r'(src|href)\s*=\s*"(?!#|data:)', html), "a resource outside the file"
    assert "<link" not in html
    assert "<script" not in html
    assert "Van 1 oktober 2026 tot en met 6 december 2026" in html
    assert "Gemaakt op" in html
    for name in ("P1", "P9", "P12"):
        assert f">{name}<" not in html
    rows = list(
        csv.reader(io.StringIO(render(report, Format.CSV).decode("utf-8-sig")), delimiter=";")
    )
    mesen = [row for row in rows if row[1] == "Nieuw ingeschreven per maand" and row[2] == "Mesen"]
    assert [row[4] for row in mesen] == ["x", "<5", "0", "<5"]
    book = load_workbook(io.BytesIO(render(report, Format.XLSX)))
    values = [c for row in book["Mensen"].iter_rows(values_only=True) for c in row]
    assert "<5" in values
    assert "x" in values
    assert "P1" not in values
    pdf = render(report, Format.PDF)
    assert pdf.startswith(b"%PDF")


def test_captions_and_key_lines_are_clear_dutch() -> None:
    texts = [chart.caption for chart in _all_charts()] + [
        "Dit rapport telt alleen. Het noemt niemand.",
        "Bij minder dan 5 mensen staat er <5.",
        "Een x staat er waar je anders een klein getal kunt vinden.",
    ]
    for caption in texts:
        problems = measure(caption).problems
        assert not problems, (caption, problems)


def _all_charts() -> list[Chart]:
    period = Period(date(2026, 10, 1), date(2026, 12, 6))
    sections = [
        build.people_section(PeopleFigures({}, {}, {}), period, ["Ieper"]),
        build.activities_section(
            ActivityFigures(Counter(), Counter(), {("sport", "Ieper"): Tally(6, {1})}),
            ["Ieper"],
            GAZETTEER.coordinates,
        ),
        build.matches_section(MatchFigures({}, {}), period),
        build.hours_section(HourFigures({}, Tally(), {}, None, 0), period, 40),
    ]
    return [chart for section in sections for chart in section.charts]


def test_the_command_writes_each_form_and_says_what_is_wrong(tmp_path: Path) -> None:
    made = wegwijs_command(tmp_path, "report", "--format", "csv", "--out", "r.csv")
    assert made.returncode == 0, made.stderr
    assert "Wrote the report" in made.stdout
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    html = wegwijs_command(tmp_path, "report", "--from", "2026-01-01", "--until", "2026-03-31")
    assert html.returncode == 0
    assert (tmp_path / "wegwijs-rapport-westhoek-2026-01-01-2026-03-31.html").exists()
    place = wegwijs_command(tmp_path, "report", "--municipality", "Poperinghe", "--out", "p.html")
    assert place.returncode == 0
    assert "Wegwijs in Poperinge" in (tmp_path / "p.html").read_text()
    wrong = wegwijs_command(tmp_path, "report", "--from", "2026-05-01", "--until", "2026-04-01")
    assert wrong.returncode == 2
    assert "--until is before --from" in wrong.stderr
    nowhere = wegwijs_command(tmp_path, "report", "--municipality", "Brugge")
    assert nowhere.returncode == 1
    assert "not a Westhoek municipality" in nowhere.stderr


# /rapport in the chat -----------------------------------------------------------------------


def chat_with_reports(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> Chat:
    engine = Engine(KNOWLEDGE, clock, BRUSSELS, reports=PdfReports(GAZETTEER, 40))
    return Chat(engine, sessions, clock)


async def test_staff_get_the_report_as_a_pdf_in_the_chat(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed(sessions)
    chat = chat_with_reports(sessions, clock)
    await chat.onboard()
    await grant(chat, Role.STAFF)
    said = await chat.send("/rapport")
    assert said.says("Hier is het rapport, van {first} tot en met {last}.")
    attachment = said.replies[0].attachment
    assert attachment is not None
    assert attachment.media_type == "application/pdf"
    assert attachment.content.startswith(b"%PDF")
    month = await chat.send("/rapport 2026-10")
    assert "van 01-10-2026 tot en met 31-10-2026" in month.text


async def test_only_staff_get_the_report_and_a_wrong_month_is_explained(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    chat = chat_with_reports(sessions, clock)
    await chat.onboard()
    for role in (None, Role.COACH, Role.BUDDY, Role.PROVIDER):
        if role is not None:
            await grant(chat, role)
        said = await chat.send("/rapport")
        assert said.says("Dit is alleen voor de medewerkers van het netwerk.")
        assert said.replies[0].attachment is None
    await grant(chat, Role.STAFF)
    for wrong in ("/rapport november", "/rapport 2026-13", "/rapport 2031-01"):
        said = await chat.send(wrong)
        assert said.says("Dat is geen maand die ik ken."), wrong
    assert (await chat.send("/menu")).rendered  # the conversation goes on as before
