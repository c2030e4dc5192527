"""One import: read the files (CSV or UiTdatabank JSON-LD), then bring them into the store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.activities import csv_file, uitdatabank
from dialogs.knowledge import Knowledge
from store.activities import sync
from store.activities.sync import ActivityData, SyncResult

SAMPLE = Path(__file__).resolve().parent / "sample_activities.csv"
SAMPLE_SOURCE = "voorbeeld"
JSON_SUFFIXES = {".json", ".jsonld"}
SOURCE_LENGTH = 32  # Activity.source


@dataclass
class Loaded:
    """What the files hold: usable items, or problems that stop the import."""

    kind: str  # "csv" or "uitdatabank": also the default source name
    items: list[ActivityData] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # any of these: nothing is imported
    skipped: list[str] = field(default_factory=list)  # items left out, with the reason
    unreadable_ids: list[str] = field(default_factory=list)


def load(paths: list[Path], knowledge: Knowledge) -> Loaded:
    """Read CSV files (one list together) or JSON-LD files (pages of one search)."""
    kinds = {"uitdatabank" if path.suffix.lower() in JSON_SUFFIXES else "csv" for path in paths}
    if len(kinds) != 1:
        return Loaded("csv", problems=["import CSV and JSON-LD files separately"])
    kind = kinds.pop()
    if kind == "csv":
        return _load_csv(paths, knowledge)
    loaded = Loaded(kind)
    seen: set[str] = set()
    for path in paths:
        try:
            document = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            loaded.problems.append(f"{path.name}: not a JSON file ({error})")
            continue
        reading = uitdatabank.read(document, knowledge)
        for item in reading.items:
            if item.external_id not in seen:
                seen.add(item.external_id)
                loaded.items.append(item)
        loaded.skipped.extend(f"{ref}: {reason}" for ref, reason in reading.skipped)
        loaded.unreadable_ids.extend(reading.unreadable_ids)
    return loaded


def batches(paths: list[Path], source: str | None) -> list[tuple[str, list[Path]]]:
    """Which files go into which source. Without a name, each CSV file is its own list (named
    after the file), so importing a second file never archives the first one's activities;
    JSON-LD files are pages of one UiTdatabank search."""
    if source is not None:
        return [(source, paths)]
    csv_files = [path for path in paths if path.suffix.lower() not in JSON_SUFFIXES]
    if not csv_files:
        return [("uitdatabank", paths)]
    if len(csv_files) != len(paths):
        return [("csv", paths)]  # mixed: `load` refuses it with its reason
    return [(source_of(path), [path]) for path in paths]


def source_of(path: Path) -> str:
    """The default source name of a CSV file: "csv:" and its name, as short as the column."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in path.stem.casefold())
    return f"csv:{stem}"[:SOURCE_LENGTH]


def _load_csv(paths: list[Path], knowledge: Knowledge) -> Loaded:
    loaded = Loaded("csv")
    where: dict[str, str] = {}
    for path in paths:
        items, problems = csv_file.read(path.read_bytes(), knowledge)
        prefix = f"{path.name}: " if len(paths) > 1 else ""
        loaded.problems.extend(f"{prefix}{problem}" for problem in problems)
        for item in items:
            if item.external_id in where:
                loaded.problems.append(
                    f"{path.name}: id {item.external_id!r} is also in {where[item.external_id]}"
                )
                continue
            where[item.external_id] = path.name
            loaded.items.append(item)
    return loaded


async def apply(
    session: AsyncSession,
    source: str,
    loaded: Loaded,
    now: datetime,
    *,
    keep_missing: bool = False,
) -> SyncResult:
    """Bring the loaded items into the catalogue (the caller commits)."""
    if loaded.problems:
        raise ValueError("an import with problems must not be applied")
    return await sync.sync(
        session,
        source,
        loaded.items,
        now,
        keep_missing=keep_missing,
        untouched=loaded.unreadable_ids,
    )


def load_sample(knowledge: Knowledge) -> Loaded:
    """The sample catalogue of `wegwijs demo`: made-up activities in all 18 municipalities."""
    return load([SAMPLE], knowledge)
