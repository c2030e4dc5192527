"""`wegwijs buddy link|unlink|list` and `wegwijs invite --role buddy --for PERSON`, as staff
type them on console conversations: both people hear it on their next message."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

_wegwijs = wegwijs_command
ONBOARDING = ["hallo", "1", "ja"]


def _chat(folder: Path, user: str, *lines: str) -> str:
    done = _wegwijs(folder, "chat", "--as", user, stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_staff_link_list_and_unlink_a_buddy_and_both_hear_it(tmp_path: Path) -> None:
    _chat(tmp_path, "amina", *ONBOARDING, "Amina", "Ypres", "koken", "klaar")
    _chat(tmp_path, "ward", *ONBOARDING, "Ward", "Ieper", "lezen", "klaar")

    linked = _wegwijs(tmp_path, "buddy", "link", "2", "1")
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.strip() == "buddy 2 Ward → participant 1 Amina: linked; 2 of 2 told."
    assert "Ward is nu je buddy." in _chat(tmp_path, "amina", "/menu")
    ward = _chat(tmp_path, "ward", "/menu", "2")
    assert "Je bent nu buddy van Amina." in ward
    assert "🔹 Amina" in ward  # Mijn deelnemers

    again = _wegwijs(tmp_path, "buddy", "link", "2", "1")
    assert again.returncode == 1
    assert "They are linked already." in again.stderr
    own = _wegwijs(tmp_path, "buddy", "link", "1", "1")
    assert own.returncode == 1
    assert "A person cannot be their own buddy." in own.stderr
    nobody = _wegwijs(tmp_path, "buddy", "link", "9", "1")
    assert nobody.returncode == 1
    assert "There is no person 9." in nobody.stderr
    [line] = _wegwijs(tmp_path, "buddy", "list").stdout.splitlines()
    assert line.startswith("buddy 2 Ward → participant 1 Amina  since ")

    ended = _wegwijs(tmp_path, "buddy", "unlink", "2", "1")
    assert ended.stdout.strip() == "buddy 2 Ward → participant 1 Amina: link ended; 2 told."
    assert "Je bent niet meer buddy van Amina." in _chat(tmp_path, "ward", "/menu")
    assert "Ward is niet meer je buddy." in _chat(tmp_path, "amina", "/menu")
    assert _wegwijs(tmp_path, "buddy", "list").stdout.strip() == "No buddy links."
    twice = _wegwijs(tmp_path, "buddy", "unlink", "2", "1")
    assert twice.returncode == 1
    assert "they are not linked" in twice.stderr


def test_a_buddy_invite_for_a_participant_links_on_use(tmp_path: Path) -> None:
    _chat(tmp_path, "amina", *ONBOARDING, "Amina", "Ypres", "koken", "klaar")
    made = _wegwijs(tmp_path, "invite", "--role", "buddy", "--for", "1")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Invite for a buddy of person 1 (Amina), linked on use")
    code = made.stdout.split('"/start ')[1].split('"')[0]

    ward = _chat(tmp_path, "ward", f"/start {code}", "1", "ja", "Ward")
    assert "Welkom! Je bent nu buddy van Amina." in ward
    assert "Je hebt nu een buddy." in _chat(tmp_path, "amina", "/menu")
    [line] = _wegwijs(tmp_path, "buddy", "list", "1").stdout.splitlines()
    assert line.startswith("buddy 2 Ward → participant 1 Amina")
    missing = _wegwijs(tmp_path, "invite", "--role", "buddy", "--for", "7")
    assert missing.returncode == 2
    assert "There is no person with id 7." in missing.stderr
