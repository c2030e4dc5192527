"""What staff write, checked before anything goes out: clear Dutch (shown, may send anyway),
placeholders in translations, the time to send across the DST switches, the audience."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.broadcasts import audience
from dialogs.broadcasts.checks import (
    Problem,
    When,
    check_text,
    check_translations,
    parse_when,
)
from dialogs.broadcasts.compose import languages
from tests.support import BRUSSELS, KNOWLEDGE

LANGUAGES = languages(KNOWLEDGE)
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def test_a_clear_text_has_no_findings() -> None:
    assert check_text("Feest in de bib van Veurne! Kom op zaterdag om 14 uur.") == []


def test_an_empty_text_blocks() -> None:
    (found,) = check_text("  \n ")
    assert found.problem is Problem.EMPTY
    assert found.blocking


def test_a_long_sentence_and_a_rare_word_are_named_but_do_not_block() -> None:
    long = " ".join(["Wij nodigen je graag uit"] * 5) + "."
    found = check_text(f"{long} De subsidieaanvraagprocedure begint.")
    problems = {(f.problem, f.detail) for f in found}
    assert (Problem.LONG_SENTENCE, long) in problems
    assert (Problem.RARE_WORD, "subsidieaanvraagprocedure") in problems
    assert not any(f.blocking for f in found)


def test_a_text_beyond_every_channel_blocks() -> None:
    found = check_text("Kom mee. " * 600)
    assert Problem.TOO_LONG in {f.problem for f in found}


def test_only_the_name_placeholder_is_known_and_translations_keep_it() -> None:
    assert check_text("Dag {name}, kom je?") == []
    assert {f.problem for f in check_text("Dag {naam}, kom je?")} == {Problem.PLACEHOLDER}
    dutch = "Dag {name}, kom je?"
    assert check_translations(dutch, {"fr": "Bonjour {name}, tu viens ?"}, LANGUAGES) == []
    missing = check_translations(dutch, {"fr": "Bonjour, tu viens ?"}, LANGUAGES)
    assert [(f.problem, f.detail, f.language) for f in missing] == [
        (Problem.PLACEHOLDER, "{name}", "fr")
    ]
    broken = check_translations(dutch, {"ar": "مرحبا {name"}, LANGUAGES)
    assert {f.problem for f in broken} == {Problem.PLACEHOLDER}
    assert all(f.blocking for f in broken)
    unknown = check_translations(dutch, {"xx": "Hallo {name}"}, LANGUAGES)
    assert [f.problem for f in unknown] == [Problem.UNKNOWN_LANGUAGE]


def test_times_are_local_and_the_dst_switches_get_a_clear_answer() -> None:
    winter = parse_when("2026-12-10 18:00", BRUSSELS, NOW)
    assert winter == datetime(2026, 12, 10, 17, 0, tzinfo=UTC)
    # Scheduled the day before the clocks go forward: 18:00 is then UTC+2.
    summer = parse_when("2027-03-28 18:00", BRUSSELS, NOW)
    assert summer == datetime(2027, 3, 28, 16, 0, tzinfo=UTC)
    assert parse_when("2027-03-28 02:30", BRUSSELS, NOW) is When.NOT_A_TIME
    assert parse_when("2027-10-31 02:30", BRUSSELS, NOW) is When.TWICE
    assert parse_when("2026-12-01 10:00", BRUSSELS, NOW) is When.PAST
    assert parse_when("volgende week", BRUSSELS, NOW) is When.FORMAT
    assert parse_when("2026-02-30 10:00", BRUSSELS, NOW) is When.FORMAT


def test_an_audience_is_read_as_staff_write_it() -> None:
    found = audience.parse(
        "municipality=Veurne|Ypres,role=participant,taal=ar,interest=koken,enrolled=no",
        KNOWLEDGE,
        LANGUAGES,
    )
    assert found.municipalities == {"Veurne", "Ieper"}
    assert found.roles == {"participant"}
    assert found.languages == {"ar"}
    assert found.interests == {"koken"}
    assert found.enrolled is False
    near = audience.parse("near=activity:12:15", KNOWLEDGE, LANGUAGES)
    assert (near.near_kind, near.near_id, near.near_km) == ("activity", 12, 15.0)
    assert audience.parse("all", KNOWLEDGE, LANGUAGES).to_json()["roles"] == []


@pytest.mark.parametrize(
    "spec",
    ["municipality=Brussel", "role=boss", "taal=xx", "enrolled=maybe", "veurne", "near=x:1"],
)
def test_an_audience_that_cannot_be_understood_says_which_part(spec: str) -> None:
    with pytest.raises(audience.AudienceError):
        audience.parse(spec, KNOWLEDGE, LANGUAGES)


def test_near_means_the_municipalities_within_reach() -> None:
    found = audience.nearby("Veurne", 10.0, KNOWLEDGE)
    assert "Veurne" in found
    assert "De Panne" in found
    assert "Mesen" not in found
