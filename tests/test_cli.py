"""The `wegwijs` command as a newcomer or an operator calls it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def _wegwijs(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env=environment,
        input="",
        timeout=60,
    )


def test_db_upgrade_creates_the_default_sqlite_file(tmp_path: Path) -> None:
    result = _wegwijs(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    database = tmp_path / "data" / "wegwijs.db"
    tables = {row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master")}
    assert {"persons", "channel_accounts", "conversation_states", "processed_updates"} <= tables


def test_run_without_tokens_is_the_console_chat(tmp_path: Path) -> None:
    result = _wegwijs(tmp_path, "run")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "wegwijs.db").exists()


def test_run_with_a_telegram_token_says_clearly_it_is_not_there_yet(tmp_path: Path) -> None:
    result = _wegwijs(tmp_path, "run", WEGWIJS_TELEGRAM_TOKEN="123:secret")
    assert result.returncode == 2
    assert "not in this version yet" in result.stderr
    assert "123:secret" not in result.stderr + result.stdout


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WEGWIJS_DATABASE_URL=sqlite:///elsewhere/bot.db\n")
    result = _wegwijs(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "bot.db").exists()
