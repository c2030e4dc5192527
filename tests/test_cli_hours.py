"""`wegwijs hours …` as staff call them, on a console conversation that logged hours."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

_wegwijs = wegwijs_command


def _chat(folder: Path, user: str, *lines: str) -> str:
    done = _wegwijs(folder, "chat", "--as", user, stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_staff_list_correct_set_a_deadline_and_see_what_waits(tmp_path: Path) -> None:
    assert _wegwijs(tmp_path, "demo").returncode == 0
    _chat(tmp_path, "coach", "hallo", "1", "ja", "Lotte", "Ieper", "koken", "klaar")
    onboarding = ["hallo", "1", "ja", "Amina", "Ieper", "koken", "klaar"]
    search = ["1", "met de fiets", "een beetje", "2", "/menu"]
    chatted = _chat(tmp_path, "amina", *onboarding, *search, "gisteren 2,5 uur", "ja")
    assert "Bewaard!" in chatted

    refused = _wegwijs(tmp_path, "hours", "deadline", "2", "2027-03-01", "--by", "1")
    assert refused.returncode == 1
    assert "Person 1 is no coach or staff member." in refused.stderr
    invite = _wegwijs(tmp_path, "invite", "--role", "coach", "--for", "1")
    code = invite.stdout.split('"/start ')[1].split('"')[0]
    _chat(tmp_path, "coach", f"/start {code}")

    done = _wegwijs(tmp_path, "hours", "deadline", "2", "2027-03-01", "--by", "1")
    assert done.stdout.strip() == "Person 2: hours due by 2027-03-01."
    listed = _wegwijs(tmp_path, "hours", "list", "2")
    assert "2,5 h  pending" in listed.stdout
    entry = listed.stdout.split()[0]

    corrected = _wegwijs(
        tmp_path, "hours", "correct", entry, "--by", "1", "--hours", "2", "--reason", "was 2 uur"
    )
    assert corrected.returncode == 0, corrected.stderr
    assert "    2 h  pending" in corrected.stdout
    logged = _wegwijs(
        tmp_path,
        "hours",
        "log",
        "2",
        "--activity",
        "1",
        "--hours",
        "3",
        "--day",
        "2026-01-05",
        "--by",
        "1",
        "--confirm",
    )
    assert logged.returncode == 0, logged.stderr
    assert "2026-01-05      3 h  confirmed via coach (Lotte)" in logged.stdout

    stale = _wegwijs(tmp_path, "hours", "stale", "--days", "0")
    assert "person 2, waiting 0 days" in stale.stdout
    mine = _chat(tmp_path, "amina", "mijn uren")
    assert "Bevestigd: 3 van 40 uur." in mine
    assert "weken tot maandag 1 maart." in mine

    made = _wegwijs(tmp_path, "hours", "overview", "2", "--out", "amina.pdf")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "amina.pdf").read_bytes().startswith(b"%PDF")
    assert "fontTools" not in made.stderr  # staff see what was made, not how the fonts were cut
    exported = _wegwijs(tmp_path, "hours", "export", "--format", "csv", "--municipality", "Ypres")
    assert exported.stdout.strip() == "Wrote 2 rows to wegwijs-uren.csv."
    table = (tmp_path / "wegwijs-uren.csv").read_text(encoding="utf-8-sig").splitlines()
    assert table[0].startswith("Persoon;Naam;Gemeente;Activiteit")
    assert ";2026-01-05;3;bevestigd;Lotte;in Wegwijs, coach" in table[1]
    later = _wegwijs(tmp_path, "hours", "export", "--format", "xlsx", "--from", "2026-02-01")
    assert later.stdout.strip() == "Wrote 1 row to wegwijs-uren.xlsx."
