"""HTML pages with the same strict headers: escaped templates, one inline style, no script.

The style sheet is inlined and allowed by its hash, so the page needs no second request and the
Content-Security-Policy allows nothing else at all: no script, no image, no frame, forms only to
ourselves. `Referrer-Policy: no-referrer` keeps the token in the address out of any other
site's logs; `Cache-Control: no-store` keeps the page out of shared caches and the back button.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

import jinja2
from aiohttp import web
from markupsafe import Markup

from bot.web.texts import TEXTS

_TEMPLATES = files("bot.web") / "templates"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.web", "templates"),
        autoescape=True,  # every value is escaped, names and reasons included
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _style() -> tuple[str, str]:
    css = (_TEMPLATES / "page.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return css, digest


def security_headers() -> dict[str, str]:
    """The headers every page gets."""
    _css, digest = _style()
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "X-Robots-Tag": "noindex, nofollow",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def page(template: str, *, status: int = 200, tone: str = "", **context: object) -> web.Response:
    """Render `template` with the texts and the style into a response with the strict headers."""
    css, _digest = _style()
    html = (
        _environment().get_template(template).render(t=TEXTS, css=Markup(css), tone=tone, **context)
    )
    return web.Response(
        text=html, status=status, content_type="text/html", headers=security_headers()
    )


def message(title: str, *paragraphs: str, status: int = 200, tone: str = "") -> web.Response:
    """A page that only tells something: a title and a few short paragraphs."""
    return page("message.html", status=status, tone=tone, title=title, paragraphs=paragraphs)
