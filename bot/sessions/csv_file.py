"""The CSV list of sessions staff fill in: one row per reading, in Brussels wall-clock time.

Same rules as the activities' list: any problem is reported with its row and column, and then
nothing of the file is used. A session in the past, an end before its start, a day name that
does not match the date, or a time that does not exist on the spring-forward night stop it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.activities import values
from bot.activities.csv_file import Problem, decode
from bot.activities.values import CellError
from dialogs.knowledge import Knowledge
from dialogs.understanding.text import fold
from store.sessions.models import Audience
from store.sessions.sessions import SessionData

COLUMNS = (
    "activiteit", "id", "datum", "dag", "begin", "einde", "plaats", "gemeente", "adres",
    "plaatsen", "voor", "taalicoon", "telt_mee",
)  # fmt: skip
REQUIRED = ("activiteit", "datum", "begin", "einde")
EXAMPLE = (
    "taalplezier-ieper", "", "2027-01-13", "woensdag", "14:00", "15:30", "Bib Ieper", "Ieper",
    "Weverijstraat 7, 8900 Ieper", "20", "gezinnen", "1", "ja",
)  # fmt: skip
_AUDIENCE = {
    "volwassenen": Audience.ADULTS, "adults": Audience.ADULTS, "gezinnen": Audience.FAMILIES,
    "families": Audience.FAMILIES, "gezin": Audience.FAMILIES, "ouders en kinderen":
    Audience.FAMILIES, "iedereen": Audience.EVERYONE, "": Audience.EVERYONE,
}  # fmt: skip
_WEEKDAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
_TIME = re.compile(r"^(\d{1,2})(?:[:.hu](\d{2}))?\s*[uh]?$")


@dataclass(frozen=True)
class SessionRow:
    """A checked row: which activity (its id in the catalogue list), and the session."""

    row: int
    activity: str
    data: SessionData


def template() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    return out.getvalue().encode("utf-8-sig")


def read(
    raw: bytes, knowledge: Knowledge, zone: ZoneInfo, now: datetime
) -> tuple[list[SessionRow], list[Problem]]:
    """The sessions in a CSV file, or the problems that stop it from being used."""
    text = decode(raw)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return [], [Problem(1, None, "the file is empty")]
    delimiter = max(";,\t", key=lines[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    problems: list[Problem] = []
    rows: list[SessionRow] = []
    seen: dict[tuple[str, str], int] = {}
    for cells in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [fold(cell).replace(" ", "_") for cell in cells]
            problems.extend(_header(header, cells, number))
            if problems:
                return [], problems
            continue
        named = {
            name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
        }
        row, row_problems = check_row(named, number, knowledge, zone, now)
        problems.extend(row_problems)
        if row is None:
            continue
        key = (row.activity, row.data.external_id)
        if key in seen:
            problems.append(Problem(number, "id", f"the same session as in row {seen[key]}"))
        seen.setdefault(key, number)
        rows.append(row)
    if header is not None and not rows and not problems:
        problems.append(Problem(2, None, "there are no sessions under the header"))
    return ([] if problems else rows), problems


def _header(names: list[str], cells: list[str], number: int) -> list[Problem]:
    problems = [
        Problem(number, cells[i].strip(), f"unknown column (the columns are: {', '.join(COLUMNS)})")
        for i, name in enumerate(names)
        if name and name not in COLUMNS
    ]
    problems += [
        Problem(number, name, "this column is missing") for name in REQUIRED if name not in names
    ]
    return problems


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone`; one that the spring-forward night skips is refused."""
    moment = datetime.combine(day, at, tzinfo=zone)
    if moment.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != moment.replace(
        tzinfo=None
    ):
        raise CellError(f"{at:%H:%M} does not exist on {day.isoformat()}: the clocks go forward")
    return moment  # on the autumn night the first (summer-time) one of the two


def _time(text: str) -> time:
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise CellError(f"write a time like 14:00 (found {text!r})")
    return time(int(match.group(1)), int(match.group(2) or 0))


def check_row(
    cells: dict[str, str], number: int, knowledge: Knowledge, zone: ZoneInfo, now: datetime
) -> tuple[SessionRow | None, list[Problem]]:
    """One row (or the CLI's options, named like the columns): a session, or what is wrong."""
    problems: list[Problem] = []
    found: dict[str, object] = {}

    def cell(name: str, reader: object) -> None:
        text = cells.get(name, "")
        if name in REQUIRED and not text:
            problems.append(Problem(number, name, "this cell is empty but must be filled in"))
            return
        try:
            found[name] = reader(text)  # type: ignore[operator]
        except CellError as error:
            problems.append(Problem(number, name, str(error)))

    cell("datum", values.day)
    cell("begin", _time)
    cell("einde", _time)
    cell("gemeente", lambda text: values.municipality(text, knowledge) if text else None)
    cell("plaatsen", _capacity)
    cell("voor", _audience)
    cell("taalicoon", values.dutch_level)
    cell("telt_mee", values.yes_no)
    if problems:
        return None, problems
    day = found["datum"]
    assert isinstance(day, date)
    weekday = cells.get("dag", "")
    if weekday:
        wanted = _WEEKDAYS.get(fold(weekday)[:2])
        if wanted is None:
            return None, [Problem(number, "dag", f"unknown day {weekday!r}")]
        if wanted != day.weekday():
            real = list(_WEEKDAYS)[day.weekday()]
            message = f"{day.isoformat()} is not a {weekday} (it is a {real}); check the date"
            return None, [Problem(number, "dag", message)]
    try:
        starts = local_instant(day, found["begin"], zone)  # type: ignore[arg-type]
    except CellError as error:
        return None, [Problem(number, "begin", str(error))]
    try:
        ends = local_instant(day, found["einde"], zone)  # type: ignore[arg-type]
    except CellError as error:
        return None, [Problem(number, "einde", str(error))]
    if ends <= starts:
        return None, [Problem(number, "einde", "the end is not after the begin")]
    if starts <= now:
        return None, [Problem(number, "datum", "this session is in the past")]
    data = SessionData(
        external_id=cells.get("id") or f"{day.isoformat()} {found['begin']:%H:%M}",
        starts_at=starts,
        ends_at=ends,
        municipality=found["gemeente"] or "",  # type: ignore[arg-type]
        place=cells.get("plaats") or None,
        address=cells.get("adres") or None,
        capacity=found["plaatsen"],  # type: ignore[arg-type]
        audience=found["voor"].value,  # type: ignore[attr-defined]
        dutch_level=found["taalicoon"],  # type: ignore[arg-type]
        counts=bool(found["telt_mee"]),
    )
    return SessionRow(number, cells["activiteit"], data), []


def _capacity(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) <= 1000:
        raise CellError(f"write how many places, like 20 (found {text!r})")
    return int(text)


def _audience(text: str) -> Audience:
    audience = _AUDIENCE.get(fold(text))
    if audience is None:
        raise CellError(f"write volwassenen, gezinnen or iedereen (found {text!r})")
    return audience
