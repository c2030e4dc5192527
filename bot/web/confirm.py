"""The page where a contact person without an account confirms hours, and the overview check.

Mount it on the bot's web application; the desk is the hours store's side (see `bot.web.desk`):

    mount(app, desk, form_key=key)  # key: 32 secret bytes, the same on every worker

| route | shows |
|---|---|
| GET  /bevestig/{token} | "3 uur van Amina op 12 november bij Argos", a name field, two buttons |
| POST /bevestig/{token} | carries out *Bevestigen* or *Klopt niet* (with an optional reason) |
| GET  /controle/{code}  | whose overview a verification code belongs to, when made, the total |
| GET  /controle[?code=] | a field to type the code from paper; with `code` the same as above |

Answers: 200 a page, 400 the name is missing (the form again, nothing lost), 403 a stale or
forged form, 404 an unknown link or code, 409 already answered in Wegwijs, 410 a used or expired
link, 500 when the desk fails. Each is a Dutch page; never a stack trace. Logs carry the entry id
and the outcome, never the token, the code, a name or a reason.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Awaitable, Callable, Mapping
from zoneinfo import ZoneInfo

from aiohttp import web
from markupsafe import Markup

from bot.hours.wording import BRUSSELS, day_text, hours_text, moment_text
from bot.web.desk import ConfirmationDesk, ConfirmView, Done, RefusalReason, Refused
from bot.web.forms import COOKIE, COOKIE_PATH, FIELD, FormGuard
from bot.web.pages import message, page
from bot.web.texts import TEXTS, isolated, text
from dialogs.clock import Clock, SystemClock

log = logging.getLogger(__name__)

CONFIRM_PATH = "/bevestig/{token}"
CHECK_FORM_PATH = "/controle"
CHECK_PATH = "/controle/{code}"
NAME_MAX = 80
REASON_MAX = 500
# Tokens and codes are URL-safe; anything else is unknown without asking the desk.
_TOKEN = re.compile(r"[A-Za-z0-9_.~-]{8,256}")
_CODE = re.compile(r"[A-Za-z0-9-]{4,64}")
_REFUSALS = {
    RefusalReason.USED: ("used_title", "used_text", 410),
    RefusalReason.EXPIRED: ("expired_title", "expired_text", 410),
    RefusalReason.UNKNOWN: ("unknown_title", "unknown_text", 404),
    RefusalReason.ALREADY_ANSWERED: ("answered_title", "answered_text", 409),
}
Handler = Callable[["ConfirmationPages", web.Request], Awaitable[web.StreamResponse]]


def confirm_url(base_url: str, token: str) -> str:
    """The link (and QR code) a participant hands to the contact person."""
    return base_url.rstrip("/") + CONFIRM_PATH.format(token=token)


def check_url(base_url: str, code: str) -> str:
    """The address printed on an overview to check its code."""
    return base_url.rstrip("/") + CHECK_PATH.format(code=code)


def mount(
    app: web.Application,
    desk: ConfirmationDesk,
    *,
    form_key: bytes,
    clock: Clock | None = None,
    zone: ZoneInfo = BRUSSELS,
) -> None:
    """Add the confirmation and check routes to `app`."""
    pages = ConfirmationPages(desk, FormGuard(form_key, clock or SystemClock()), zone)
    app.router.add_get(CONFIRM_PATH, pages.show)
    app.router.add_post(CONFIRM_PATH, pages.answer)
    app.router.add_get(CHECK_FORM_PATH, pages.check_form)
    app.router.add_get(CHECK_PATH, pages.check)


def _kindly(handler: Handler) -> Handler:
    """A failing desk gets the error page; the log gets the error's type and where, no values."""

    async def wrapped(self: ConfirmationPages, request: web.Request) -> web.StreamResponse:
        try:
            return await handler(self, request)
        except web.HTTPException:
            raise  # aiohttp's own answers (a body too large) are fine as they are
        except Exception as error:
            # The message may hold SQL parameters (a name); the frames are enough to find it.
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("confirmation page failed error=%s\n%s", type(error).__name__, frames)
            return message(TEXTS["error_title"], TEXTS["error_text"], status=500, tone="stop")

    return wrapped


class ConfirmationPages:
    def __init__(self, desk: ConfirmationDesk, guard: FormGuard, zone: ZoneInfo) -> None:
        self.desk = desk
        self.guard = guard
        self.zone = zone

    @_kindly
    async def show(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not _TOKEN.fullmatch(token):
            return _refused(RefusalReason.UNKNOWN)
        found = await self.desk.show(token)
        if isinstance(found, Refused):
            return _refused(found.reason)
        log.info("confirmation shown entry=%d", found.entry_id)
        return self._form(request, token, found)

    @_kindly
    async def answer(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not _TOKEN.fullmatch(token):
            return _refused(RefusalReason.UNKNOWN)
        form = await request.post()
        if not self.guard.accepts(request.cookies.get(COOKIE), token, _value(form, FIELD)):
            log.info("confirmation form refused: stale or not ours")
            return message(TEXTS["stale_title"], TEXTS["stale_text"], status=403, tone="warn")
        name = _one_line(_value(form, "name"))[:NAME_MAX]
        reason = _paragraphs(_value(form, "reason"))[:REASON_MAX]
        choice = _value(form, "answer")
        if not name or choice not in {"confirm", "reject"}:
            found = await self.desk.show(token)
            if isinstance(found, Refused):
                return _refused(found.reason)
            # Nothing is lost: the form comes back with what was typed.
            return self._form(request, token, found, name=name, reason=reason, problem=True)
        if choice == "confirm":
            outcome = await self.desk.confirm(token, name)
        else:
            outcome = await self.desk.reject(token, name, reason)
        if isinstance(outcome, Refused):
            return _refused(outcome.reason)
        return self._thanks(outcome, confirmed=choice == "confirm")

    @_kindly
    async def check_form(self, request: web.Request) -> web.StreamResponse:
        if request.query.get("code", "").strip():
            return await self._check(request.query["code"])
        return page(
            "check.html",
            title=TEXTS["check_title"],
            paragraphs=(TEXTS["check_intro"],),
            code="",
            total="",
        )

    @_kindly
    async def check(self, request: web.Request) -> web.StreamResponse:
        return await self._check(request.match_info["code"])

    async def _check(self, typed: str) -> web.StreamResponse:
        code = "".join(typed.split())  # a code copied from paper may have spaces in it
        found = await self.desk.check(code) if _CODE.fullmatch(code) else None
        log.info("overview check found=%s", found is not None)
        if found is None:
            return page(
                "check.html",
                status=404,
                tone="stop",
                title=TEXTS["check_unknown_title"],
                paragraphs=(TEXTS["check_unknown_text"],),
                code=code[:64],
                total="",
            )
        paragraphs = (
            text("check_found_text", name=isolated(found.participant)),
            text("check_made", moment=_unbroken(moment_text(found.made_at, self.zone))),
        )
        return page(
            "check.html",
            title=TEXTS["check_found_title"],
            paragraphs=paragraphs,
            code=code,
            total=text("check_total", hours=_unbroken(hours_text(found.confirmed_minutes))),
        )

    def _form(
        self,
        request: web.Request,
        token: str,
        view: ConfirmView,
        *,
        name: str = "",
        reason: str = "",
        problem: bool = False,
    ) -> web.Response:
        nonce = self.guard.nonce(request.cookies.get(COOKIE))
        response = page(
            "entry.html",
            status=400 if problem else 200,
            title=TEXTS["confirm_title"],
            claim=_claim(view),
            activity=text("activity", activity=isolated(view.activity)),
            ask=text("ask", name=isolated(view.first_name)),
            form=self.guard.field(nonce, token),
            name=name,
            reason=reason,
            name_missing=problem and not name,
            name_max=NAME_MAX,
            reason_max=REASON_MAX,
        )
        response.set_cookie(
            COOKIE,
            nonce,
            path=COOKIE_PATH,
            max_age=int(self.guard.lifetime.total_seconds()),
            httponly=True,
            samesite="Strict",
            secure=_https(request),
        )
        return response

    def _thanks(self, done: Done, *, confirmed: bool) -> web.Response:
        view = done.entry
        outcome = "confirmed" if confirmed else "rejected"
        log.info("hours %s entry=%d way=link", outcome, view.entry_id)
        said = text(
            f"{outcome}_text",
            hours=_unbroken(hours_text(view.minutes)),
            name=isolated(view.first_name),
            day=_unbroken(day_text(view.day)),
        )
        told = text("told", name=isolated(view.first_name))
        return message(TEXTS[f"{outcome}_title"], said, told, TEXTS["close"])


def _claim(view: ConfirmView) -> Markup:
    """ "3 uur van Amina op 12 november bij Argos"."""
    return text(
        "claim",
        hours=_unbroken(hours_text(view.minutes)),
        name=isolated(view.first_name),
        day=_unbroken(day_text(view.day)),
        organisation=isolated(view.organisation),
    )


def _unbroken(words: str) -> str:
    """ "12 november" stays on one line on a narrow phone: no-break spaces."""
    return words.replace(" ", "\u00a0")


def _refused(reason: RefusalReason) -> web.Response:
    title, said, status = _REFUSALS[reason]
    log.info("confirmation refused reason=%s", reason)
    return message(TEXTS[title], TEXTS[said], status=status, tone="warn")


def _value(form: Mapping[str, object], key: str) -> str | None:
    value = form.get(key)
    return value if isinstance(value, str) else None  # a file upload is no answer


def _one_line(value: str | None) -> str:
    """A name as one line: no control characters, single spaces."""
    kept = "".join(char if char.isprintable() else " " for char in value or "")
    return " ".join(kept.split())


def _paragraphs(value: str | None) -> str:
    """A reason keeps its line breaks, nothing else unprintable."""
    lines = (_one_line(line) for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


def _https(request: web.Request) -> bool:
    # Behind a reverse proxy that ends TLS the request itself is plain HTTP.
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"
