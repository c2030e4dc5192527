"""What the bot understands of free text, and `wegwijs understand`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dialogs.understanding.choices import pick
from dialogs.understanding.places import Gazetteer
from dialogs.understanding.text import clean, fold
from tests.support import KNOWLEDGE


@pytest.mark.parametrize(
    ("text", "municipality", "certainty"),
    [
        ("Ieper", "Ieper", "sure"),
        ("ieper", "Ieper", "sure"),
        ("IEPER!!", "Ieper", "sure"),
        ("Ypres", "Ieper", "sure"),
        ("ik woon in Poperinghe", "Poperinge", "sure"),
        ("j'habite à Furnes", "Veurne", "sure"),
        ("I live in De Panne", "De Panne", "sure"),
        ("Sint-Idesbald", "Koksijde", "sure"),
        ("sint idesbald", "Koksijde", "sure"),
        ("Beveren aan de IJzer", "Alveringem", "sure"),
        ("Veurn", "Veurne", "close"),
        ("Poperinge", "Poperinge", "sure"),
        ("Diksmude", "Diksmuide", "close"),
        ("Zonebeke", "Zonnebeke", "close"),
        ("Lo", "Lo-Reninge", "sure"),
    ],
)
def test_municipalities(text: str, municipality: str, certainty: str) -> None:
    place = KNOWLEDGE.gazetteer.find(text)
    assert place is not None
    assert (place.municipality, place.certainty.value) == (municipality, certainty)


@pytest.mark.parametrize(
    "text", ["Antwerpen", "ik wil werken", "lo is een woord", "hallo", "", "🙂", "1234"]
)
def test_no_municipality_where_there_is_none(text: str) -> None:
    assert KNOWLEDGE.gazetteer.find(text) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hallo", "greeting"),
        ("Goeiemorgen!", "greeting"),
        ("bonjour", "greeting"),
        ("السلام عليكم", "greeting"),
        ("привіт", "greeting"),
        ("hulp", "help"),
        ("ik snap het niet", "help"),
        ("aidez moi", "help"),
        ("допоможіть", "help"),
        ("banaan", None),
    ],
)
def test_intents(text: str, intent: str | None) -> None:
    assert KNOWLEDGE.understand(text)["intent"] == intent


def test_interests_from_words_in_several_languages() -> None:
    result = KNOWLEDGE.understand("ik hou van koken, football en الحيوانات... dieren")
    assert result["interests"] == ["dieren", "koken", "sport"]


def test_cleaning_keeps_letters_and_emoji_and_drops_control_characters() -> None:
    assert clean("  Amina\x00\u202e  \n Ben ") == "Amina Ben"
    assert clean("👩\u200d👧") == "👩\u200d👧"
    assert fold("Poperinghe!") == "poperinghe"
    assert fold("Élodie  Sint-Jan") == "elodie sint jan"


def test_numbers_in_other_scripts_pick_choices() -> None:
    ids = ["a", "b", "c"]
    assert pick("٣", ids, []).ids == ("c",)
    assert pick("۲", ids, []).ids == ("b",)
    assert pick("4", ids, []).out_of_range
    assert pick("1 3", ids, [], multi=True).ids == ("a", "c")
    assert pick("1 3", ids, []).ids == ()


def test_ambiguous_text_picks_nothing_on_a_single_choice() -> None:
    phrases = [("ja", "yes"), ("nee", "no")]
    assert pick("ja", ["yes", "no"], phrases).ids == ("yes",)
    assert pick("ja nee", ["yes", "no"], phrases).ids == ()


def test_understand_command_prints_one_json_object() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "understand", "Hallo, ik woon in Ypres en hou van koken"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert data["intent"] == "greeting"
    assert data["municipality"] == "Ieper"
    assert data["interests"] == ["koken"]
    assert data["hours"] is None
    assert data["date"] is None


@pytest.mark.parametrize(
    ("text", "interests", "municipality"),
    [
        ("ik wil koken in Ieper", ["koken"], "Ieper"),
        ("voetbal", ["sport"], None),
        ("iets met kinderen", ["kinderen"], None),
        ("je veux faire du jardinage à Furnes", ["tuin"], "Veurne"),
    ],
)
def test_an_interest_without_another_intent_is_a_search(
    text: str, interests: list[str], municipality: str | None
) -> None:
    understood = KNOWLEDGE.understand(text)
    assert (understood["intent"], understood["interests"], understood["municipality"]) == (
        "find_activity",
        interests,
        municipality,
    )


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("gisteren 3 uur bij Argos", 3.0),
        ("2,5 uur", 2.5),
        ("anderhalf uur", 1.5),
        ("1u30", 1.5),
        ("45 minuten", 0.75),
        ("van 14u tot 17u", 3.0),
        ("I worked three hours", 3.0),
        ("j'ai fait 2 heures", 2.0),
        ("une heure et demie", 1.5),
        ("عملت ٣ ساعات", 3.0),
        ("۲ ساعت کار کردم", 2.0),
        ("працювала 4 години", 4.0),
        ("3 saat çalıştım", 3.0),
        ("2 horas", 2.0),
        ("1 uur en 30 minuten", 1.5),
    ],
)
def test_durations_in_many_languages_and_scripts(text: str, hours: float) -> None:
    assert KNOWLEDGE.understand(text)["hours"] == hours


@pytest.mark.parametrize("text", ["hallo", "ik woon in Ieper", "mijn nummer is 3", "2026"])
def test_no_duration_where_there_is_none(text: str) -> None:
    assert KNOWLEDGE.understand(text)["hours"] is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("مرحبا، أحتاج مساعدة", "ar"),
        ("سلام، کمک می‌خواهم", "fa"),
        ("زه مرسته غواړم", "ps"),
        ("ሰላም ሓገዝ የድልየኒ", "ti"),
        ("привіт, мені потрібна допомога", "uk"),
        ("здравствуйте, мне нужна помощь", "ru"),
        ("merhaba, yardım lazım", "tr"),
        ("¿dónde está la biblioteca?", "es"),
        ("bonjour, j'ai besoin d'aide", "fr"),
        ("hello, I need help", "en"),
        ("hallo, ik heb hulp nodig", "nl"),
    ],
)
def test_the_language_of_a_message_is_detected(text: str, language: str) -> None:
    assert KNOWLEDGE.understand(text)["language"] == language


def test_municipality_centres_give_distances_and_the_nearest_one() -> None:
    gazetteer = Gazetteer()
    assert set(gazetteer.coordinates) == set(gazetteer.municipalities)
    assert 10 < gazetteer.distance_km("Ieper", "Poperinge") < 13
    assert gazetteer.distance_km("Veurne", "Veurne") == 0
    assert gazetteer.nearest(50.790, 2.830)[0] == "Heuvelland"  # near Kemmel
    _name, km = gazetteer.nearest(51.2194, 4.4025)  # Antwerp
    assert km > 90
