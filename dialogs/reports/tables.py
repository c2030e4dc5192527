"""Tables whose small numbers are hidden, also where a total would give them away.

A count of one to four people shows "<5". Where a row or column has a total, one hidden cell
could be found back as the total minus the others, so a second cell (the smallest) is hidden
too and shows "x". A zero stays visible: it names nobody, and "no one in Mesen" is exactly what
the stuurgroep must see.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

SMALL = 5  # fewer people than this are never shown


class Hidden(StrEnum):
    SMALL = "<5"  # fewer than five people
    GUARD = "x"  # would let a hidden number be computed back


class Kind(StrEnum):
    PEOPLE = "people"  # how many people: a total counts each person once
    COUNT = "count"  # how many things (sign-ups, activities): totals add up
    HOURS = "hours"  # one decimal, Dutch comma


@dataclass(frozen=True)
class Cell:
    """One figure and the people it is about (None: not about people, such as activities).

    The ids only let totals count each person once; they are never shown or written."""

    value: float
    who: frozenset[int] | None = field(default=None, repr=False)
    kind: Kind = Kind.COUNT
    hidden: Hidden | None = None

    @classmethod
    def of_people(cls, who: frozenset[int] | set[int]) -> Cell:
        """A count of people."""
        return cls(len(who), frozenset(who), Kind.PEOPLE)

    @property
    def people(self) -> int | None:
        return None if self.who is None else len(self.who)

    @property
    def shown(self) -> str:
        if self.hidden is not None:
            return self.hidden.value
        return number(self.value, self.kind)

    @property
    def visible_value(self) -> float | None:
        return None if self.hidden is not None else self.value

    @property
    def small(self) -> bool:
        return self.people is not None and 0 < self.people < SMALL


def number(value: float, kind: Kind = Kind.COUNT) -> str:
    """Dutch writing: 1.234 and 9,5."""
    if kind is Kind.HOURS:
        text = f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return text[:-2] if text.endswith(",0") else text
    return f"{round(value):,}".replace(",", ".")


@dataclass(frozen=True)
class Table:
    """Rows of cells; with `totals`, the last column is each row's total and the last row the
    column totals (the corner is the grand total)."""

    title: str
    header: tuple[str, ...]  # the row label's header, then one per column
    labels: tuple[str, ...]  # one per row
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: bool = False
    column_totals: bool = False

    def column(self, index: int) -> tuple[Cell, ...]:
        return tuple(row[index] for row in self.cells)


def protect(table: Table) -> Table:
    """The same table with small cells hidden, and guards where a total would reveal them."""
    grid = [[_primary(cell) for cell in row] for row in table.cells]
    height, width = len(grid), len(grid[0]) if grid else 0
    lines: list[list[tuple[int, int]]] = []
    if table.row_totals:
        lines += [[(r, c) for c in range(width)] for r in range(height)]
    if table.column_totals:
        lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [spot for spot in line if grid[spot[0]][spot[1]].hidden is not None]
            if len(hidden) != 1:
                continue
            guard = _guard_for(grid, line, lines)
            if guard is not None:
                r, c = guard
                grid[r][c] = replace(grid[r][c], hidden=Hidden.GUARD)
                changed = True
    return replace(table, cells=tuple(tuple(row) for row in grid))


def _primary(cell: Cell) -> Cell:
    return replace(cell, hidden=Hidden.SMALL) if cell.small else cell


def _guard_for(
    grid: list[list[Cell]], line: list[tuple[int, int]], lines: list[list[tuple[int, int]]]
) -> tuple[int, int] | None:
    # Best is a cell whose other line also has one gap (one guard closes both), then one that
    # opens no new gap there; among those the smallest; the total itself last.
    def gaps(other: list[tuple[int, int]]) -> int:
        return sum(grid[r][c].hidden is not None for r, c in other)

    def cost(spot: tuple[int, int]) -> tuple[int, float]:
        crossing = [other for other in lines if spot in other and other is not line]
        counts = [gaps(other) for other in crossing]
        opens = sum(count == 0 for count in counts)
        closes = sum(count == 1 for count in counts)
        return (opens - closes, grid[spot[0]][spot[1]].value)

    parts, total = line[:-1], line[-1]
    visible = [spot for spot in parts if grid[spot[0]][spot[1]].hidden is None]
    if visible:
        return min(visible, key=cost)
    if grid[total[0]][total[1]].hidden is None:
        return total
    return None


def with_totals(
    title: str,
    header: tuple[str, ...],
    labels: tuple[str, ...],
    cells: list[list[Cell]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    total_label: str = "Totaal",
) -> Table:
    """A table with its totals added (each person counted once in them), then protected."""
    rows = [list(row) for row in cells]
    head = header
    if row_totals:
        head = (*header, total_label)
        rows = [[*row, _sum(row)] for row in rows]
    out_labels = labels
    if column_totals and rows:
        rows.append([_sum(list(column)) for column in zip(*rows, strict=True)])
        out_labels = (*labels, total_label)
    table = Table(
        title, head, out_labels, tuple(tuple(row) for row in rows), row_totals, column_totals
    )
    return protect(table)


def _sum(cells: list[Cell]) -> Cell:
    kinds = {cell.kind for cell in cells}
    groups = [cell.who for cell in cells if cell.who is not None]
    who = frozenset().union(*groups) if groups else None
    kind = kinds.pop() if len(kinds) == 1 else Kind.COUNT
    if kind is Kind.PEOPLE and who is not None:
        return Cell(len(who), who, kind)
    return Cell(sum(cell.value for cell in cells), who, kind)
