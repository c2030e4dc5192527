"""All configuration in one object, read from WEGWIJS_* environment variables or `.env`."""

from __future__ import annotations

import os
import re
import secrets
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from store.sessions.plan import ReminderPlan

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
    typing_after: float = Field(
        default=0.5, ge=0, description="Seconds a reply may take before people see 'typing…'."
    )
    send_attempts: int = Field(default=5, ge=1, description="Tries before a message is dropped.")
    send_retry_seconds: float = Field(default=1.0, gt=0, description="First retry wait, doubled.")
    invite_days: int = Field(default=7, ge=1, description="Days an invite code stays valid.")
    public_url: str | None = Field(
        default=None,
        description="Public address of the web server (https://…): links and QR codes to confirm "
        "hours point there, and the web server runs whenever it is set.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs confirmation links; made once in the data folder when not set.",
    )
    hours_target: int = Field(default=40, ge=1, description="Hours the trajectory asks for.")
    hours_max_a_day: float = Field(default=12.0, gt=0, le=24, description="Hours a day at most.")
    hours_days_back: int = Field(
        default=60, ge=0, description="How many days back a participant may log hours."
    )
    hours_remind_days: int = Field(
        default=3, ge=1, description="Days unconfirmed before one reminder."
    )
    hours_staff_days: int = Field(
        default=14, ge=1, description="Days unconfirmed before staff are told."
    )
    hours_link_days: int = Field(default=14, ge=1, description="Days a confirmation link works.")
    tick_seconds: float = Field(
        default=60.0, gt=0, description="How often the bot looks for hour reminders that are due."
    )
    broadcast_tick_seconds: float = Field(
        default=2.0, gt=0, description="How often the bot looks for broadcasts to start or report."
    )
    broadcast_report_seconds: float = Field(
        default=30.0,
        gt=0,
        description="A broadcast's progress message is edited at least this often.",
    )
    prune_at: time = Field(
        default=time(3, 30),
        description="Time of day (in WEGWIJS_TIMEZONE) when old update ids are forgotten.",
    )
    sessions_day_before_at: time = Field(
        default=time(18, 0),
        description="Time of day (in WEGWIJS_TIMEZONE) of the reminder the day before a session.",
    )
    sessions_soon_minutes: int = Field(
        default=120, ge=0, description="Minutes before a session of the second reminder."
    )
    sessions_ask_after_minutes: int = Field(
        default=30, ge=0, description="Minutes after a session's end to ask 'Was je er?'."
    )
    sessions_grace_minutes: int = Field(
        default=30,
        ge=0,
        description="A session reminder missed (bot down) by more than this is dropped, not sent.",
    )
    updates_keep_days: int = Field(
        default=7, ge=1, description="Days the ids of handled updates are kept (duplicates)."
    )
    signal_url: str | None = Field(default=None, description="signal-cli JSON-RPC daemon URL.")
    signal_account: SecretStr | None = Field(
        default=None, description="The bot's Signal phone number, as registered with signal-cli."
    )
    signal_timeout: float = Field(
        default=30.0, gt=0, description="Seconds per signal-cli call (not the event stream)."
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

    @property
    def reminder_plan(self) -> ReminderPlan:
        """When session reminders fall, from the settings."""
        return ReminderPlan(
            self.zone,
            self.sessions_day_before_at,
            timedelta(minutes=self.sessions_soon_minutes),
            timedelta(minutes=self.sessions_ask_after_minutes),
        )

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

    @property
    def serves_web(self) -> bool:
        """Whether `wegwijs run` serves: remote channels, or the confirmation page."""
        return self.has_remote_channels or self.public_url is not None

    def signing_key(self) -> str:
        """WEGWIJS_SECRET_KEY, or a random key made once in the data folder (kept private)."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # exclusive: two processes starting at once make one key, not two
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48))
        return path.read_text(encoding="utf-8").strip()

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
            "web": "public" if self.public_url else "local",
        }
