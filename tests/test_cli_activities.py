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


HEADER = "id;titel;beschrijving;organisatie;gemeente;interesses;taalicoon"


def _sheet(folder: Path, name: str, *rows: tuple[str, str, str]) -> Path:
    """A small CSV list: (id, title, municipality) per row."""
    lines = [HEADER] + [
        f"{key};{title};We doen het samen.;Vzw Samen (voorbeeld);{place};sport;1"
        for key, title, place in rows
    ]
    path = folder / name
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ids(folder: Path) -> list[str]:
    listed = _wegwijs(folder, "activities", "list", "--archived").stdout.splitlines()[1:]
    return sorted(line.rsplit("[", 1)[1].split(";")[0] for line in listed)


def test_a_second_list_without_source_leaves_the_first_list_whole(tmp_path: Path) -> None:
    first = _sheet(tmp_path, "Voetbal Ieper.csv", ("voetbal", "Voetbal", "Ieper"))
    second = _sheet(tmp_path, "petanque.csv", ("petanque", "Petanque", "Poperinge"))

    assert (
        "csv:voetbal-ieper: 1 added"
        in _wegwijs(tmp_path, "activities", "import", str(first)).stdout
    )
    result = _wegwijs(tmp_path, "activities", "import", str(second))

    assert result.returncode == 0, result.stderr
    assert "csv:petanque: 1 added" in result.stdout
    assert "0 deleted" in result.stdout
    assert _ids(tmp_path) == ["csv:petanque:petanque", "csv:voetbal-ieper:voetbal"]


def test_several_csv_files_at_once_each_are_their_own_list_or_one_with_source(
    tmp_path: Path,
) -> None:
    first = _sheet(tmp_path, "a.csv", ("voetbal", "Voetbal", "Ieper"))
    second = _sheet(tmp_path, "b.csv", ("petanque", "Petanque", "Poperinge"))

    both = _wegwijs(tmp_path, "activities", "import", str(first), str(second))
    assert both.returncode == 0, both.stderr
    assert "csv:a: 1 added" in both.stdout
    assert "csv:b: 1 added" in both.stdout

    together = _wegwijs(
        tmp_path, "activities", "import", str(first), str(second), "--source", "sportclubs"
    )
    assert "sportclubs: 2 added" in together.stdout
    clash = _sheet(tmp_path, "c.csv", ("voetbal", "Voetbal twee", "Ieper"))
    doubled = _wegwijs(tmp_path, "activities", "import", str(first), str(clash), "--source", "x")
    assert doubled.returncode == 1
    assert "c.csv: id 'voetbal' is also in a.csv" in doubled.stderr


def test_an_import_that_would_delete_shows_it_and_asks_first(tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path, "sport.csv", ("voetbal", "Voetbal", "Ieper"), ("dans", "Dansen", "Ieper")
    )
    _wegwijs(tmp_path, "activities", "import", str(sheet))
    _sheet(tmp_path, "sport.csv", ("voetbal", "Voetbal", "Ieper"))

    refused = _wegwijs(tmp_path, "activities", "import", str(sheet), stdin="n\n")
    assert refused.returncode == 1
    assert "delete: dans  Dansen" in refused.stdout
    assert "nothing was imported" in refused.stdout
    no_answer = _wegwijs(tmp_path, "activities", "import", str(sheet))
    assert no_answer.returncode == 1
    assert _ids(tmp_path) == ["csv:sport:dans", "csv:sport:voetbal"]

    agreed = _wegwijs(tmp_path, "activities", "import", str(sheet), stdin="y\n")
    assert agreed.returncode == 0, agreed.stderr
    assert "1 deleted" in agreed.stdout
    assert _ids(tmp_path) == ["csv:sport:voetbal"]

    _sheet(tmp_path, "sport.csv", ("dans", "Dansen", "Ieper"))
    forced = _wegwijs(tmp_path, "activities", "import", str(sheet), "--yes")
    assert "1 added" in forced.stdout
    assert "1 deleted" in forced.stdout
    assert _ids(tmp_path) == ["csv:sport:dans"]
