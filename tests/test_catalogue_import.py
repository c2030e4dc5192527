"""Importing the catalogue: the CSV staff fill in (and what spreadsheets do to it), UiTdatabank."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.activities import csv_file, imports, uitdatabank
from store.activities import catalogue, sync
from store.activities.models import Activity, Enrolment, SearchProfile
from store.people import persons
from tests.support import KNOWLEDGE, count_rows

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "uitdatabank-westhoek.jsonld"
NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
HEADER = "id;titel;beschrijving;organisatie;gemeente;taalicoon;interesses"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return "\r\n".join([header, *rows]).encode("utf-8")


def _problems(raw: bytes) -> list[str]:
    items, problems = csv_file.read(raw, KNOWLEDGE)
    assert items == [] or problems == []
    return [str(problem) for problem in problems]


def test_the_template_with_its_example_reads_back() -> None:
    raw = csv_file.template(example=True)
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    assert raw.decode("utf-8-sig").splitlines()[0].split(";") == list(csv_file.COLUMNS)

    items, problems = csv_file.read(raw, KNOWLEDGE)
    assert problems == []
    [item] = items
    assert (item.external_id, item.municipality, item.dutch_level) == ("kookclub-ieper", "Ieper", 1)
    assert item.interests == ("koken", "vrijwilligerswerk")
    assert (item.weekdays, item.day_parts, item.times) == (
        ("tue", "thu"),
        ("afternoon",),
        "14:00-16:00",
    )
    assert (item.price_cents, item.uitpas, item.children_welcome) == (250, True, True)
    assert (item.with_others, item.new_contacts, item.dutch_setting) == (True, True, True)


def test_an_empty_template_says_there_are_no_activities() -> None:
    assert _problems(csv_file.template()) == ["row 2: there are no activities under the header"]
    assert _problems(b"") == ["row 1: the file is empty"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("cp1252", ","), ("utf-16", "\t"), ("utf-8", ",")],
)
def test_spreadsheet_encodings_and_separators_all_read(encoding: str, delimiter: str) -> None:
    rows = [
        ["id", "titel", "beschrijving", "organisatie", "gemeente", "interesses"],
        ["repair", "Repair Café", "Samen herstellen, met thee.", "Buurt", "Poperinghe", "techniek"],
        ["", "", "", "", "", ""],
        ["kook", "Koken à la maison", "Wij koken; jij eet mee.", "Dorp", "Kemmel", "koken, tuin"],
    ]
    lines = [
        delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row) for row in rows
    ]
    raw = "\r\n".join(lines).encode(encoding)

    items, problems = csv_file.read(raw, KNOWLEDGE)

    assert problems == []
    assert [item.title for item in items] == ["Repair Café", "Koken à la maison"]
    assert [item.municipality for item in items] == ["Poperinge", "Heuvelland"]
    assert items[0].description == "Samen herstellen, met thee."
    assert items[1].interests == ("koken", "tuin")


def test_wrong_and_missing_columns_are_named_with_the_row() -> None:
    problems = _problems(
        _csv("1;Koken;Tekst;Club;Ieper;1;koken", header=HEADER.replace("titel", "naam"))
    )
    assert problems[0].startswith("row 1, column naam: unknown column (the columns are: id, titel")
    assert problems[1] == "row 1, column titel: this column is missing"


def test_every_bad_cell_is_reported_and_nothing_is_used() -> None:
    raw = _csv(
        "ok;Koken;We koken samen.;Club;Ieper;1;koken",
        "stad;Wandelen;Tekst;Club;Antwerpen;1;sport",
        "typo;Zingen;Tekst;Koor;Veurn;2;muziek",
        "veel;Theater;Tekst;Club;Ieper;7;cultuur",
        ";Zonder id;Tekst;Club;Ieper;1;koken",
        "ok;Dubbel;Tekst;Club;Ieper;1;breakdance",
    )
    assert _problems(raw) == [
        "row 3, column gemeente: 'Antwerpen' is not a Westhoek municipality",
        "row 4, column gemeente: unknown municipality 'Veurn'; did you mean Veurne?",
        "row 5, column taalicoon: taalicoon must be 1, 2, 3 or 4 (found '7')",
        "row 6, column id: this cell is empty but must be filled in",
        "row 7, column interesses: unknown interest 'breakdance' (use: creatief, cultuur, "
        "dieren, kinderen, koken, lezen, muziek, natuur, sport, techniek, tuin, "
        "vrijwilligerswerk, zorg)",
    ]


def test_duplicate_ids_and_stray_separators_are_caught() -> None:
    raw = _csv(
        "a;Koken;Tekst;Club;Ieper;1;koken",
        "a;Koken 2;Tekst;Club;Ieper;1;koken",
        "b;Koken;Soep; brood en koffie;Club;Ieper;1;koken",
    )
    assert _problems(raw) == [
        "row 3, column id: id 'a' is also used in row 2",
        "row 4: more cells than columns; is a ; or , inside a cell without quotes?",
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("dagen", "maandag, feestdag", "unknown day 'feestdag'"),
        ("uren", "16:00-14:00", "the hours do not make sense"),
        ("prijs", "veel", "write a price like 2,50 or gratis"),
        ("email", "info at club", "not an e-mail address"),
        ("samen_met_anderen", "misschien", "write ja or nee"),
        ("geldig_tot", "31/02/2027", "write a date like 2026-12-05"),
    ],
)
def test_cells_say_what_is_wrong(column: str, value: str, message: str) -> None:
    [problem] = _problems(
        _csv(f"a;Koken;Tekst;Club;Ieper;1;koken;{value}", header=f"{HEADER};{column}")
    )
    assert problem.startswith(f"row 2, column {column}: {message}")


def test_the_sample_catalogue_covers_all_westhoek_municipalities() -> None:
    loaded = imports.load_sample(KNOWLEDGE)
    assert loaded.problems == []
    assert len(loaded.items) >= 40
    assert {item.municipality for item in loaded.items} == set(KNOWLEDGE.gazetteer.municipalities)
    for item in loaded.items:
        assert item.description.endswith("Dit is een voorbeeld.")
        assert item.contact_email is not None
        assert item.contact_email.endswith("@example.org")
        assert item.contact_phone is None  # no phone numbers that could belong to someone


def test_uitdatabank_json_ld_maps_taaliconen_uitpas_children_and_calendar() -> None:
    reading = uitdatabank.read(json.loads(FIXTURE.read_text(encoding="utf-8")), KNOWLEDGE)
    items = {item.title: item for item in reading.items}

    kitchen = items["Samen koken met de buren"]
    assert (kitchen.municipality, kitchen.dutch_level, kitchen.uitpas) == ("Ieper", 2, True)
    assert kitchen.dates == ("2026-12-08", "2026-12-22", "2027-01-12")
    assert (kitchen.day_parts, kitchen.times) == (("afternoon",), "14:00-16:30")  # Brussels time
    assert kitchen.description.startswith("Elke maand koken we samen een verse soep. Daarna")
    assert (kitchen.price_cents, kitchen.contact_email, kitchen.interests) == (
        250,
        "ldc@example.org",
        ("koken",),
    )
    repair = items["Repair Café"]
    assert (repair.dutch_level, repair.children_welcome, repair.price_cents) == (1, True, 0)
    assert (repair.weekdays, repair.times) == (("sat",), "09:30-12:30")
    assert repair.interests == ("techniek", "vrijwilligerswerk")  # a theme, and a hidden label
    assert repair.valid_until == date(2027, 6, 30)
    hall = items["Sporthal De Voorbeeldboog"]  # a Place, open on weekday evenings
    assert (hall.municipality, hall.weekdays, hall.day_parts) == (
        "Diksmuide",
        ("mon", "wed", "thu"),
        ("evening",),
    )
    walk = items["Natuurwandeling met de gids"]
    assert (walk.municipality, walk.dutch_level) == ("Heuvelland", 4)  # Kemmel; highest icon wins
    assert walk.uitpas
    assert walk.children_welcome
    assert items["Kinderatelier in de bib"].municipality == "Langemark-Poelkapelle"
    assert all(item.with_others is None for item in reading.items)  # staff check the rules

    assert dict(reading.skipped) == {
        "https://io.uitdatabank.be/event/1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a10": (
            "not in the Westhoek (Leuven)"
        ),
        "https://io.uitdatabank.be/event/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c09": "no location",
        "https://io.uitdatabank.be/event/3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d08": "no name",
        "https://io.uitdatabank.be/event/4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e07": (
            "not published (DELETED)"
        ),
    }


def test_a_json_ld_item_that_is_not_an_object_or_a_file_that_is_not_json() -> None:
    reading = uitdatabank.read({"member": ["oops", {"@id": "x"}]}, KNOWLEDGE)
    assert reading.items == []
    assert reading.skipped == [("#1", "not an object"), ("x", "no name")]


async def _titles(sessions: async_sessionmaker[AsyncSession]) -> dict[str, tuple[str, bool]]:
    async with sessions() as session:
        rows = (await session.execute(select(Activity))).scalars().all()
        return {a.external_id: (a.title, a.archived_at is not None) for a in rows}


async def test_importing_twice_changes_nothing_and_a_change_updates_in_place(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    items, _problems = csv_file.read(csv_file.template(example=True), KNOWLEDGE)
    for _ in range(2):
        async with sessions() as session, session.begin():
            result = await sync.sync(session, "csv", items, NOW)
    assert (result.added, result.unchanged) == ([], ["kookclub-ieper"])
    assert await count_rows(sessions, Activity) == 1

    renamed = [sync.ActivityData(**{**items[0].__dict__, "title": "Soep koken"})]
    async with sessions() as session, session.begin():
        result = await sync.sync(session, "csv", renamed, NOW)
    assert result.updated == ["kookclub-ieper"]
    assert await _titles(sessions) == {"kookclub-ieper": ("Soep koken", False)}


async def test_a_removed_activity_is_archived_if_someone_is_enrolled_else_deleted(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    loaded = imports.load([FIXTURE], KNOWLEDGE)
    async with sessions() as session, session.begin():
        await imports.apply(session, "uitdatabank", loaded, NOW)
        kitchen = (
            await session.execute(select(Activity).where(Activity.title.like("Samen koken%")))
        ).scalar_one()
        account = await persons.add_person(session, "console", "amina", NOW)
        session.add(
            Enrolment(
                person_id=account.person.id,
                activity_id=kitchen.id,
                status="interested",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    kept = [item for item in loaded.items if item.title == "Repair Café"]
    async with sessions() as session, session.begin():
        result = await sync.sync(session, "uitdatabank", kept, NOW)

    assert result.archived == [kitchen.external_id]
    assert len(result.deleted) == 3
    titles = await _titles(sessions)
    assert titles[kitchen.external_id] == ("Samen koken met de buren", True)
    assert len(titles) == 2

    async with sessions() as session, session.begin():
        result = await imports.apply(session, "uitdatabank", loaded, NOW)
    assert result.restored == [kitchen.external_id]
    assert not (await _titles(sessions))[kitchen.external_id][1]


async def test_staff_checks_survive_a_re_import_and_unreadable_items_stay(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    loaded = imports.load([FIXTURE], KNOWLEDGE)
    async with sessions() as session, session.begin():
        await imports.apply(session, "uitdatabank", loaded, NOW)
        repair = (
            await session.execute(select(Activity).where(Activity.title == "Repair Café"))
        ).scalar_one()
        sync.set_criteria(repair, NOW, with_others=True, new_contacts=True, dutch_setting=True)
    # The next export lost the Repair Café's name: it is skipped, and the stored one stays.
    del document["member"][1]["name"]
    reading = uitdatabank.read(document, KNOWLEDGE)
    assert (reading.skipped[0][1], reading.unreadable_ids[0]) == ("no name", repair.external_id)
    async with sessions() as session, session.begin():
        await sync.sync(
            session, "uitdatabank", reading.items, NOW, untouched=reading.unreadable_ids
        )
    async with sessions() as session, session.begin():
        await imports.apply(session, "uitdatabank", loaded, NOW)
        stored = await session.get(Activity, repair.id)
        assert stored is not None
        assert (stored.archived_at, stored.counts) == (None, True)


async def test_the_export_holds_every_stored_enrolment_and_search_field(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    items, _problems = csv_file.read(csv_file.template(example=True), KNOWLEDGE)
    async with sessions() as session, session.begin():
        await sync.sync(session, "csv", items, NOW)
        [activity] = (await session.execute(select(Activity))).scalars().all()
        account = await persons.add_person(session, "console", "amina", NOW)
        await catalogue.enrol(session, account.person.id, activity, NOW)
        await catalogue.profile_to_change(session, account.person.id, NOW)
        exported = await catalogue.export(session, account.person.id)

    [enrolment] = exported["enrolments"]
    assert {c.key for c in Enrolment.__table__.columns} - {"person_id", "activity_id"} <= set(
        enrolment
    )
    assert {c.key for c in SearchProfile.__table__.columns} - {"person_id"} <= set(
        exported["activity_search"]
    )
    assert enrolment["activity"] == "Samen koken"
