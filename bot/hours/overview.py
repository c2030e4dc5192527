"""The one-page PDF overview of a participant's hours, for the trajectbegeleider.

`render_overview(Overview(...))` returns the PDF as bytes. It *supports* the official "bewijs van
deelname" form and says on the page that it does not replace it. Entries are grouped by activity,
each with its day, hours, status, and who confirmed and how; then the totals, the verification
code with the address that checks it (`/controle/{code}`), and signature lines for the contact
person and the trajectbegeleider.

Made with fpdf2: pure Python, kept up, with tables, and it shapes text with HarfBuzz, so Arabic,
Persian and Pashto names join and run right to left (its own bidi algorithm orders mixed lines).
reportlab would do too, but its shaping is younger and its table model heavier for one page.
The fonts are Noto subsets shipped with the project (`bot.documents.fonts`): names in Latin,
Cyrillic, Arabic and Ge'ez render; a letter no font has is logged (as a count, no name).

One page holds a normal trajectory: 40 hours in up to about 25 entries over three or four
activities. Beyond that the table runs on to the next page with its header repeated, every page
has the code and "pagina 2 van 3" in its footer, and the code and signatures stay together at
the end. The totals stand at the top, beside the name, where the reader looks first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from fpdf import FPDF, FontFace

from bot.documents.fonts import FAMILY, add_fonts, close_fonts, uncovered
from bot.hours.wording import (
    BRUSSELS,
    HOW_WORDS,
    STATUS_WORDS,
    ConfirmedHow,
    EntryStatus,
    hours_text,
    moment_text,
)

__all__ = ["TEXTS", "Overview", "OverviewEntry", "render_overview"]

log = logging.getLogger(__name__)

TEXTS = {
    "title": "Overzicht van de uren",
    "kicker": "Wegwijs · participatietraject",
    "name": "Naam",
    "municipality": "Gemeente",
    "made": "Gemaakt op",
    "supports": "Dit overzicht helpt bij het formulier 'bewijs van deelname'. "
    "Het vervangt dat formulier niet.",
    "day": "Dag",
    "hours": "Uren",
    "status": "Status",
    "by": "Bevestigd door",
    "how": "Hoe",
    "confirmed": "Bevestigd: {hours}",
    "pending": "Nog niet bevestigd: {hours}",
    "rejected": "Klopt niet, telt niet mee: {hours}",
    "code": "Code van dit overzicht: {code}",
    "check": "Kijk op deze pagina of dit overzicht echt is: {url}",
    "contact": "Contactpersoon van de activiteit",
    "counsellor": "Trajectbegeleider",
    "sign_name": "Naam",
    "sign_date": "Datum",
    "signature": "Handtekening",
    "page": "pagina {page} van {pages}",
}


@dataclass(frozen=True)
class OverviewEntry:
    day: date
    activity: str
    organisation: str
    minutes: int
    status: EntryStatus
    confirmed_by: str | None = None  # the name the confirmer gave, or their name in Wegwijs
    how: ConfirmedHow | None = None


@dataclass(frozen=True)
class Overview:
    participant: str
    municipality: str
    entries: tuple[OverviewEntry, ...]
    made_at: datetime  # timezone-aware; shown in Belgian time
    code: str  # the verification code /controle/{code} checks
    check_url: str  # the full address of that page, printed for the reader

    @property
    def confirmed_minutes(self) -> int:
        return self._total(EntryStatus.CONFIRMED)

    @property
    def pending_minutes(self) -> int:
        return self._total(EntryStatus.PENDING)

    @property
    def rejected_minutes(self) -> int:
        return self._total(EntryStatus.REJECTED)

    def _total(self, status: EntryStatus) -> int:
        return sum(entry.minutes for entry in self.entries if entry.status is status)


_WIDTHS = (26, 22, 34, 52, 40)  # day, hours, status, by, how: 174 mm, A4 less the margins
_SIGNATURE_LINES = (("sign_name", 9), ("sign_date", 9), ("signature", 15))
# The code, its address (up to 2 lines), the signatures, and the gaps between them.
_CLOSING_HEIGHT = 4 + 7 + 2 * 5 + 5 + 6 + sum(height for _key, height in _SIGNATURE_LINES)
_INK = (20, 20, 20)
_GREY = (90, 90, 90)
_LIGHT = (230, 230, 225)
_FAINT = (245, 245, 242)
_RULE = (165, 165, 160)  # table lines: visible on paper, quieter than the text


def render_overview(overview: Overview) -> bytes:
    """The overview as a PDF document."""
    if missing := uncovered(_all_text(overview)):
        log.warning("overview letters without a glyph count=%d", len(missing))
    counting = _Sheet(overview, pages=None)
    try:
        pages = counting.draw().pages_count  # the first pass counts the pages
    finally:
        close_fonts(counting)  # also when drawing fails: else the font files stay open
    sheet = _Sheet(overview, pages=pages)
    try:
        return bytes(sheet.draw().output())
    finally:
        close_fonts(sheet)


class _Sheet(FPDF):
    def __init__(self, overview: Overview, pages: int | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.overview = overview
        self.pages_total = pages
        self.set_margins(18, 15, 18)
        self.set_auto_page_break(True, margin=18)
        add_fonts(self)
        self.set_lang("nl")
        self.set_title(f"{TEXTS['title']} · {overview.participant}")
        self.set_creator("Wegwijs")
        self.set_creation_date(overview.made_at)

    def draw(self) -> _Sheet:
        self.add_page()
        self._heading()
        self._table()
        self._closing()
        return self

    def footer(self) -> None:
        self.set_y(-12)
        self._font(8, color=_GREY)
        pages = self.pages_total or self.page_no()
        where = _fill("page", page=self.page_no(), pages=pages)
        footer = f"Wegwijs · {_fill('code', code=self.overview.code)} · {where}"
        self.cell(0, 4, footer, align="C")

    def _heading(self) -> None:
        overview = self.overview
        self._font(9, color=_GREY)
        self.cell(0, 5, TEXTS["kicker"], new_x="LMARGIN", new_y="NEXT")
        self._font(18, bold=True)
        self.cell(0, 9, TEXTS["title"], new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        top = self.get_y()
        made = moment_text(overview.made_at, BRUSSELS)
        for label, value in (
            (TEXTS["name"], overview.participant),
            (TEXTS["municipality"], overview.municipality),
            (TEXTS["made"], made),
        ):
            self._font(10, bold=True)
            self.cell(28, 5.5, label)
            self._font(10)
            self.cell(78, 5.5, value, new_x="LMARGIN", new_y="NEXT")
        self._totals(top)
        self.set_y(top + 3 * 5.5 + 3)
        self._font(9.5)
        self.set_fill_color(*_LIGHT)
        self.multi_cell(
            0, 5, TEXTS["supports"], fill=True, padding=(2, 3), new_x="LMARGIN", new_y="NEXT"
        )
        self.set_fill_color(255)  # table cells take the current fill colour
        self.ln(4)

    def _totals(self, top: float) -> None:
        overview = self.overview
        lines = [("confirmed", overview.confirmed_minutes), ("pending", overview.pending_minutes)]
        if overview.rejected_minutes:
            lines.append(("rejected", overview.rejected_minutes))
        left, width = self.l_margin + 110, self.epw - 110
        self.set_fill_color(*_FAINT)
        self.set_draw_color(*_LIGHT)
        self.rect(left, top, width, 3 * 5.5, style="DF")
        for number, (key, minutes) in enumerate(lines):
            self.set_xy(left + 2, top + number * 5.5)
            self._font(11 if key == "confirmed" else 9, bold=key == "confirmed")
            self.cell(width - 4, 5.5, _fill(key, hours=hours_text(minutes)))

    def _table(self) -> None:
        self._font(9)
        self.set_draw_color(*_RULE)
        heading = FontFace(emphasis="BOLD", fill_color=_LIGHT)
        group = FontFace(emphasis="BOLD", fill_color=_FAINT)
        with self.table(
            col_widths=_WIDTHS,
            width=sum(_WIDTHS),
            text_align="LEFT",
            line_height=4,
            padding=(0.5, 1.5),
            headings_style=heading,
            repeat_headings=1,
        ) as table:
            row = table.row()
            for key in ("day", "hours", "status", "by", "how"):
                row.cell(TEXTS[key])
            for (activity, organisation), entries in _by_activity(self.overview.entries):
                label = _group_label(activity, organisation)
                table.row().cell(label, colspan=len(_WIDTHS), style=group)
                for entry in entries:
                    row = table.row()
                    row.cell(f"{entry.day:%d-%m-%Y}")
                    row.cell(hours_text(entry.minutes))
                    row.cell(STATUS_WORDS[entry.status])
                    row.cell(entry.confirmed_by or "")
                    row.cell(HOW_WORDS[entry.how] if entry.how else "")

    def _closing(self) -> None:
        # The code and the signatures are one block: never split over two pages.
        if self.will_page_break(_CLOSING_HEIGHT):
            self.add_page()
        overview = self.overview
        self.ln(4)
        self._font(12, bold=True)
        self.cell(0, 7, _fill("code", code=overview.code), new_x="LMARGIN", new_y="NEXT")
        self._font(9.5)
        check = _fill("check", url=overview.check_url)
        self.multi_cell(0, 5, check, link=overview.check_url, new_x="LMARGIN", new_y="NEXT")
        self.ln(5)
        self._signatures()

    def _signatures(self) -> None:
        width, gap = 82, 10
        top = self.get_y()
        for column, who in enumerate((TEXTS["contact"], TEXTS["counsellor"])):
            left = self.l_margin + column * (width + gap)
            self.set_xy(left, top)
            self._font(10, bold=True)
            self.cell(width, 6, who)
            y = top + 6
            for label, height in _SIGNATURE_LINES:
                bottom = y + height
                self.set_xy(left, bottom - 5.5)
                self._font(9, color=_GREY)
                self.cell(28, 5, TEXTS[label])  # the label sits on its line
                self.set_draw_color(*_GREY)
                self.line(left + 28, bottom - 1, left + width, bottom - 1)
                y = bottom
        self.set_xy(self.l_margin, top + 6 + sum(height for _key, height in _SIGNATURE_LINES))

    def _font(self, size: float, *, bold: bool = False, color: tuple[int, int, int] = _INK) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)


def _by_activity(
    entries: tuple[OverviewEntry, ...],
) -> Iterator[tuple[tuple[str, str], list[OverviewEntry]]]:
    """Entries per activity, activities in the order first done, days in order within each."""
    first: dict[tuple[str, str], date] = {}
    for entry in sorted(entries, key=lambda item: item.day):
        first.setdefault((entry.activity, entry.organisation), entry.day)

    def order(entry: OverviewEntry) -> tuple[date, str, str, date]:
        return (
            first[(entry.activity, entry.organisation)],
            entry.activity,
            entry.organisation,
            entry.day,
        )

    for key, group in groupby(
        sorted(entries, key=order), key=lambda e: (e.activity, e.organisation)
    ):
        yield key, list(group)


def _all_text(overview: Overview) -> str:
    parts = [overview.participant, overview.municipality, overview.code]
    for entry in overview.entries:
        parts += [entry.activity, entry.organisation, entry.confirmed_by or ""]
    return " ".join(parts)


def _fill(key: str, **values: object) -> str:
    return TEXTS[key].format(**values)


def _group_label(activity: str, organisation: str) -> str:
    """ "Samen koken · Lokaal dienstencentrum"; one name once when it holds the other
    ("Wandelclub Kemmel" run by "Wandelclub Kemmel (voorbeeld)")."""
    if activity.casefold() in organisation.casefold():
        return organisation
    if organisation.casefold() in activity.casefold():
        return activity
    return f"{activity} · {organisation}"
