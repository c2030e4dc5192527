"""The PDF overview: read back with pypdf, drawn with PDFium, one page for a normal trajectory."""

from __future__ import annotations

import io
import logging
import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from pypdf import PdfReader

from bot.hours.overview import Overview, OverviewEntry, render_overview
from bot.hours.wording import ConfirmedHow, EntryStatus

MADE = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)  # 10:30 in Brussels
ACTIVITIES = (
    ("Samen koken in het dienstencentrum", "Lokaal dienstencentrum Ieper"),
    ("Voetbal voor iedereen", "Argos"),
    ("Voorlezen in de bibliotheek", "Bibliotheek Poperinge"),
    ("Helpen in de kringloopwinkel", "Kringwinkel Westhoek"),
)
CONFIRMERS = (
    ("Jan Peeters", ConfirmedHow.LINK),
    ("Олена Коваль", ConfirmedHow.PROVIDER),
    ("ሰላም ገብረ", ConfirmedHow.COACH),
)


def trajectory(
    entries: int, *, pending: int = 4, activities: int = 3, name: str = "أمينة Amina"
) -> Overview:
    """`entries` sessions of 2 hours over a few activities; the last `pending` not yet confirmed."""
    rows = []
    for number in range(entries):
        activity, organisation = ACTIVITIES[number % activities]
        confirmed = number < entries - pending
        by, how = CONFIRMERS[number % 3] if confirmed else (None, None)
        rows.append(
            OverviewEntry(
                day=date(2026, 9, 1) + timedelta(days=3 * number),
                activity=activity,
                organisation=organisation,
                minutes=120,
                status=EntryStatus.CONFIRMED if confirmed else EntryStatus.PENDING,
                confirmed_by=by,
                how=how,
            )
        )
    return Overview(
        participant=name,
        municipality="Ieper",
        entries=tuple(rows),
        made_at=MADE,
        code="K7QM-2XPA",
        check_url="https://wegwijs.example/controle/K7QM-2XPA",
    )


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _picture(pdf: bytes, folder: Path, name: str) -> Path:
    """Page 1 as PNG, in the test's folder and in $WEGWIJS_SCREENSHOTS when set, to look at."""
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=1.6).to_pil()
    paths = [folder / name]
    if copies := os.environ.get("WEGWIJS_SCREENSHOTS"):
        Path(copies).mkdir(parents=True, exist_ok=True)
        paths.append(Path(copies) / name)
    for path in paths:
        image.save(path)
    return paths[0]


def test_a_normal_trajectory_fits_on_one_page_with_everything_on_it(tmp_path: Path) -> None:
    overview = trajectory(20)  # 40 hours: 32 confirmed, 8 pending
    pdf = render_overview(overview)
    pages = _pages(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "Overzicht van de uren",
        "أمينة",
        "Ieper",
        "12 november 2026 om 10:30",
        "Het vervangt dat formulier niet.",
        "Bevestigd: 32 uur",
        "Nog niet bevestigd: 8 uur",
        "Code van dit overzicht: K7QM-2XPA",
        "https://wegwijs.example/controle/K7QM-2XPA",
        "Contactpersoon van de activiteit",
        "Trajectbegeleider",
        "Handtekening",
        "pagina 1 van 1",
        "Samen koken in het dienstencentrum · Lokaal dienstencentrum Ieper",
        "Олена Коваль",
        "ሰላም ገብረ",
        "via de link",
        "in Wegwijs, coach",
    ):
        assert expected in text, expected
    for entry in overview.entries:
        assert f"{entry.day:%d-%m-%Y}" in text
    assert "Klopt niet" not in text  # no rejected hours: no line about them
    png = _picture(pdf, tmp_path, "overzicht-1-pagina.png")
    assert png.stat().st_size > 20_000  # a page with text on it, not an empty sheet


def test_up_to_25_entries_in_four_activities_fit_on_one_page(tmp_path: Path) -> None:
    pdf = render_overview(trajectory(25, activities=4))
    assert len(_pages(pdf)) == 1
    _picture(pdf, tmp_path, "overzicht-25.png")


def test_names_in_every_script_have_their_glyphs(caplog: pytest.LogCaptureFixture) -> None:
    names = "أمينة · Олена · ሰላም · Ağça · Zoë · Łukasz · Ștefan · Ґанна · پښتو · ژیلا"
    with caplog.at_level(logging.WARNING):
        render_overview(trajectory(6, name=names))
    assert caplog.records == []

    with caplog.at_level(logging.WARNING):
        render_overview(trajectory(6, name="王芳"))  # no Chinese font is shipped
    assert [record.getMessage() for record in caplog.records] == [
        "overview letters without a glyph count=2"  # a count, never the name
    ]


def test_the_fonts_travel_inside_the_pdf() -> None:
    reader = PdfReader(io.BytesIO(render_overview(trajectory(6, name="أمينة ሰላም"))))
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources.get_object()["/Font"].get_object()
    assert len(fonts) == 4  # regular, bold, Arabic, Ethiopic
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        # Embedded, so no reader needs the font installed.
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_a_long_trajectory_runs_on_with_the_header_repeated_and_the_end_kept_together(
    tmp_path: Path,
) -> None:
    pdf = render_overview(trajectory(60, pending=10))
    pages = _pages(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "Dag" in text
        assert "Bevestigd door" in text
        assert f"pagina {number} van {len(pages)}" in text
        assert "Code van dit overzicht: K7QM-2XPA" in text  # in every footer
    first, *_middle, last = pages
    assert "Bevestigd: 100 uur" in first  # the totals at the top, where the reader looks
    assert "Nog niet bevestigd: 20 uur" in first
    for piece in ("Kijk op deze pagina of dit overzicht echt is", "Trajectbegeleider"):
        assert [piece in text for text in pages] == [False] * (len(pages) - 1) + [True]
    assert "Trajectbegeleider" in last
    _picture(pdf, tmp_path, "overzicht-lang.png")


def test_rejected_hours_are_shown_and_not_counted() -> None:
    overview = trajectory(6, pending=0)
    rejected = replace(overview.entries[0], status=EntryStatus.REJECTED)
    overview = replace(overview, entries=(rejected, *overview.entries[1:]))
    text = _pages(render_overview(overview))[0]
    assert "Bevestigd: 10 uur" in text
    assert "Klopt niet, telt niet mee: 2 uur" in text
    assert "klopt niet" in text  # the entry's status


def test_an_empty_overview_still_renders() -> None:
    overview = replace(trajectory(0, pending=0), entries=())
    text = _pages(render_overview(overview))[0]
    assert "Bevestigd: 0 uur" in text


def test_the_moment_needs_a_timezone() -> None:
    with pytest.raises(ValueError, match="timezone"):
        render_overview(replace(trajectory(2), made_at=datetime(2026, 11, 12, 9, 30)))


def test_a_club_named_like_its_activity_is_named_once() -> None:
    club = OverviewEntry(
        day=date(2026, 11, 30),
        activity="Wandelclub Kemmel",
        organisation="Wandelclub Kemmel (voorbeeld)",
        minutes=180,
        status=EntryStatus.PENDING,
    )
    [text] = _pages(render_overview(replace(trajectory(1), entries=(club,))))
    assert "Wandelclub Kemmel (voorbeeld)" in text
    assert "Wandelclub Kemmel · Wandelclub" not in text
