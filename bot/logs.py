"""Logging set-up. Log lines carry ids, never names, phone numbers or message texts."""

from __future__ import annotations

import logging
from pathlib import Path


def configure(level: str, log_file: Path | None) -> None:
    """Send logs to `log_file` when given (keeps a console chat readable), else standard error."""
    handler: logging.Handler
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    else:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # These talk a lot at INFO (fontTools a hundred lines per PDF, APScheduler a line per run);
    # their warnings still come.
    for noisy in ("sqlalchemy", "alembic", "aiosqlite", "fontTools", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
