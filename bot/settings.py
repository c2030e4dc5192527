"""All configuration in one object, read from WEGWIJS_* environment variables or `.env`."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @property
    def has_remote_channels(self) -> bool:
        return self.telegram_token is not None or self.signal_url is not None

    def safe_summary(self) -> dict[str, str]:
        """Settings fit for a log line: secrets and database passwords hidden."""
        from sqlalchemy.engine import make_url

        return {
            "database": make_url(self.database_url).render_as_string(hide_password=True),
            "timezone": self.timezone,
            "telegram": "configured" if self.telegram_token else "off",
            "signal": "configured" if self.signal_url else "off",
        }
