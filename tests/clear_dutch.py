"""Measures every Dutch msgid against the clear-language rules (see test_clear_dutch.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from dialogs.clear_dutch import Measurement, douma, measure

TEMPLATE = Path(__file__).resolve().parent.parent / "locales" / "messages.pot"

# Measured in the same run, to show where the threshold sits.
REFERENCES = {
    "newspaper": (
        "De gemeenteraad heeft gisteren beslist om de subsidies voor culturele verenigingen te "
        "verminderen, ondanks protest van verschillende organisaties."
    ),
    "action plan": (
        "Het participatie- en netwerktraject is een verplicht onderdeel van het "
        "inburgeringstraject voor inburgeraars die onder de inburgeringsplicht vallen."
    ),
}


@cache
def measure_all() -> tuple[Measurement, ...]:
    with TEMPLATE.open("rb") as handle:
        catalog = read_po(handle)
    # A plural message is measured in both its forms.
    return tuple(
        measure(msgid)
        for message in catalog
        if message.id
        for msgid in ([message.id] if isinstance(message.id, str) else message.id)
    )


def report(limit: int = 10) -> list[str]:
    """The worst messages, and the reference scores, for the test output."""
    rows = sorted(measure_all(), key=lambda item: item.badness, reverse=True)[:limit]
    lines = [f"Clear Dutch: the {limit} hardest of {len(measure_all())} messages"]
    for item in rows:
        score = "  -  " if item.douma is None else f"{item.douma:5.1f}"
        words = max(item.sentence_words, default=0)
        lines.append(f"  douma {score}  longest {words:2d} words  {item.text!r}")
    for name, text in REFERENCES.items():
        lines.append(f"  reference, {name}: douma {douma(text):.1f}")
    return lines
