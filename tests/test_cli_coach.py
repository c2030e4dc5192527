"""`wegwijs coach areas`, as staff type it: a coach's municipalities are set, shown, and a wrong
name or someone who is no coach gets a clear answer."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command

_wegwijs = wegwijs_command


def test_staff_set_and_show_the_areas_a_coach_serves(tmp_path: Path) -> None:
    invite = _wegwijs(tmp_path, "invite", "--role", "coach").stdout
    code = invite.split('"/start ')[1].split('"')[0]
    chat = _wegwijs(tmp_path, "chat", "--as", "sarah", stdin=f"/start {code}\n1\nja\nSarah\n")
    assert chat.returncode == 0, chat.stderr
    _wegwijs(tmp_path, "chat", "--as", "amina", stdin="hallo\n1\nja\nAmina\n")

    shown = _wegwijs(tmp_path, "coach", "areas", "1")
    assert shown.stdout.strip() == "Coach 1 Sarah serves: every municipality."
    made = _wegwijs(tmp_path, "coach", "areas", "1", "Ypres", "Poperinge", "Ieper")
    assert made.stdout.strip() == "Coach 1 Sarah serves: Ieper, Poperinge."
    assert _wegwijs(tmp_path, "coach", "areas", "1").stdout.strip() == made.stdout.strip()

    wrong = _wegwijs(tmp_path, "coach", "areas", "1", "Brussel")
    assert wrong.returncode == 1
    assert "'Brussel' is not a Westhoek municipality." in wrong.stderr
    nobody = _wegwijs(tmp_path, "coach", "areas", "2", "Ieper")
    assert nobody.returncode == 1
    assert "Person 2 is no coach" in nobody.stderr
