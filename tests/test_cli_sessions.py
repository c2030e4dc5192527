"""`wegwijs sessions …` as staff call them: a bad list is reported by row and column and nothing
is stored; a good one adds sessions; cancelling twice changes nothing the second time."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

HEADER = (
    "activiteit;id;datum;dag;begin;einde;plaats;gemeente;adres;plaatsen;voor;taalicoon;telt_mee"
)
GOOD = "koe-voorlezen;jan-13;2027-01-13;woensdag;14:00;15:30;Bib Koekelare;;;12;gezinnen;1;ja"
SECOND = "koe-voorlezen;jan-20;20/01/2027;wo;14u;15u30;Bib Koekelare;Koekelare;;;iedereen;;nee"


def _sheet(folder: Path, *rows: str) -> Path:
    path = folder / "sessies.csv"
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    return path


def test_a_bad_list_names_every_problem_and_stores_nothing(tmp_path: Path) -> None:
    assert wegwijs_command(tmp_path, "demo").returncode == 0
    sheet = _sheet(
        tmp_path,
        GOOD,
        "koe-voorlezen;old;2020-01-01;;14:00;15:00;;;;;;;",
        "koe-voorlezen;back;2027-01-27;;15:00;14:00;;;;;;;",
        "koe-voorlezen;sat;2027-01-16;woensdag;14:00;15:00;;;;;;;",
        "koe-voorlezen;gap;2027-03-28;zo;02:30;03:30;;;;;;;",
        "koe-voorlezen;kids;2027-02-03;;14:00;15:00;;;;veel;;;",
    )
    result = wegwijs_command(tmp_path, "sessions", "import", str(sheet))
    assert result.returncode == 1
    assert "row 3, column datum: this session is in the past" in result.stderr
    assert "row 4, column einde: the end is not after the begin" in result.stderr
    assert "row 5, column dag: 2027-01-16 is not a woensdag (it is a za)" in result.stderr
    assert "row 6, column begin: 02:30 does not exist on 2027-03-28" in result.stderr
    assert "row 7, column plaatsen:" in result.stderr
    assert "Nothing was stored" in result.stderr
    unknown = _sheet(tmp_path, GOOD, GOOD.replace("koe-voorlezen;jan-13", "nergens;x"))
    result = wegwijs_command(tmp_path, "sessions", "import", str(unknown))
    assert "row 3, column activiteit: there is no activity 'nergens'" in result.stderr
    listed = wegwijs_command(tmp_path, "sessions", "list")
    assert "No upcoming sessions" in listed.stdout


def test_import_list_cancel(tmp_path: Path) -> None:
    assert wegwijs_command(tmp_path, "demo").returncode == 0
    sheet = _sheet(tmp_path, GOOD, SECOND)
    first = wegwijs_command(tmp_path, "sessions", "import", str(sheet))
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 moved (people told), 0 updated, 0 unchanged." in first.stdout
    again = wegwijs_command(tmp_path, "sessions", "import", str(sheet))
    assert "0 added, 0 moved (people told), 0 updated, 2 unchanged." in again.stdout
    listed = wegwijs_command(tmp_path, "sessions", "list").stdout.splitlines()
    assert "2027-01-13 14:00" in listed[1]
    assert "Bib Koekelare, Koekelare" in listed[1]
    assert "0/12" in listed[1]
    assert "2027-01-20 14:00" in listed[2]
    session_id = listed[1].split()[0]
    cancelled = wegwijs_command(tmp_path, "sessions", "cancel", session_id, "--reason", "Ziek")
    assert f"Session {session_id} is cancelled" in cancelled.stdout
    twice = wegwijs_command(tmp_path, "sessions", "cancel", session_id)
    assert "was cancelled already; nothing changed" in twice.stdout
    shown = wegwijs_command(tmp_path, "sessions", "list", "--all").stdout
    assert "(cancelled: Ziek)" in shown
    assert "(cancelled" not in wegwijs_command(tmp_path, "sessions", "list").stdout


def test_add_checks_like_a_row(tmp_path: Path) -> None:
    assert wegwijs_command(tmp_path, "demo").returncode == 0
    late = wegwijs_command(
        tmp_path, "sessions", "add", "koe-voorlezen", "--date", "2027-02-03", "--begin", "15:00",
        "--end", "14:00",
    )  # fmt: skip
    assert late.returncode == 1
    assert "--einde: the end is not after the begin" in late.stderr
    made = wegwijs_command(
        tmp_path, "sessions", "add", "koe-voorlezen", "--date", "2027-02-03", "--begin", "14:00",
        "--end", "15:00", "--places", "10", "--counts",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "1 added" in made.stdout
