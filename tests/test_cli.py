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


def test_a_wrong_setting_is_named_without_a_traceback_or_secrets(tmp_path: Path) -> None:
    result = _wegwijs(
        tmp_path,
        "run",
        WEGWIJS_TELEGRAM_TOKEN="123:secret",
        WEGWIJS_TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook",
    )
    assert result.returncode == 2
    assert "WEGWIJS_TELEGRAM_WEBHOOK_SECRET is needed" in result.stderr
    assert "Traceback" not in result.stderr
    assert "123:secret" not in result.stderr + result.stdout

    result = _wegwijs(tmp_path, "run", WEGWIJS_WEB_PORT="eighty")
    assert result.returncode == 2
    assert "Setting WEGWIJS_WEB_PORT:" in result.stderr


def test_an_invite_without_telegram_prints_the_code(tmp_path: Path) -> None:
    result = _wegwijs(tmp_path, "invite", "--role", "buddy", "--days", "3")
    assert result.returncode == 0, result.stderr
    assert "Invite for the role buddy, one use, valid until" in result.stdout
    assert "Telegram:" not in result.stdout
    assert 'Signal or console: send "/start ' in result.stdout
    code = result.stdout.rsplit("/start ", 1)[1].rstrip('"\n')
    stored = sqlite3.connect(tmp_path / "data" / "wegwijs.db").execute(
        "SELECT code_hash, role FROM invites"
    )
    ((code_hash, role),) = stored.fetchall()
    assert role == "buddy"
    assert code not in code_hash  # only a hash is kept

    result = _wegwijs(tmp_path, "invite", "--role", "coach", "--for", "99")
    assert result.returncode == 2
    assert "There is no person with id 99." in result.stderr

    result = _wegwijs(tmp_path, "invite", "--role", "participant")
    assert result.returncode == 2


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WEGWIJS_DATABASE_URL=sqlite:///elsewhere/bot.db\n")
    result = _wegwijs(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "bot.db").exists()
