"""`wegwijs chat` from a pipe, as a separate process: a replayed conversation, then a restart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _chat(folder: Path, lines: list[str], user: str = "demo") -> str:
    env = {
        **os.environ,
        "WEGWIJS_DATABASE_URL": f"sqlite:///{folder}/chat.db",
        "WEGWIJS_DATA_DIR": str(folder),
        "WEGWIJS_TELEGRAM_TOKEN": "",
    }
    env.pop("WEGWIJS_TELEGRAM_TOKEN")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--as", user],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_a_whole_onboarding_from_a_pipe_then_a_restart_keeps_the_state(tmp_path: Path) -> None:
    transcript = _chat(tmp_path, ["hallo", "3", "ja", "Amina", "Ypres", "2 3", "klaar"])

    assert "» hallo" in transcript
    assert "Hallo! Ik ben Wegwijs." in transcript
    assert "  5. Українська" in transcript
    assert "🌐" in transcript  # French help lines from the third answer on
    assert "Dag Amina!" in transcript
    assert "Ypres ligt in Ieper." in transcript
    assert "✅ 2. koken" in transcript
    assert "Klaar, Amina! Welkom bij Wegwijs." in transcript
    assert "10. Hulp · Aide" in transcript
    # The newest items come last, so the numbers people learned stay.
    assert "     11. Taalplezier\n" in transcript
    assert transcript.rstrip().splitlines()[-1].strip().startswith("12. Mijn buddy · ")

    again = _chat(tmp_path, ["/start", "8"])  # Mijn gegevens
    assert "Welkom terug, Amina!" in again
    assert "Dit bewaar ik over jou:" in again
    assert "Gemeente: Ieper" in again
    export = tmp_path / "exports" / "demo-wegwijs-mijn-gegevens.json"
    assert json.loads(export.read_text(encoding="utf-8"))["interests"] == ["koken", "natuur"]


def test_two_console_users_are_two_people(tmp_path: Path) -> None:
    _chat(tmp_path, ["hallo", "1", "ja", "Amina"], user="amina")
    other = _chat(tmp_path, ["hallo"], user="omar")
    assert "Hallo! Ik ben Wegwijs." in other
    assert "Amina" not in other


def test_the_log_holds_ids_not_names_or_messages(tmp_path: Path) -> None:
    _chat(tmp_path, ["hallo", "2", "yes", "Zenobia", "Ypres", "/mijngegevens"])
    log = (tmp_path / "wegwijs.log").read_text(encoding="utf-8")
    assert "person=1" in log
    for private in ("Zenobia", "Ypres", "Ieper", "hallo", "mijngegevens"):
        assert private not in log


def test_empty_input_ends_cleanly(tmp_path: Path) -> None:
    assert _chat(tmp_path, []) == ""
