"""Exports for the counsellors: written, then opened and read back as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from bot.hours.export import COLUMNS, ExportRow, to_csv, to_xlsx
from bot.hours.wording import ConfirmedHow, EntryStatus

ROWS = (
    ExportRow(
        7, "Zoë", "Ieper", "Samen koken", "Dienstencentrum Ieper", date(2026, 11, 12), 150,
        EntryStatus.CONFIRMED, "Jan Peeters", ConfirmedHow.LINK,
    ),
    ExportRow(
        9, "أمينة", "Poperinge", "Voetbal; voor iedereen", 'Argos "De Leeuw"', date(2026, 11, 3),
        75, EntryStatus.PENDING,
    ),
    ExportRow(
        12, "=HYPERLINK(\"http://x\")", "Veurne", "Voorlezen", "Bib", date(2026, 10, 1), 60,
        EntryStatus.REJECTED, "@coach", ConfirmedHow.COACH,
    ),
)  # fmt: skip


def test_csv_opens_in_belgian_excel_and_reads_back() -> None:
    data = to_csv(ROWS)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == list(COLUMNS)
    assert lines[1] == [
        "7", "Zoë", "Ieper", "Samen koken", "Dienstencentrum Ieper", "2026-11-12", "2,5",
        "bevestigd", "Jan Peeters", "via de link",
    ]  # fmt: skip
    # A separator or quotes inside a field stay inside it.
    assert lines[2][1:5] == ["أمينة", "Poperinge", "Voetbal; voor iedereen", 'Argos "De Leeuw"']
    assert lines[2][6:] == ["1,25", "nog niet bevestigd", "", ""]
    # A cell that Excel would run as a formula is turned into text.
    assert lines[3][1] == '\'=HYPERLINK("http://x")'
    assert lines[3][8] == "'@coach"
    assert lines[3][6] == "1"
    assert len(lines) == 4
    assert data.count(b"\r\n") == 4


def test_xlsx_has_typed_cells_a_bold_frozen_header_and_widths() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(ROWS)))
    sheet = book["Uren"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J4"

    first = [cell.value for cell in sheet[2]]
    assert first[0] == 7
    assert first[5] == datetime(2026, 11, 12)  # a date, not a text
    day = sheet["F2"]
    assert isinstance(day, Cell)
    assert day.is_date
    assert day.number_format == "mm-dd-yy"  # Excel's format 14: the reader's own short date
    assert first[6] == 2.5  # a number, not a text
    assert sheet.cell(row=3, column=7).value == 1.25
    assert first[7:] == ["bevestigd", "Jan Peeters", "via de link"]
    assert sheet.cell(row=3, column=2).value == "أمينة"

    formula = sheet.cell(row=4, column=2)
    assert formula.data_type == "s"  # stored as text: Excel never runs it
    assert formula.value == '=HYPERLINK("http://x")'

    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ"}
    assert widths["E"] > widths["A"]  # "Dienstencentrum Ieper" gets more room than an id
    assert all(8 <= width <= 50 for width in widths.values())


def test_no_rows_still_gives_the_header() -> None:
    assert to_csv(()).decode("utf-8-sig").splitlines() == [";".join(COLUMNS)]
    sheet = load_workbook(io.BytesIO(to_xlsx(()))).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 1
