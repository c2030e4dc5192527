"""The confirmation page over HTTP: answers, refusals, the form guard, headers and quiet logs."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from aiohttp import ClientResponse, ClientSession, CookieJar

from bot.web.access import redacted_path
from bot.web.desk import OverviewCheck
from tests.confirm_support import AMINA, Answer, Site, serving
from tests.support import FakeClock


@pytest.fixture
async def site(clock: FakeClock) -> AsyncIterator[Site]:
    async with serving(clock) as running:
        yield running


@pytest.fixture
async def browser() -> AsyncIterator[ClientSession]:
    # unsafe: keep cookies for 127.0.0.1, as a browser does.
    async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as session:
        yield session


def _field(html: str) -> str:
    found = re.search(r'name="form" value="([^"]+)"', html)
    assert found is not None, "the page has no form field"
    return found[1]


async def _open(browser: ClientSession, url: str) -> tuple[ClientResponse, str]:
    async with browser.get(url) as response:
        return response, _readable(await response.text())


async def _send(browser: ClientSession, url: str, **form: str) -> tuple[ClientResponse, str]:
    async with browser.post(url, data=form) as response:
        return response, _readable(await response.text())


def _readable(html: str) -> str:
    # Dates and amounts are kept on one line with no-break spaces, names isolated in <bdi>:
    # read the sentence as a person does.
    return re.sub("</?bdi>", "", html).replace("\u00a0", " ")


async def test_the_page_shows_the_entry_and_a_confirmation_is_stored(
    site: Site, browser: ClientSession
) -> None:
    link = site.link(site.desk.issue())
    response, html = await _open(browser, link)
    assert response.status == 200
    assert "3 uur van Amina op 12 november bij Argos" in html
    assert "Activiteit: Samen voetballen" in html
    assert '<html lang="nl">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<script" not in html
    async with browser.get(link) as again:
        html = await again.text()
    assert "op 12\u00a0november bij" in html  # never broken on a phone
    assert "van <bdi>Amina</bdi> op" in html  # a name in any script keeps its own direction

    response, html = await _send(
        browser, link, form=_field(html), name="  Jan \n Peeters ", answer="confirm"
    )
    assert response.status == 200
    assert "Dank je wel!" in html
    assert "Je zei dat de 3 uur van Amina op 12 november kloppen." in html
    assert site.desk.answers == [Answer(41, "Jan Peeters", confirmed=True)]


async def test_klopt_niet_keeps_the_reason_and_its_lines(
    site: Site, browser: ClientSession
) -> None:
    link = site.link(site.desk.issue())
    _response, html = await _open(browser, link)
    reason = "Ze was er maar 2 uur.\r\n\r\nDe rest was pauze.\x00"
    response, html = await _send(
        browser, link, form=_field(html), name="Jan", reason=reason, answer="reject"
    )
    assert response.status == 200
    assert "niet kloppen" in html
    expected = "Ze was er maar 2 uur.\nDe rest was pauze."
    assert site.desk.answers == [Answer(41, "Jan", confirmed=False, reason=expected)]


async def test_a_missing_name_shows_the_form_again_with_the_reason_kept(
    site: Site, browser: ClientSession
) -> None:
    link = site.link(site.desk.issue())
    _response, html = await _open(browser, link)
    response, html = await _send(
        browser, link, form=_field(html), name=" ", reason="Niet op die dag", answer="reject"
    )
    assert response.status == 400
    assert "Vul je naam in." in html
    assert ">Niet op die dag</textarea>" in html
    assert site.desk.answers == []
    response, html = await _send(browser, link, form=_field(html), name="Jan", answer="reject")
    assert response.status == 200
    assert site.desk.answers == [Answer(41, "Jan", confirmed=False, reason="")]


async def test_a_used_link_is_refused_on_view_and_on_answer(
    site: Site, browser: ClientSession
) -> None:
    link = site.link(site.desk.issue())
    _response, html = await _open(browser, link)
    form = _field(html)
    await _send(browser, link, form=form, name="Jan", answer="confirm")

    response, html = await _open(browser, link)
    assert response.status == 410
    assert "Deze link is al gebruikt" in html
    response, html = await _send(browser, link, form=form, name="Piet", answer="reject")
    assert response.status == 410
    assert len(site.desk.answers) == 1


async def test_expired_unknown_and_settled_links_each_get_their_own_page(
    site: Site, browser: ClientSession, clock: FakeClock
) -> None:
    expired = site.link(site.desk.issue(days=14))
    settled = site.link(site.desk.issue(replace(AMINA, entry_id=42)))
    site.desk.settled.add(42)
    clock.advance(days=15)

    response, html = await _open(browser, expired)
    assert (response.status, "Deze link is te oud" in html) == (410, True)
    response, html = await _open(browser, settled)
    assert (response.status, "Deze uren hebben al een antwoord" in html) == (409, True)
    response, html = await _open(browser, site.link("forged-but-well-formed-token"))
    assert (response.status, "Deze link werkt niet" in html) == (404, True)


async def test_a_malformed_token_is_unknown_without_asking_the_desk(
    site: Site, browser: ClientSession
) -> None:
    for token in ("short", "x" * 300, "%3Cscript%3E-and-more"):
        response, html = await _open(browser, site.link(token))
        assert response.status == 404
        assert "Deze link werkt niet" in html
    assert site.desk.asked == []


async def test_a_post_without_our_form_field_is_refused(
    site: Site, browser: ClientSession, clock: FakeClock
) -> None:
    token = site.desk.issue()
    other = site.desk.issue(replace(AMINA, entry_id=43))
    link = site.link(token)
    _response, html = await _open(browser, link)
    own = _field(html)
    _response, html = await _open(browser, site.link(other))
    for form in ({}, {"form": "123.abc"}, {"form": _field(html)}):  # none, forged, another link's
        response, page = await _send(browser, link, name="Jan", answer="confirm", **form)
        assert response.status == 403
        assert "Probeer het nog eens" in page

    async with ClientSession() as stranger:  # the right field, but not the cookie it belongs to
        response, page = await _send(stranger, link, form=own, name="Jan", answer="confirm")
        assert response.status == 403
    clock.advance(hours=3)  # a form left open too long
    response, page = await _send(browser, link, form=own, name="Jan", answer="confirm")
    assert response.status == 403
    assert site.desk.answers == []


async def test_every_page_has_the_strict_headers_and_a_guarded_cookie(
    site: Site, browser: ClientSession
) -> None:
    response, _html = await _open(browser, site.link(site.desk.issue()))
    headers = response.headers
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script-src" not in policy  # nothing may run: default-src 'none' covers scripts
    cookie = headers["Set-Cookie"]
    for part in ("HttpOnly", "SameSite=Strict", "Path=/bevestig/"):
        assert part in cookie
    assert "Secure" not in cookie  # plain HTTP here; behind TLS it is set

    response, _html = await _open(browser, site.link("unknown-token-of-good-shape"))
    assert response.headers["Referrer-Policy"] == "no-referrer"
    response, _html = await _open(browser, site.check("ABCD-1234"))
    assert response.headers["Cache-Control"] == "no-store"


async def test_behind_a_tls_proxy_the_cookie_is_secure(site: Site, browser: ClientSession) -> None:
    async with browser.get(
        site.link(site.desk.issue()), headers={"X-Forwarded-Proto": "https"}
    ) as response:
        assert "Secure" in response.headers["Set-Cookie"]


async def test_names_are_escaped(site: Site, browser: ClientSession) -> None:
    view = replace(AMINA, first_name="<b>Amina</b>", organisation='Argos "&" co')
    _response, html = await _open(browser, site.link(site.desk.issue(view)))
    assert "<b>" not in html
    assert "&lt;b&gt;Amina&lt;/b&gt;" in html
    assert "Argos &#34;&amp;&#34; co" in html


async def test_a_failing_desk_gets_a_kind_page_and_a_log_without_its_message(
    site: Site, browser: ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    site.desk.failing = True
    with caplog.at_level(logging.INFO):
        response, html = await _open(browser, site.link(site.desk.issue()))
    assert response.status == 500
    assert "Er ging iets mis" in html
    assert "Traceback" not in html
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert [record.getMessage().split("\n")[0] for record in errors] == [
        "confirmation page failed error=RuntimeError"
    ]
    assert "Amina" not in caplog.text


async def test_logs_carry_the_entry_id_and_never_the_token_name_or_reason(
    site: Site, browser: ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    token = site.desk.issue()
    link = site.link(token)
    with caplog.at_level(logging.INFO):
        _response, html = await _open(browser, link)
        await _send(
            browser, link, form=_field(html), name="Jan Peeters", reason="x", answer="reject"
        )
        await _open(browser, link)
    messages = [record.getMessage() for record in caplog.records]
    assert "hours rejected entry=41 way=link" in messages
    assert "confirmation refused reason=used" in messages
    assert "POST /bevestig/… 200" in caplog.text  # the access log, redacted
    for secret in (token, "Jan", "Peeters", "Amina"):
        assert secret not in caplog.text


def test_the_access_log_leaves_out_tokens_and_codes() -> None:
    assert redacted_path("/bevestig/abc.DEF-123") == "/bevestig/…"
    assert redacted_path("/controle/K7QM-2XPA") == "/controle/…"
    assert redacted_path("/controle?code=K7QM") == "/controle"
    assert redacted_path("/healthz") == "/healthz"


async def test_an_overview_code_is_checked(site: Site, browser: ClientSession) -> None:
    made = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
    site.desk.overviews["K7QM-2XPA"] = OverviewCheck("Amina", made, confirmed_minutes=2370)

    response, html = await _open(browser, site.check("K7QM-2XPA"))
    assert response.status == 200
    assert "De code klopt" in html
    assert "Dit is het overzicht van Amina." in html
    assert "Wegwijs maakte het op 12 november 2026 om 10:30." in html  # Belgian time
    assert "Bevestigde uren: 39,5 uur." in html

    response, html = await _open(browser, f"{site.base_url}/controle?code=%20k7qm-2xpa%20")
    assert (response.status, "De code klopt" in html) == (200, True)
    response, html = await _open(browser, site.check("NOPE-0000"))
    assert (response.status, "Onbekende code" in html) == (404, True)
    response, html = await _open(browser, f"{site.base_url}/controle")
    assert (response.status, "Code van het overzicht" in html) == (200, True)
