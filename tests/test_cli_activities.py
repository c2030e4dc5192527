"""`wegwijs demo`, `wegwijs activities …` and `wegwijs gaps` as staff call them, and a newcomer
who then finds and joins a sample activity in the console chat."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "uitdatabank-westhoek.jsonld"


_wegwijs = wegwijs_command


def test_demo_loads_the_sample_catalogue_once(tmp_path: Path) -> None:
    first = _wegwijs(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "Sample catalogue (voorbeeld): 43 added" in first.stdout
    assert "not real activities" in first.stdout
    again = _wegwijs(tmp_path, "demo")
    assert "0 added, 0 updated, 43 unchanged" in again.stdout

    listed = _wegwijs(tmp_path, "activities", "list", "--municipality", "Ypres")
    lines = listed.stdout.splitlines()[1:]
    assert len(lines) == 6
    assert all(" Ieper " in line for line in lines)
    cooking = _wegwijs(tmp_path, "activities", "list", "--interest", "cuisine")
    assert "Samen koken in het dienstencentrum" in cooking.stdout
    assert "Voetbal voor iedereen" not in cooking.stdout


def test_a_bad_csv_is_reported_by_row_and_nothing_is_stored(tmp_path: Path) -> None:
    made = _wegwijs(tmp_path, "activities", "template", "--example")
    assert made.returncode == 0, made.stderr
    sheet = tmp_path / "activiteiten.csv"
    good_row = sheet.read_text(encoding="utf-8-sig").splitlines()[1]
    bad_row = good_row.replace("kookclub-ieper", "tweede").replace(";Ieper;", ";Gent;")
    sheet.write_text("\n".join(["\ufeff" + ";".join(_columns(sheet)), good_row, bad_row]))

    result = _wegwijs(tmp_path, "activities", "import", str(sheet))

    assert result.returncode == 1
    assert "row 3, column gemeente: 'Gent' is not a Westhoek municipality" in result.stderr
    assert "Nothing was imported" in result.stderr
    listed = _wegwijs(tmp_path, "activities", "list")
    assert "No activities found" in listed.stdout


def _columns(sheet: Path) -> list[str]:
    return sheet.read_text(encoding="utf-8-sig").splitlines()[0].split(";")


def test_uitdatabank_import_reports_skipped_items_and_criteria_can_be_checked(
    tmp_path: Path,
) -> None:
    result = _wegwijs(tmp_path, "activities", "import", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert "uitdatabank: 5 added" in result.stdout
    assert "4 skipped" in result.stdout
    assert "not in the Westhoek (Leuven)" in result.stdout

    listed = _wegwijs(tmp_path, "activities", "list", "--municipality", "Poperinge")
    [line] = listed.stdout.splitlines()[1:]
    activity_id = line.split()[0]
    assert " ? " in line  # not checked yet
    checked = _wegwijs(
        tmp_path,
        "activities",
        "criteria",
        activity_id,
        "--with-others",
        "--new-contacts",
        "--dutch",
    )
    assert checked.stdout.strip() == "Repair Café: counts for the trajectory: yes."


def test_gaps_shows_where_an_interest_found_nothing(tmp_path: Path) -> None:
    assert "No unmet wishes recorded yet." in _wegwijs(tmp_path, "gaps").stdout
    _wegwijs(tmp_path, "demo")
    answers = ["hallo", "1", "ja", "Amina", "Mesen", "8", "klaar", "1", "1", "1"]
    chat = _wegwijs(tmp_path, "chat", "--as", "amina", stdin="\n".join(answers) + "\n")
    assert "Ik vind niets dat goed past, dicht bij jou." in chat.stdout

    gaps = _wegwijs(tmp_path, "gaps")
    assert gaps.stdout.splitlines()[1].split() == ["Mesen", "lezen", "1"]
    assert "amina" not in gaps.stdout.casefold()


def test_a_newcomer_finds_and_joins_a_sample_activity_in_the_console(tmp_path: Path) -> None:
    _wegwijs(tmp_path, "demo")
    answers = [
        "hallo",
        "1",  # Nederlands
        "ja",
        "Amina",
        "Ypres",
        "koken",
        "klaar",
        "1",  # Een activiteit zoeken
        "met de fiets",
        "een beetje",
        "2",  # Ik wil dit doen: the first card
        "mijn activiteiten",
    ]
    result = _wegwijs(tmp_path, "chat", "--as", "amina", stdin="\n".join(answers) + "\n")

    assert result.returncode == 0, result.stderr
    transcript = result.stdout
    assert "Dit past bij jou:" in transcript
    assert "1️⃣ Samen koken in het dienstencentrum" in transcript
    assert "2. 1️⃣ Ik wil dit doen" in transcript
    assert "Goed! Je bent ingeschreven voor Samen koken in het dienstencentrum." in transcript
    assert "✉️ Mail: ieper.samen.koken@example.org" in transcript
    assert "Samen koken in het dienstencentrum in Ieper: ingeschreven" in transcript
