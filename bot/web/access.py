"""Access log lines without secrets: the token of a link and an overview's code are left out.

aiohttp's default access log writes the whole path and the client's address. A confirmation
token in a log file is as good as the link itself, so `serve` uses this logger instead.
"""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

_SECRET_PART = re.compile(r"^/(bevestig|controle)/[^/?]+")


def redacted_path(path: str) -> str:
    """ "/bevestig/abc…" becomes "/bevestig/…"; a query string is dropped (it may hold a code)."""
    return _SECRET_PART.sub(r"/\1/…", path.split("?", 1)[0])


class RedactedAccessLogger(AbstractAccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %d %.3fs", request.method, redacted_path(request.path), response.status, time
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
