"""All configuration in one object, read from WEGWIJS_* environment variables or `.env`."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WEGWIJS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(
        default="sqlite:///data/wegwijs.db",
        description="SQLAlchemy URL; SQLite file (created on first run) or postgresql://…",
        repr=False,  # it may hold a password
    )
    timezone: str = Field(default="Europe/Brussels", description="Shown times use this zone.")
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR.")
    log_file: Path | None = Field(
        default=None, description="Write logs here instead of standard error."
    )
    data_dir: Path = Field(default=Path("data"), description="Local files: exports, logs.")
    telegram_token: SecretStr | None = Field(default=None, description="Bot token from BotFather.")
    telegram_api_url: str = Field(
        default="https://api.telegram.org",
        description="Bot API server: Telegram's, a local telegram-bot-api, or a test fake.",
    )
    telegram_username: str | None = Field(
        default=None, description="The bot's @username for invite links (else asked with getMe)."
    )
    telegram_timeout: float = Field(default=30.0, gt=0, description="Seconds per Bot API call.")
    telegram_poll_seconds: int = Field(default=25, ge=1, description="Long-polling wait.")
    telegram_webhook_url: str | None = Field(
        default=None,
        description="Public HTTPS URL that reaches /telegram/webhook; set it for webhook mode.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        default=None,
        description="Secret token Telegram sends in a header; required with a webhook.",
    )
    web_host: str = Field(default="127.0.0.1", description="Address the web server listens on.")
    web_port: int = Field(
        default=8080, ge=0, le=65535, description="Port of the web server; 0 picks a free one."
    )
    send_rate: float = Field(default=30.0, gt=0, description="Messages per second, all chats.")
    send_chat_gap: float = Field(
        default=1.0, ge=0, description="Seconds between two messages to one chat."
    )
    send_attempts: int = Field(default=5, ge=1, description="Tries before a message is dropped.")
    send_retry_seconds: float = Field(default=1.0, gt=0, description="First retry wait, doubled.")
    invite_days: int = Field(default=7, ge=1, description="Days an invite code stays valid.")
    signal_url: str | None = Field(default=None, description="signal-cli JSON-RPC daemon URL.")
    signal_account: SecretStr | None = Field(
        default=None, description="The bot's Signal phone number."
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)  # fail at start-up rather than mid-conversation
        except (KeyError, ValueError) as error:
            raise ValueError(f"unknown timezone {value!r}") from error
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log level must be DEBUG, INFO, WARNING or ERROR")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError("WEGWIJS_TELEGRAM_WEBHOOK_SECRET is needed with a webhook URL")
        secret = self.telegram_webhook_secret
        if secret is not None and not _WEBHOOK_SECRET.fullmatch(secret.get_secret_value()):
            # Telegram refuses other secrets; better to say so before starting.
            raise ValueError(
                "WEGWIJS_TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            )
        if self.telegram_webhook_url and not self.telegram_webhook_url.startswith("https://"):
            raise ValueError("WEGWIJS_TELEGRAM_WEBHOOK_URL must start with https://")
        return self

    @property
    def has_remote_channels(self) -> bool:
        return self.telegram_token is not None or self.signal_url is not None

    def safe_summary(self) -> dict[str, str]:
        """Settings fit for a log line: secrets and database passwords hidden."""
        from sqlalchemy.engine import make_url

        return {
            "database": make_url(self.database_url).render_as_string(hide_password=True),
            "timezone": self.timezone,
            "telegram": "off"
            if not self.telegram_token
            else ("webhook" if self.telegram_webhook_url else "polling"),
            "signal": "configured" if self.signal_url else "off",
        }
