"""`wegwijs people find`, `--by` by id or first name, and hours confirmed or rejected from the
command line, as staff type them on a console conversation that logged hours."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

_wegwijs = wegwijs_command
ONBOARDING = ["hallo", "1", "ja"]


def _chat(folder: Path, user: str, *lines: str) -> str:
    done = _wegwijs(folder, "chat", "--as", user, stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    return done.stdout


def _invite(folder: Path, role: str) -> str:
    printed = _wegwijs(folder, "invite", "--role", role).stdout
    return printed.split('"/start ')[1].split('"')[0]


def _people(folder: Path) -> None:
    """1 Amina (participant, 2 entries waiting), 2 Lotte (coach), 3 a staff member who only
    opened the invite link and never did the onboarding."""
    assert _wegwijs(folder, "demo").returncode == 0
    search = ["1", "met de fiets", "een beetje", "2", "/menu"]
    _chat(folder, "amina", *ONBOARDING, "Amina", "Ypres", "koken", "klaar", *search)
    _chat(folder, "amina", "gisteren 2,5 uur", "ja", "eergisteren 2 uur", "ja")
    _chat(folder, "lotte", f"/start {_invite(folder, 'coach')}", "1", "ja", "Lotte")
    _chat(folder, "sarah", f"/start {_invite(folder, 'staff')}")


def _entries(folder: Path) -> list[str]:
    return _wegwijs(folder, "hours", "list", "1").stdout.splitlines()


def test_staff_find_people_by_name_municipality_and_role(tmp_path: Path) -> None:
    _people(tmp_path)
    menu = _chat(tmp_path, "lotte", "/menu")
    assert "1. Uren die wachten" in menu  # a coach's own menu, not the participant's
    assert "Een activiteit zoeken" not in menu

    named = _wegwijs(tmp_path, "people", "find", "ami")
    assert named.returncode == 0, named.stderr
    [header, amina] = named.stdout.splitlines()
    assert header.split() == ["id", "first", "name", "municipality", "roles"]
    assert amina.split() == ["1", "Amina", "Ieper", "participant"]
    living = _wegwijs(tmp_path, "people", "find", "--municipality", "Ypres").stdout
    assert [line.split()[1] for line in living.splitlines()[1:]] == ["Amina"]
    staff = _wegwijs(tmp_path, "people", "find", "--role", "staff").stdout.splitlines()
    assert staff[1].split()[0] == "3"
    assert "(no name yet)" in staff[1]
    assert "staff" in staff[1]
    assert _wegwijs(tmp_path, "people", "find", "Zoë").stdout.strip() == "Nobody found."
    nothing = _wegwijs(tmp_path, "people", "find")
    assert nothing.returncode == 2
    assert "give a NAME, --municipality or --role" in nothing.stderr
    elsewhere = _wegwijs(tmp_path, "people", "find", "--municipality", "Gent")
    assert elsewhere.returncode == 1
    assert "'Gent' is not a Westhoek municipality." in elsewhere.stderr


def test_staff_confirm_and_reject_from_the_command_line_by_name_or_id(tmp_path: Path) -> None:
    _people(tmp_path)
    first, second = (line.split()[0] for line in _entries(tmp_path))

    confirmed = _wegwijs(tmp_path, "hours", "confirm", first, "--by", "lotte")
    assert confirmed.returncode == 0, confirmed.stderr
    assert "confirmed via coach (Lotte)" in confirmed.stdout
    assert "the participant will hear it" in confirmed.stdout
    again = _wegwijs(tmp_path, "hours", "reject", first, "--by", "3")
    assert again.returncode == 1
    assert f"Entry {first} is confirmed already" in again.stderr

    rejected = _wegwijs(tmp_path, "hours", "reject", second, "--by", "3", "--reason", "was 1 uur")
    assert rejected.returncode == 0, rejected.stderr
    assert "rejected  via staff (person 3)" in rejected.stdout
    lines = {line.split()[0]: line for line in _entries(tmp_path)}
    assert "confirmed via coach (Lotte)" in lines[first]
    assert "rejected  via staff (person 3)" in lines[second]

    heard = _chat(tmp_path, "amina", "mijn uren")
    assert "Goed nieuws! Lotte bevestigde je uren." in heard
    assert "Een medewerker zegt dat deze uren niet kloppen:" in heard
    assert "De reden: was 1 uur" in heard
    assert "Bevestigd: 2,5 van 40 uur." in heard


def test_by_names_only_a_coach_or_staff_member_and_says_why_not(tmp_path: Path) -> None:
    _people(tmp_path)
    entry = _entries(tmp_path)[0].split()[0]

    for by, why in [
        ("1", "Person 1 is no coach or staff member."),
        ("Amina", "No coach or staff member is called 'Amina'."),
        ("99", "There is no person 99."),
    ]:
        refused = _wegwijs(tmp_path, "hours", "confirm", entry, "--by", by)
        assert refused.returncode == 1
        assert why in refused.stderr
    deadline = _wegwijs(tmp_path, "hours", "deadline", "1", "2027-03-01", "--by", "LOTTE")
    assert deadline.stdout.strip() == "Person 1: hours due by 2027-03-01."
    assert _entries(tmp_path)[0].split()[4] == "pending"
