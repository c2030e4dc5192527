"""The confirmation page on 127.0.0.1 with an in-memory desk: a fake of our port."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.web.access import RedactedAccessLogger
from bot.web.confirm import check_url, confirm_url, mount
from bot.web.desk import ConfirmView, Done, OverviewCheck, RefusalReason, Refused
from tests.support import FakeClock

FORM_KEY = b"a test key of 32 bytes, not secret"
AMINA = ConfirmView(
    entry_id=41,
    first_name="Amina",
    minutes=180,
    day=date(2026, 11, 12),
    activity="Samen voetballen",
    organisation="Argos",
)


@dataclass
class Link:
    view: ConfirmView
    expires_at: datetime
    used: bool = False


@dataclass(frozen=True)
class Answer:
    entry_id: int
    name: str
    confirmed: bool
    reason: str = ""


@dataclass
class FakeDesk:
    """Links by token, the answers given, overviews by code; single use and expiry as promised."""

    clock: FakeClock
    links: dict[str, Link] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    overviews: dict[str, OverviewCheck] = field(default_factory=dict)
    settled: set[int] = field(default_factory=set)  # entries answered in Wegwijs
    asked: list[str] = field(default_factory=list)  # tokens and codes the page asked about
    failing: bool = False

    def issue(self, view: ConfirmView = AMINA, *, days: int = 14) -> str:
        token = secrets.token_urlsafe(24)
        self.links[token] = Link(view, self.clock.now() + timedelta(days=days))
        return token

    async def show(self, token: str) -> ConfirmView | Refused:
        self.asked.append(token)
        if self.failing:
            # Like a database error that quotes its parameters: a name in the message.
            raise RuntimeError(f"gone: {self.links[token].view.first_name}")
        return self._refusal(token) or self.links[token].view

    async def confirm(self, token: str, name: str) -> Done | Refused:
        return self._answer(token, Answer(0, name, confirmed=True))

    async def reject(self, token: str, name: str, reason: str) -> Done | Refused:
        return self._answer(token, Answer(0, name, confirmed=False, reason=reason))

    async def check(self, code: str) -> OverviewCheck | None:
        self.asked.append(code)
        return self.overviews.get(code.upper())

    def _answer(self, token: str, answer: Answer) -> Done | Refused:
        self.asked.append(token)
        if refusal := self._refusal(token):
            return refusal
        link = self.links[token]
        link.used = True
        self.answers.append(
            Answer(link.view.entry_id, answer.name, answer.confirmed, answer.reason)
        )
        return Done(link.view)

    def _refusal(self, token: str) -> Refused | None:
        link = self.links.get(token)
        if link is None:
            return Refused(RefusalReason.UNKNOWN)
        if link.used:
            return Refused(RefusalReason.USED)
        if link.view.entry_id in self.settled:
            return Refused(RefusalReason.ALREADY_ANSWERED)
        if self.clock.now() > link.expires_at:
            return Refused(RefusalReason.EXPIRED)
        return None


@dataclass
class Site:
    desk: FakeDesk
    base_url: str

    def link(self, token: str) -> str:
        return confirm_url(self.base_url, token)

    def check(self, code: str) -> str:
        return check_url(self.base_url, code)


@asynccontextmanager
async def serving(clock: FakeClock) -> AsyncIterator[Site]:
    """The pages mounted on a bare application, the way `serve` mounts them, on a free port."""
    desk = FakeDesk(clock)
    app = web.Application()
    mount(app, desk, form_key=FORM_KEY, clock=clock)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server(access_log_class=RedactedAccessLogger)
    try:
        yield Site(desk, str(server.make_url("")).rstrip("/"))
    finally:
        await server.close()
