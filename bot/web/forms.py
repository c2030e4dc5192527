"""Forms that only our own page can send: a signed double-submit cookie, no JavaScript needed.

Why this way: the page has no login and no session, and must work in any phone browser with
scripts off. The GET puts a random nonce in a cookie (HttpOnly, SameSite=Strict, only for
`/bevestig/`) and a hidden field `form` = "<issued>.<HMAC(key, nonce | token | issued)>". A POST
counts only when the field's signature matches the cookie it came with, for this very token, and
is less than `lifetime` old. Another site can make a browser send the cookie (not even that, with
SameSite=Strict), but it can neither read the cookie nor forge the signature, so it cannot build
the field. Nothing is stored on the server, so any worker that has the key accepts the form.
Browsers that refuse cookies get a clear "open the link again" page, never a silent failure.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from dialogs.clock import Clock

COOKIE = "wegwijs_form"
COOKIE_PATH = "/bevestig/"
FIELD = "form"


@dataclass(frozen=True)
class FormGuard:
    key: bytes
    clock: Clock
    lifetime: timedelta = timedelta(hours=2)

    def __post_init__(self) -> None:
        if len(self.key) < 16:
            raise ValueError("the form key needs at least 16 random bytes")

    def nonce(self, current: str | None) -> str:
        """The browser's nonce: its own when it has a sound one (two tabs keep working)."""
        if current and 20 <= len(current) <= 64 and current.isascii():
            return current
        return secrets.token_urlsafe(24)

    def field(self, nonce: str, token: str) -> str:
        """The hidden field's value for this nonce and link."""
        issued = int(self.clock.now().timestamp())
        return f"{issued}.{self._sign(nonce, token, issued)}"

    def accepts(self, nonce: str | None, token: str, field: str | None) -> bool:
        """True when `field` was made by `field(nonce, token)` less than `lifetime` ago."""
        if not nonce or not field or "." not in field:
            return False
        issued_text, signature = field.split(".", 1)
        if not issued_text.isdigit():
            return False
        issued = int(issued_text)
        age = self.clock.now().timestamp() - issued
        # A minute of grace: the worker that made the form may run a little ahead of this one.
        if not -60 <= age <= self.lifetime.total_seconds():
            return False
        return hmac.compare_digest(signature, self._sign(nonce, token, issued))

    def _sign(self, nonce: str, token: str, issued: int) -> str:
        message = f"{nonce}|{token}|{issued}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()
