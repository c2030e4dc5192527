"""A contact person on a phone, in a real headless Chromium with JavaScript off.

Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), driven by Playwright with
`executable_path`: Playwright never downloads a browser here. Screenshots of a 390x844 phone go
to the test's tmp dir, and also to $WEGWIJS_SCREENSHOTS when set, to look at them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar, web
from aiohttp.test_utils import TestServer
from playwright.async_api import BrowserContext, ConsoleMessage, Page, async_playwright, expect

from bot.web.desk import OverviewCheck
from tests.confirm_support import AMINA, Answer, serving
from tests.support import FakeClock


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found: apt-get install chromium (or set CHROMIUM)"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
GREEN = "rgb(20, 83, 45)"  # the Bevestigen button: the inline style passed the CSP


@dataclass
class Phone:
    context: BrowserContext
    folder: Path
    console: list[str] = field(default_factory=list)

    async def open(self, url: str, expected_status: int = 200) -> Page:
        page = await self.context.new_page()
        # A CSP violation shows as a console message: there must be none. A 404 or 410 page
        # is logged as a failed load too; that one is expected.
        page.on("console", self._note)
        response = await page.goto(url)
        assert response is not None
        assert response.status == expected_status
        return page

    def _note(self, message: ConsoleMessage) -> None:
        if not message.text.startswith("Failed to load resource: the server responded"):
            self.console.append(message.text)

    async def shoot(self, page: Page, name: str) -> None:
        _keep(self.folder, f"{name}.png", await page.screenshot(full_page=True))


@asynccontextmanager
async def phone(tmp_path: Path) -> AsyncIterator[Phone]:
    assert CHROMIUM is not None
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile for every test
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport=PHONE,  # type: ignore[arg-type]
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=False,
            locale="nl-BE",
        )
        try:
            yield Phone(context, tmp_path)
        finally:
            await context.close()


async def test_a_contact_person_confirms_and_the_link_then_is_used(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with serving(clock) as site, phone(tmp_path) as person:
        link = site.link(site.desk.issue())
        page = await person.open(link)
        await expect(page.get_by_text("3 uur van Amina op 12 november bij Argos")).to_be_visible()
        assert await page.locator("script").count() == 0
        assert await page.locator("html").get_attribute("lang") == "nl"
        confirm = page.get_by_role("button", name="Bevestigen")
        await expect(confirm).to_have_css("background-color", GREEN)
        box = await confirm.bounding_box()
        assert box is not None
        assert box["height"] >= 48  # a thumb-sized target
        assert box["width"] >= 300
        assert box["x"] + box["width"] <= PHONE["width"]  # nothing wider than the phone
        await expect(page.locator("body")).to_have_css("font-size", "18px")
        await person.shoot(page, "1-bevestig-formulier")

        await confirm.click()  # no name yet: the browser itself asks for it, nothing is sent
        assert site.desk.answers == []
        await page.get_by_label("Jouw naam").fill("Jan Peeters")
        await confirm.click()
        await expect(page.get_by_role("heading", name="Dank je wel!")).to_be_visible()
        await expect(page.get_by_text("Je zei dat de 3 uur van Amina")).to_be_visible()
        await person.shoot(page, "2-bevestigd")
        assert site.desk.answers == [Answer(41, "Jan Peeters", confirmed=True)]

        again = await person.open(link, expected_status=410)
        await expect(again.get_by_role("heading", name="Deze link is al gebruikt")).to_be_visible()
        await person.shoot(again, "3-al-gebruikt")
        assert person.console == []


async def test_klopt_niet_with_a_reason(tmp_path: Path, clock: FakeClock) -> None:
    async with serving(clock) as site, phone(tmp_path) as person:
        page = await person.open(site.link(site.desk.issue()))
        await page.get_by_label("Jouw naam").fill("Jan")
        await page.get_by_label("Wat klopt er niet?").fill("Amina was er maar 2 uur.")
        await expect(page.get_by_role("button", name="Klopt niet")).to_be_visible()
        await person.shoot(page, "4-klopt-niet-ingevuld")
        await page.get_by_role("button", name="Klopt niet").click()
        await expect(page.get_by_text("niet kloppen")).to_be_visible()
        await person.shoot(page, "5-klopt-niet-bedankt")
        reason = "Amina was er maar 2 uur."
        assert site.desk.answers == [Answer(41, "Jan", confirmed=False, reason=reason)]


async def test_names_in_other_scripts_keep_the_sentence_in_order(
    tmp_path: Path, clock: FakeClock
) -> None:
    view = replace(AMINA, first_name="أمينة", activity="Samen koken met Олена en ሰላም")
    async with serving(clock) as site, phone(tmp_path) as person:
        page = await person.open(site.link(site.desk.issue(view)))
        claim = page.locator(".claim")
        await expect(claim).to_have_text("3 uur van أمينة op 12 november bij Argos")
        # The Arabic name is isolated: "op 12 november" still comes after it, left to right.
        name_box = await claim.locator("bdi").first.bounding_box()
        assert name_box is not None
        await person.shoot(page, "11-naam-in-het-arabisch")


async def test_an_expired_and_an_unknown_link(tmp_path: Path, clock: FakeClock) -> None:
    async with serving(clock) as site, phone(tmp_path) as person:
        expired = site.link(site.desk.issue(days=14))
        clock.advance(days=15)
        page = await person.open(expired, expected_status=410)
        await expect(page.get_by_role("heading", name="Deze link is te oud")).to_be_visible()
        await person.shoot(page, "6-verlopen")
        page = await person.open(site.link("not-a-token-we-made"), expected_status=404)
        await expect(page.get_by_role("heading", name="Deze link werkt niet")).to_be_visible()
        await person.shoot(page, "7-onbekend")
        assert site.desk.answers == []


async def test_a_post_without_our_form_token_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    async with serving(clock) as site, phone(tmp_path) as person:
        link = site.link(site.desk.issue())
        await person.open(link)  # the browser now holds its form cookie
        bare = await person.context.request.post(link, form={"name": "Jan", "answer": "confirm"})
        assert bare.status == 403

        # Another site's form, with a field the attacker fetched for their own cookie.
        jar = CookieJar(unsafe=True)
        async with ClientSession(cookie_jar=jar) as attacker, attacker.get(link) as response:
            html = await response.text()
        start = html.index('name="form" value="') + len('name="form" value="')
        stolen = html[start : html.index('"', start)]
        evil = (
            f'<!doctype html><form method="post" action="{link}">'
            f'<input type="hidden" name="form" value="{stolen}">'
            '<input type="hidden" name="name" value="Jan"><input type="hidden" name="answer" '
            'value="confirm"><button>Win een prijs</button></form>'
        )
        async with _other_site(evil) as other:
            page = await person.open(other)
            await page.get_by_role("button", name="Win een prijs").click()
            await expect(page.get_by_role("heading", name="Probeer het nog eens")).to_be_visible()
            await person.shoot(page, "8-vreemd-formulier")
        assert site.desk.answers == []


async def test_the_check_page_for_an_overview_code(tmp_path: Path, clock: FakeClock) -> None:
    async with serving(clock) as site, phone(tmp_path) as person:
        made = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
        site.desk.overviews["K7QM-2XPA"] = OverviewCheck("Amina", made, confirmed_minutes=2400)
        page = await person.open(site.check("K7QM-2XPA"))
        await expect(page.get_by_text("Bevestigde uren: 40 uur.")).to_be_visible()
        await person.shoot(page, "9-controle")
        page = await person.open(f"{site.base_url}/controle")
        await page.get_by_label("Code van het overzicht").fill("XXXX-0000")
        await page.get_by_role("button", name="Controleren").click()
        await expect(page.get_by_role("heading", name="Onbekende code")).to_be_visible()
        await person.shoot(page, "10-onbekende-code")


def _keep(folder: Path, name: str, png: bytes) -> None:
    for place in (folder, os.environ.get("WEGWIJS_SCREENSHOTS")):
        if place:
            Path(place).mkdir(parents=True, exist_ok=True)
            (Path(place) / name).write_bytes(png)


@asynccontextmanager
async def _other_site(html: str) -> AsyncIterator[str]:
    """A page on another origin (localhost, not 127.0.0.1): cross-site for the browser."""

    async def index(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", index)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield f"http://localhost:{server.port}/"
    finally:
        await server.close()
