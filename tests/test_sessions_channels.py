"""Taalplezier end to end on both channels: Amina answers Ik kom and asks for the .ics, and the
evening before she and her buddy Ward both get the reminder, over the real transports against
the fake Telegram Bot API and the fake signal-cli. The clock is moved, never slept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar

from bot.bootstrap import Wegwijs
from bot.jobs import sessions as session_jobs
from store.buddies import links
from store.people import persons
from store.people.models import Role
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.sessions_support import data, local, series
from tests.signal_support import Phone, wait_until
from tests.signal_support import running as running_signal
from tests.signal_support import settings_for as signal_settings
from tests.support import FakeClock
from tests.telegram_support import running as running_telegram
from tests.telegram_support import settings_for as telegram_settings

WEDNESDAY = local(2026, 12, 16, 14)  # Bib Ieper, 14:00 to 15:30 Brussels time
MONDAY = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
TUESDAY_EVENING = local(2026, 12, 15, 18, 1).astimezone(UTC)
AMINA_CHAT, WARD_CHAT = 5001, 5002
AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
WARD = env.Sender(number="+32470654321", uuid="0b1e2c3d-0000-4000-8000-00000000ward")


async def _link(wegwijs: Wegwijs, channel: str, buddy: str, participant: str) -> None:
    async with wegwijs.sessions() as session, session.begin():
        found = await persons.find_account(session, channel, buddy)
        them = await persons.find_account(session, channel, participant)
        assert found is not None
        assert them is not None
        found.person.grant(Role.BUDDY)
        await links.link(session, found.person_id, them.person_id, wegwijs.clock.now())


def _check_ics(content: bytes) -> None:
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("dtstart") == WEDNESDAY
    assert "Bib Ieper" in str(event["LOCATION"])


async def test_on_telegram_she_and_her_buddy_get_the_reminder_and_she_gets_the_ics(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake, clock = fake_telegram, FakeClock(MONDAY)
    settings = telegram_settings(fake, database_url, tmp_path)
    async with running_telegram(fake, settings, clock=clock) as bot:
        await series(bot.wegwijs.sessions, data(WEDNESDAY))
        for chat, name in [(AMINA_CHAT, "Amina"), (WARD_CHAT, "Ward")]:
            for count, text in enumerate(["hallo", "1", "ja", name, "Ieper", "lezen", "klaar"], 1):
                await fake.say(chat, text)
                await fake.wait_for_messages(chat, count)
        await _link(bot.wegwijs, "telegram", str(WARD_CHAT), str(AMINA_CHAT))

        def said(chat: int, start: str) -> bool:
            return any(text.startswith(start) for text in fake.texts(chat))

        await fake.say(AMINA_CHAT, "/taalplezier")
        await fake.wait_for(lambda: said(AMINA_CHAT, "Kies een dag voor Taalplezier."))
        await fake.press_label(AMINA_CHAT, "woensdag 16 december")
        await fake.wait_for(lambda: any("Kom je?" in text for text in fake.texts(AMINA_CHAT)))
        await fake.press_label(AMINA_CHAT, "Zet in mijn agenda")
        await fake.wait_for(lambda: any("document" in m for m in fake.sent(AMINA_CHAT)))
        document = next(m["document"] for m in fake.sent(AMINA_CHAT) if "document" in m)
        assert document["file_name"] == "taalplezier-2026-12-16.ics"
        _check_ics(document["_content"].encode())
        # The card comes again under the file, with its buttons.
        await fake.wait_for(lambda: sum("Kom je?" in text for text in fake.texts(AMINA_CHAT)) == 2)
        await fake.press_label(AMINA_CHAT, "Ik kom")
        await fake.wait_for(lambda: said(AMINA_CHAT, "Komen er kinderen mee?"))
        await fake.press_label(AMINA_CHAT, "2 kinderen")
        await fake.wait_for(lambda: said(AMINA_CHAT, "Fijn! Je krijgt de dag ervoor"))

        clock.current = TUESDAY_EVENING
        assert (await session_jobs.remind(bot.wegwijs)).messages == 2
        await fake.wait_for(lambda: said(AMINA_CHAT, "Morgen is er Taalplezier."))
        await fake.wait_for(lambda: said(WARD_CHAT, "Herinnering: morgen gaat Amina"))
        assert (await session_jobs.remind(bot.wegwijs)).claimed == 0  # once


async def test_on_signal_she_and_her_buddy_get_the_reminder_and_she_gets_the_ics(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    amina, ward = Phone(fake_signal, AMINA), Phone(fake_signal, WARD)
    clock = FakeClock(MONDAY)
    settings = signal_settings(fake_signal.url, database_url, tmp_path)
    async with running_signal(fake_signal.url, settings, clock=clock) as bot:
        await series(bot.wegwijs.sessions, data(WEDNESDAY))
        for phone, name in [(amina, "Amina"), (ward, "Ward")]:
            for text in ["hallo", "1", "1", name, "Ieper", "lezen", "klaar"]:
                await phone.says_and_waits(text)
        await _link(bot.wegwijs, "signal", WARD.uuid or "", AMINA.uuid or "")

        async def answer(phone: Phone, text: str, start: str) -> None:
            phone.say(text)
            await wait_until(lambda: any(t.startswith(start) for t in phone.texts()))

        await answer(amina, "/taalplezier", "Kies een dag voor Taalplezier.")
        await answer(amina, "1", "🔹 Taalplezier in de bib")
        amina.say("4")  # Zet in mijn agenda
        await wait_until(lambda: any(item.files for item in amina.received()))
        [sent] = next(item.files for item in amina.received() if item.files)
        assert (sent.filename, sent.media_type) == ("taalplezier-2026-12-16.ics", "text/calendar")
        _check_ics(sent.content)
        await answer(amina, "1", "Komen er kinderen mee?")
        await answer(amina, "0", "Fijn! Je krijgt de dag ervoor")

        clock.current = TUESDAY_EVENING
        assert (await session_jobs.remind(bot.wegwijs)).messages == 2
        await wait_until(lambda: any(t.startswith("Morgen is er") for t in amina.texts()))
        await wait_until(lambda: any(t.startswith("Herinnering: morgen") for t in ward.texts()))
