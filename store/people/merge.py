"""Two persons become one: every row that points at the one that goes is moved to the one that
stays, generic over the foreign keys in the metadata, so tables added later are covered. Never
commits.

A row that cannot move because the staying person has the same one already (a unique key: the
same role, the same activity, a search profile) gives way: what points at *it* moves first to
the staying person's row (an enrolment's hours to the kept enrolment), then it is deleted. So
roles end as the union, and for one-per-person rows the staying person's row wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Column, Table, UniqueConstraint, and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.people.models import Person
from store.schema import Base


async def merge_persons(session: AsyncSession, keep: Person, drop: Person) -> None:
    """Fold `drop` into `keep`: `keep`'s values win, empty ones are filled, lists are joined."""
    keep.name = keep.name or drop.name
    keep.municipality = keep.municipality or drop.municipality
    keep.interests = [*keep.interests, *(i for i in drop.interests if i not in keep.interests)]
    keep.consent_at = _earliest(keep.consent_at, drop.consent_at)
    keep.onboarded_at = _earliest(keep.onboarded_at, drop.onboarded_at)
    keep.created_at = min(keep.created_at, drop.created_at)
    keep.paused_at = None  # one of the two accounts is writing right now
    await session.flush()
    await merge_rows(session, Person.__table__, keep.id, drop.id)  # type: ignore[arg-type]
    # The ORM's picture of both persons is stale now: forget the one that is gone, reload the other.
    session.expunge(drop)
    await session.refresh(keep)


async def merge_rows(session: AsyncSession, table: Table, keep: Any, drop: Any) -> None:
    """Point everything that refers to row `drop` of `table` at row `keep`, then delete `drop`."""
    for column in references(table):
        child = column.table
        assert isinstance(child, Table)
        for unique in _unique_sets(child, column):
            await _give_way(session, child, column, unique, keep, drop)
        await session.execute(update(child).where(column == drop).values({column.name: keep}))
    (key,) = table.primary_key.columns
    await session.execute(delete(table).where(key == drop))


def references(table: Table) -> Iterator[Column[Any]]:
    """Every column in the metadata that is a foreign key to `table`'s primary key."""
    for child in Base.metadata.sorted_tables:
        for foreign in child.foreign_keys:
            if foreign.column.table is table:
                if len(foreign.constraint.elements) != 1:  # type: ignore[union-attr]
                    raise NotImplementedError(f"composite foreign key on {child.name}")
                yield foreign.parent


def _unique_sets(table: Table, column: Column[Any]) -> list[tuple[Column[Any], ...]]:
    """The unique keys of `table` (primary key, unique constraints and indexes) with `column`."""
    keys: list[tuple[Column[Any], ...]] = [tuple(table.primary_key.columns)]
    keys.extend(
        tuple(constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    )
    keys.extend(tuple(index.columns) for index in table.indexes if index.unique)
    if column.unique:
        keys.append((column,))
    return [key for key in keys if any(part is column for part in key)]


async def _give_way(
    session: AsyncSession,
    table: Table,
    column: Column[Any],
    unique: tuple[Column[Any], ...],
    keep: Any,
    drop: Any,
) -> None:
    """Rows of `drop` that would collide with a row of `keep` on `unique`: merged, then gone."""
    others = [part for part in unique if part is not column]
    key = tuple(table.primary_key.columns)
    for row in (await session.execute(select(table).where(column == drop))).mappings().all():
        same = [part == row[part.name] for part in others]
        kept = (await session.execute(select(*key).where(column == keep, *same).limit(1))).first()
        if kept is None:
            continue
        if len(key) == 1 and any(True for _ in references(table)):
            await merge_rows(session, table, kept[0], row[key[0].name])
        else:
            await session.execute(delete(table).where(and_(*(k == row[k.name] for k in key))))


def _earliest(*values: Any) -> Any:
    given = [value for value in values if value is not None]
    return min(given) if given else None
