"""From the store's counts to the report: sections per action of the plan, tables, charts.

The report is in Dutch only: its readers are the stuurgroep and Europa WSE's reporting. Its
captions are held to the same clear-Dutch measure as the bot's lines (tests/test_reports.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date, format_datetime

from dialogs.interests import INTERESTS
from dialogs.reports.tables import SMALL, Cell, Hidden, Kind, Table, with_totals
from store.reports.figures import (
    BRUSSELS,
    HOUR_BANDS,
    UNKNOWN,
    ActivityFigures,
    HourFigures,
    MatchFigures,
    PeopleFigures,
    Period,
    Tally,
)

LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "ar": "Arabisch",
    "en": "Engels",
    "es": "Spaans",
    "fa": "Dari of Perzisch",
    "fr": "Frans",
    "ps": "Pasjtoe",
    "ru": "Russisch",
    "so": "Somalisch",
    "ti": "Tigrinya",
    "tr": "Turks",
    "uk": "Oekraïens",
}
COUNTS_WORDS = {"ja": "telt mee", "nee": "telt niet mee", "onbekend": "nog niet nagekeken"}


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # None: hidden, as the table hides it
    marks: tuple[str, ...] = ()  # for each hidden value, its table mark ("<5" or "x")

    @classmethod
    def of(cls, label: str, cells: Iterable[Cell]) -> Series:
        shown = tuple(cells)
        return cls(
            label,
            tuple(cell.visible_value for cell in shown),
            tuple(cell.hidden.value if cell.hidden else "" for cell in shown),
        )


@dataclass(frozen=True)
class Chart:
    """What a chart shows; bot/reports/charts.py draws it."""

    kind: str  # "bars" (grouped), "line" or "map"
    caption: str  # one clear-Dutch line: what the reader sees
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    # For "map": a municipality's place (lat, lon); series[0] is 1 where an activity counts.
    places: Mapping[str, tuple[float, float]] | None = None


@dataclass(frozen=True)
class Section:
    title: str
    action: str  # which action of the plan it measures
    lines: tuple[str, ...]  # a few sentences with the key figures
    charts: tuple[Chart, ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Report:
    period: Period
    municipality: str | None
    data_until: datetime | None
    made_at: datetime
    sections: tuple[Section, ...]

    @property
    def heading(self) -> str:
        place = self.municipality or "de Westhoek"
        return f"Wegwijs in {place}"

    @property
    def period_text(self) -> str:
        first = format_date(self.period.first, "d MMMM y", locale="nl_BE")
        last = format_date(self.period.last, "d MMMM y", locale="nl_BE")
        return f"Van {first} tot en met {last}"

    @property
    def made_text(self) -> str:
        return f"Gemaakt op {_moment(self.made_at)}."

    @property
    def data_text(self) -> str:
        if self.data_until is None:
            return "Er zijn nog geen gegevens."
        return f"Gegevens tot {_moment(self.data_until)}."


def _moment(value: datetime) -> str:
    return format_datetime(value.astimezone(BRUSSELS), "d MMMM y 'om' HH:mm", locale="nl_BE")


def month_name(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return format_date(datetime(year, number, 1), "MMM y", locale="nl_BE").replace(".", "")


def interest_name(interest: str) -> str:
    label = INTERESTS.get(interest)
    return label.msgid if label is not None else interest


def place_name(place: str) -> str:
    return "onbekend" if place == UNKNOWN else place


def _people(tally: Tally | None) -> Cell:
    return Cell.of_people(tally.people if tally else set())


def _hours(tally: Tally | None) -> Cell:
    if tally is None:
        return Cell(0, frozenset(), Kind.HOURS)
    return Cell(tally.value / 60, frozenset(tally.people), Kind.HOURS)


def _events(tally: Tally | None) -> Cell:
    if tally is None:
        return Cell(0, frozenset(), Kind.COUNT)
    return Cell(tally.value, frozenset(tally.people), Kind.COUNT)


def _grid(
    tallies: Mapping[tuple[str, ...], Tally],
    rows: Sequence[str],
    columns: Sequence[str],
    make: Callable[[Tally | None], Cell],
) -> list[list[Cell]]:
    return [[make(tallies.get((row, column))) for column in columns] for row in rows]


def _series(
    table: Table, label_of: Callable[[str], str], skip_total_row: bool = True
) -> tuple[Series, ...]:
    # A chart shows the table's own cells: what is hidden there is missing here too.
    width = len(table.header) - 1 - (1 if table.row_totals else 0)
    rows = table.cells[:-1] if table.column_totals and skip_total_row else table.cells
    return tuple(
        Series.of(label_of(table.header[1 + c]), (row[c] for row in rows)) for c in range(width)
    )


def people_section(figures: PeopleFigures, period: Period, places: Sequence[str]) -> Section:
    months = period.months()
    where = sorted({key[1] for key in figures.onboarded} | set(places), key=_place_order)
    onboarded = with_totals(
        "Nieuw ingeschreven per maand",
        ("Gemeente", *(month_name(month) for month in months)),
        tuple(place_name(place) for place in where),
        [[_people(figures.onboarded.get((month, place))) for month in months] for place in where],
    )
    per_month = onboarded.cells[-1][:-1]
    active = with_totals(
        "Actief in de laatste 30 dagen",
        ("Gemeente", "Mensen"),
        tuple(place_name(place) for place in where),
        [[_people(figures.active.get((place,)))] for place in where],
        row_totals=False,
    )
    languages = sorted(figures.languages, key=lambda key: -figures.languages[key].count)
    by_language = with_totals(
        "Mensen per hulptaal",
        ("Hulptaal", "Mensen"),
        tuple(LANGUAGE_NAMES.get(key[0], key[0]) for key in languages),
        [[_people(figures.languages[key])] for key in languages],
        row_totals=False,
    )
    chart = Chart(
        "bars",
        "Hoeveel nieuwe mensen er elke maand bij kwamen.",
        tuple(month_name(month) for month in months),
        (Series.of("Nieuw ingeschreven", per_month),),
        "mensen",
    )
    total = onboarded.cells[-1][-1]
    return Section(
        "Mensen",
        "Actie 1: het traject bekend maken",
        (f"Nieuw ingeschreven in deze periode: {total.shown}.",),
        (chart,),
        (onboarded, active, by_language),
    )


def _place_order(place: str) -> tuple[bool, str]:
    return (place == UNKNOWN, place)


def activities_section(
    figures: ActivityFigures, places: Sequence[str], coordinates: Mapping[str, tuple[float, float]]
) -> Section:
    words = tuple(COUNTS_WORDS)
    where = sorted({key[0] for key in figures.by_municipality} | set(places))
    by_place = with_totals(
        "Activiteiten per gemeente",
        ("Gemeente", *(COUNTS_WORDS[word] for word in words)),
        tuple(where),
        [[Cell(figures.by_municipality[(place, word)]) for word in words] for place in where],
    )
    interests = sorted({key[0] for key in figures.by_interest}, key=interest_name)
    by_interest = with_totals(
        "Activiteiten per interesse",
        ("Interesse", *(COUNTS_WORDS[word] for word in words)),
        tuple(interest_name(interest) for interest in interests),
        [[Cell(figures.by_interest[(interest, word)]) for word in words] for interest in interests],
        column_totals=False,  # an activity has several interests: a total would count it twice
    )
    without = [place for place in places if figures.by_municipality[(place, "ja")] == 0]
    wish_places = sorted({key[1] for key in figures.wishes}, key=_place_order)
    wish_interests = sorted({key[0] for key in figures.wishes}, key=interest_name)
    wishes = with_totals(
        "Wensen zonder passend aanbod",
        ("Interesse", *(place_name(place) for place in wish_places)),
        tuple(interest_name(interest) for interest in wish_interests),
        _grid(figures.wishes, wish_interests, wish_places, _people),
    )
    counting_map = Chart(
        "map",
        "Waar een activiteit is die meetelt voor het traject.",
        tuple(places),
        (Series("telt mee", tuple(0.0 if place in without else 1.0 for place in places)),),
        places={place: coordinates[place] for place in places if place in coordinates},
    )
    counting = sum(figures.by_municipality[(place, "ja")] for place in where)
    lines = [f"Activiteiten die meetellen voor het traject: {counting}."]
    if without:
        lines.append(f"Gemeenten zonder zo'n activiteit: {', '.join(without)}.")
    else:
        lines.append("Elke gemeente heeft een activiteit die meetelt.")
    charts = [counting_map]
    if wish_interests:
        wish_totals = [row[-1] for row in wishes.cells[:-1]]
        charts.append(
            Chart(
                "bars",
                "Wat mensen zochten en niet vonden, per interesse.",
                wishes.labels[:-1],
                (Series.of("Wensen", wish_totals),),
                "wensen",
            )
        )
    return Section(
        "Aanbod",
        "Actie 1 en 3: aanbod in elke gemeente, hiaten dichten",
        tuple(lines),
        tuple(charts),
        (by_place, by_interest, wishes),
    )


MATCH_WORDS = {"enrolled": "ingeschreven", "started": "begonnen", "completed": "afgerond"}


def matches_section(figures: MatchFigures, period: Period) -> Section:
    months = period.months()
    kinds = tuple(MATCH_WORDS)
    events = with_totals(
        "Inschrijvingen voor activiteiten",
        ("Maand", *MATCH_WORDS.values()),
        tuple(month_name(month) for month in months),
        _grid(figures.events, months, kinds, _events),
        row_totals=False,
    )
    welcome = with_totals(
        "Hoe mensen hun activiteit vonden",
        ("Hoe", "Mensen"),
        ("alleen, met Wegwijs", "met een coach die de eerste keer meegaat"),
        [[_people(figures.welcome.get(("self",)))], [_people(figures.welcome.get(("coach",)))]],
        row_totals=False,
    )
    chart = Chart(
        "bars",
        "Per maand: nieuwe inschrijvingen, wie begon en wie klaar is.",
        events.labels[:-1],
        _series(events, str),
        "inschrijvingen",
    )
    total = events.cells[-1][0]
    return Section(
        "Matches",
        "Actie 5: mensen vinden een activiteit",
        (f"Inschrijvingen in deze periode: {total.shown}.",),
        (chart,),
        (events, welcome),
    )


def _band_label(low: int) -> str:
    bands = list(HOUR_BANDS)
    index = bands.index(low)
    if index == len(bands) - 1:
        return f"{low} uur of meer"
    return f"{low} tot {bands[index + 1]} uur"


def hours_section(figures: HourFigures, period: Period, target: int) -> Section:
    months = period.months()
    hours = with_totals(
        "Uren per maand",
        ("Maand", "opgegeven", "bevestigd"),
        tuple(month_name(month) for month in months),
        _grid(figures.minutes, months, ("logged", "confirmed"), _hours),
        row_totals=False,
    )
    bands = with_totals(
        "Mensen per aantal bevestigde uren",
        ("Bevestigde uren", "Mensen"),
        tuple(_band_label(low) for low in HOUR_BANDS),
        [[_people(figures.bands.get((str(low),)))] for low in HOUR_BANDS],
        row_totals=False,
    )
    waiting = _hours(figures.waiting)
    lines = [
        f"Uren die nog wachten op een bevestiging: {_guarded(waiting)}.",
        f"Mensen met {target} bevestigde uren: {people_count(figures.reached_target)}.",
    ]
    if figures.weeks_to_target is not None:
        weeks = str(figures.weeks_to_target).replace(".", ",")
        lines.append(f"De helft van hen deed er minder dan {weeks} weken over.")
    charts = (
        Chart(
            "bars",
            "Per maand: hoeveel uren mensen opgaven, en hoeveel er bevestigd zijn.",
            hours.labels[:-1],
            _series(hours, str),
            "uren",
        ),
        Chart(
            "bars",
            f"Hoe ver mensen zijn met hun {target} uur: hun bevestigde uren.",
            bands.labels[:-1],
            (Series.of("Mensen", (row[0] for row in bands.cells[:-1])),),
            "mensen",
        ),
    )
    return Section(
        "Uren",
        "Het traject: 40 uur met anderen, in het Nederlands",
        tuple(lines),
        charts,
        (hours, bands),
    )


def _guarded(cell: Cell) -> str:
    return "<5 mensen" if cell.small else cell.shown


def people_count(count: int) -> str:
    """A number of people as the report may show it."""
    return Hidden.SMALL.value if 0 < count < SMALL else str(count)


def sections_in_order(sections: Iterable[Section | None]) -> tuple[Section, ...]:
    return tuple(section for section in sections if section is not None)
