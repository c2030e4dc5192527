"""Hours as a spreadsheet for the trajectory counsellors: CSV and XLSX, one row per entry.

CSV is written the way Belgian Excel opens it with a double click: UTF-8 with a byte-order
mark (without it Excel reads "Zoë" as "ZoÃ«"), `;` between fields because with a Belgian
locale the comma is the decimal sign and Excel splits on the list separator, which is then `;`,
and hours with a decimal comma ("2,5"). No "sep=;" line: Excel ignores the BOM after one.
Dates are ISO (2026-11-12), which every spreadsheet reads as a date.
XLSX has real types: hours are numbers, days are dates shown in the reader's own date format, the
header is bold and stays in view, columns are wide enough, and there is a filter on each column.
A cell that starts with = + - @ is written as text, never as a formula (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.hours.wording import HOW_WORDS, STATUS_WORDS, ConfirmedHow, EntryStatus, hours_number

__all__ = ["COLUMNS", "ExportRow", "to_csv", "to_xlsx"]

COLUMNS = (
    "Persoon",
    "Naam",
    "Gemeente",
    "Activiteit",
    "Organisatie",
    "Dag",
    "Uren",
    "Status",
    "Bevestigd door",
    "Hoe",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DATE_FORMAT = "mm-dd-yy"  # Excel's built-in format 14: the reader's own short date
_HOURS_FORMAT = "0.00"


@dataclass(frozen=True)
class ExportRow:
    person_id: int
    name: str
    municipality: str
    activity: str
    organisation: str
    day: date
    minutes: int
    status: EntryStatus
    confirmed_by: str | None = None
    how: ConfirmedHow | None = None

    def values(self) -> tuple[int, str, str, str, str, date, float, str, str, str]:
        """The row in the order of COLUMNS, with Dutch words for status and how."""
        return (
            self.person_id,
            self.name,
            self.municipality,
            self.activity,
            self.organisation,
            self.day,
            hours_number(self.minutes),
            STATUS_WORDS[self.status],
            self.confirmed_by or "",
            HOW_WORDS[self.how] if self.how else "",
        )


def to_csv(rows: Iterable[ExportRow]) -> bytes:
    """The rows as CSV for Belgian Excel: UTF-8 with BOM, `;`, decimal comma, ISO dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_csv_cell(value) for value in row.values())
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Iterable[ExportRow]) -> bytes:
    """The rows as an Excel workbook with one sheet, "Uren"."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Uren"
    sheet.append(COLUMNS)
    widths = [len(title) for title in COLUMNS]
    for row in rows:
        values = row.values()
        sheet.append(values)
        line = sheet.max_row
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=line, column=column)
            if isinstance(value, str) and value.startswith(_FORMULA_START):
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
            widths[column - 1] = max(widths[column - 1], len(_shown(value)))
        sheet.cell(row=line, column=6).number_format = _DATE_FORMAT
        sheet.cell(row=line, column=7).number_format = _HOURS_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _shown(value: object) -> str:
    return "00-00-0000" if isinstance(value, date) else str(value)
