"""Settings come from WEGWIJS_* variables and never show secrets."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_defaults_run_on_an_embedded_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WEGWIJS_DATABASE_URL", "WEGWIJS_TELEGRAM_TOKEN", "WEGWIJS_SIGNAL_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url.startswith("sqlite:///data/")
    assert settings.timezone == "Europe/Brussels"
    assert not settings.has_remote_channels


def test_secrets_and_passwords_stay_out_of_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJS_TELEGRAM_TOKEN", "123:very-secret")
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", "postgresql://bot:hunter2@db/wegwijs")
    settings = Settings(_env_file=None)
    summary = str(settings.safe_summary()) + repr(settings)
    assert "very-secret" not in summary
    assert "hunter2" not in summary
    assert settings.has_remote_channels


def test_a_wrong_timezone_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJS_TIMEZONE", "Europe/Ieper")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


@pytest.mark.parametrize(
    ("url", "secret", "problem"),
    [
        ("https://bot.example.org/telegram/webhook", None, "SECRET is needed"),
        ("https://bot.example.org/telegram/webhook", "not allowed!", "must be 1-256 characters"),
        ("http://bot.example.org/telegram/webhook", "s3cret", "must start with https://"),
    ],
)
def test_webhook_settings_are_checked_before_start(
    url: str, secret: str | None, problem: str
) -> None:
    values = {"telegram_token": "1:x", "telegram_webhook_url": url}
    if secret is not None:
        values["telegram_webhook_secret"] = secret
    with pytest.raises(ValidationError, match=problem):
        Settings(**values)  # type: ignore[arg-type]
