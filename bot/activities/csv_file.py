"""The CSV list staff fill in a spreadsheet: the template, and reading it back with clear errors.

Reading accepts what spreadsheets write: UTF-8 with or without BOM, UTF-16, Windows-1252 (Excel),
commas, semicolons or tabs, empty rows. Any problem is reported with its row and column, and then
nothing of the file is used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.activities import values
from bot.activities.values import CellError
from dialogs.knowledge import Knowledge
from dialogs.understanding.text import fold
from store.activities.sync import ActivityData

# Column name → (field, required, reader). The order is the template's order.
Reader = Callable[[str, Knowledge], Any]


def _plain(limit: int) -> Reader:
    def read(text: str, _knowledge: Knowledge) -> str | None:
        value = " ".join(text.split())
        if len(value) > limit:
            raise CellError(f"too long: {len(value)} characters, at most {limit}")
        return value or None

    return read


def _simple(reader: Callable[[str], Any]) -> Reader:
    return lambda text, _knowledge: reader(text)


def _flag(text: str, _knowledge: Knowledge) -> bool:
    return bool(values.yes_no(text))


COLUMNS: dict[str, tuple[str, bool, Reader]] = {
    "id": ("external_id", True, _plain(128)),
    "titel": ("title", True, _plain(120)),
    "beschrijving": ("description", True, _plain(1000)),
    "organisatie": ("organisation", True, _plain(120)),
    "gemeente": ("municipality", True, values.municipality),
    "adres": ("address", False, _plain(200)),
    "interesses": ("interests", False, values.interests),
    "taalicoon": ("dutch_level", False, _simple(values.dutch_level)),
    "kinderen_welkom": ("children_welcome", False, _flag),
    "dagen": ("weekdays", False, _simple(values.weekdays)),
    "dagdeel": ("day_parts", False, _simple(values.day_parts)),
    "uren": ("times", False, _simple(values.times)),
    "data": ("dates", False, _simple(values.days)),
    "prijs": ("price_cents", False, _simple(values.price_cents)),
    "uitpas": ("uitpas", False, _flag),
    "email": ("contact_email", False, _simple(values.email)),
    "website": ("contact_url", False, _simple(values.url)),
    "telefoon": ("contact_phone", False, _simple(values.phone)),
    "geldig_vanaf": ("valid_from", False, _simple(values.day)),
    "geldig_tot": ("valid_until", False, _simple(values.day)),
    "samen_met_anderen": ("with_others", False, _simple(values.yes_no)),
    "nieuwe_contacten": ("new_contacts", False, _simple(values.yes_no)),
    "nederlandstalig": ("dutch_setting", False, _simple(values.yes_no)),
}
REQUIRED = [name for name, (_field, required, _reader) in COLUMNS.items() if required]
EXAMPLE = {
    "id": "kookclub-ieper",
    "titel": "Samen koken",
    "beschrijving": "We koken samen een soep. Daarna eten we samen. Iedereen is welkom.",
    "organisatie": "Lokaal dienstencentrum (voorbeeld)",
    "gemeente": "Ieper",
    "adres": "Marktplein",
    "interesses": "koken, vrijwilligerswerk",
    "taalicoon": "1",
    "kinderen_welkom": "ja",
    "dagen": "di, do",
    "dagdeel": "namiddag",
    "uren": "14:00-16:00",
    "prijs": "2,50",
    "uitpas": "ja",
    "email": "kookclub@example.org",
    "website": "https://example.org/kookclub",
    "samen_met_anderen": "ja",
    "nieuwe_contacten": "ja",
    "nederlandstalig": "ja",
}


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


def template(*, example: bool = False) -> bytes:
    """The empty list (with one example row if asked), as Belgian Excel opens it right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if example:
        writer.writerow([EXAMPLE.get(name, "") for name in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def decode(raw: bytes) -> str:
    """The text of a file from any spreadsheet: BOMs, UTF-8, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(raw: bytes, knowledge: Knowledge) -> tuple[list[ActivityData], list[Problem]]:
    """The activities in a CSV file, or the problems that stop it from being used."""
    text = decode(raw)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        return [], [Problem(1, None, "the file is empty")]
    header_line = next(line for line in lines if line.strip())
    delimiter = max(";,\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    problems: list[Problem] = []
    items: list[ActivityData] = []
    seen: dict[str, int] = {}
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets leave empty rows
        if header is None:
            header, header_problems = _header(row, number)
            problems.extend(header_problems)
            if header_problems:
                return [], problems
            continue
        item, row_problems = _row(header, row, number, knowledge)
        problems.extend(row_problems)
        if item is None:
            continue
        if item.external_id in seen:
            message = f"id {item.external_id!r} is also used in row {seen[item.external_id]}"
            problems.append(Problem(number, "id", message))
        seen.setdefault(item.external_id, number)
        items.append(item)
    if header is not None and not items and not problems:
        problems.append(Problem(2, None, "there are no activities under the header"))
    return ([] if problems else items), problems


def _header(row: list[str], number: int) -> tuple[list[str], list[Problem]]:
    names = [fold(cell).replace(" ", "_") for cell in row]
    problems = []
    for index, name in enumerate(names):
        if name and name not in COLUMNS:
            expected = ", ".join(COLUMNS)
            problems.append(
                Problem(number, row[index].strip(), f"unknown column (the columns are: {expected})")
            )
        elif name and names.index(name) != index:
            problems.append(Problem(number, row[index].strip(), "this column appears twice"))
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem(number, name, "this column is missing"))
    return names, problems


def _row(
    header: list[str], row: list[str], number: int, knowledge: Knowledge
) -> tuple[ActivityData | None, list[Problem]]:
    if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
        extra = "more cells than columns; is a ; or , inside a cell without quotes?"
        return None, [Problem(number, None, extra)]
    cells = {name: (row[index] if index < len(row) else "") for index, name in enumerate(header)}
    fields: dict[str, Any] = {}
    problems = []
    for name, (field, required, reader) in COLUMNS.items():
        text = cells.get(name, "").strip()
        if required and not text:
            problems.append(Problem(number, name, "this cell is empty but must be filled in"))
            continue
        try:
            value = reader(text, knowledge)
        except CellError as error:
            problems.append(Problem(number, name, str(error)))
            continue
        if value is not None:
            fields[field] = value
    if problems:
        return None, problems
    return ActivityData(**fields), []
