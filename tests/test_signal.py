"""Wegwijs on Signal, end to end: the real transport over HTTP against the fake signal-cli."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import outbox
from bot.transports.signal_send import TEXT_BYTES, plan
from dialogs.render import Rendered
from store.people import persons
from tests.catalogue import KITCHEN_IEPER, stock
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.signal_support import Phone, running, settings_for

AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
LATER_UUID = "c0ffee00-0000-4000-8000-000000000001"


@pytest.fixture
def amina(fake_signal: FakeSignalCli) -> Phone:
    return Phone(fake_signal, AMINA)


async def onboarded(phone: Phone, name: str = "Amina") -> None:
    """Walk a person to the menu by typing numbers; the bot must be running."""
    for text in ["hallo", "2", "1", name, "Ieper", "2", "14"]:
        await phone.says_and_waits(text)


async def test_a_whole_onboarding_by_numbers(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        first = await amina.says_and_waits("hallo")
        assert first.startswith("Hallo! Ik ben Wegwijs.")
        assert "\n\n1. Nederlands\n2. English\n3. Français\n" in first  # no buttons: numbers
        assert (await amina.says_and_waits("3")).startswith("Eerst iets over je gegevens.")
        assert (await amina.says_and_waits("1")).startswith("Dank je!")
        assert (await amina.says_and_waits("Amina")).startswith("Dag Amina!")
        interests = await amina.says_and_waits("Ypres")
        assert interests.startswith("Ypres ligt in Ieper.")
        assert "2. koken · cuisine" in interests
        picked = await amina.says_and_waits("2 3")
        assert "2. ✅ koken · cuisine\n3. ✅ natuur · nature" in picked
        done = await amina.says_and_waits("14")
    assert done.startswith("Klaar, Amina! Welkom bij Wegwijs.")
    assert "1. Een activiteit zoeken · Trouver une activité" in done
    assert len(amina.received()) == 7  # one message per answer: texts folded together


async def test_a_whole_onboarding_by_words(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    settings = settings_for(fake_signal.url, database_url, tmp_path)
    async with running(fake_signal.url, settings) as bot:
        for text in ["goeiedag", "English", "ja", "Amina", "Veurne", "koken en natuur"]:
            await amina.says_and_waits(text)
        done = await amina.says_and_waits("klaar")
        async with bot.wegwijs.sessions() as session:
            found = await persons.find_account(session, "signal", AMINA.uuid or "")
    assert done.startswith("Klaar, Amina! Welkom bij Wegwijs.")
    assert found is not None
    assert (found.person.help_language, found.person.municipality) == ("en", "Veurne")
    assert found.person.interests == ["koken", "natuur"]
    assert found.phone_number == AMINA.number  # kept with the account: personal data


async def test_a_person_without_a_uuid_is_keyed_on_the_number_until_one_comes(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    hidden = Phone(fake_signal, env.Sender(number="+32470111222", uuid=None))
    async with running(
        fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)
    ) as bot:
        await hidden.says_and_waits("hallo")
        await hidden.says_and_waits("1")
        assert await bot.account("+32470111222") is not None
        # The same person, now with the ACI UUID signal-cli learnt: the same account.
        known = Phone(fake_signal, env.Sender(number="+32470111222", uuid=LATER_UUID))
        answer = await known.says_and_waits("ja")
        assert answer.startswith("Dank je!")  # the conversation went on: consent given
        assert await bot.account("+32470111222") is None
        account = await bot.account(LATER_UUID)
    assert account is not None
    assert account.phone_number == "+32470111222"


async def test_a_card_title_is_bold(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    settings = settings_for(fake_signal.url, database_url, tmp_path)
    async with running(fake_signal.url, settings) as bot:
        await stock(bot.wegwijs.sessions)
        await onboarded(amina)
        for text in ["1", "met de fiets"]:
            await amina.says_and_waits(text)
        await amina.says_and_waits("een beetje")
    cards = amina.received()[-1]
    assert cards.text.startswith("Dit past bij jou:")
    start, size, style = cards.text_styles[0]
    title = cards.text.encode("utf-16-le")[2 * start : 2 * (start + size)].decode("utf-16-le")
    assert (title, style) == ("1️⃣ Samen koken in Ieper", "BOLD")  # UTF-16 units: 1️⃣ is 3
    assert "\n1. 1️⃣ Meer info · 1️⃣ More info\n2. 1️⃣ Ik wil dit doen · " in cards.text


async def test_a_long_text_is_cut_between_sentences_within_2000_bytes(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    # Arabic takes two bytes a letter: cut by bytes, not by characters.
    long_text = " ".join(f"هذه الجملة رقم {n} من رسالة طويلة." for n in range(50))
    assert len(long_text) < TEXT_BYTES < len(long_text.encode())
    settings = settings_for(fake_signal.url, database_url, tmp_path)
    async with running(fake_signal.url, settings) as bot:
        await amina.says_and_waits("hallo")
        account = await bot.account(amina.address)
        assert account is not None
        deliveries = plan([Rendered(long_text)])
        async with bot.wegwijs.sessions() as session, session.begin():
            outbox.enqueue(
                session, "signal", amina.address, account.id, deliveries, bot.wegwijs.clock
            )
        bot.transport.worker.wake()
        pieces = (await amina.wait_for(1 + len(deliveries)))[1:]
    assert len(pieces) == 2
    assert all(len(piece.encode()) <= TEXT_BYTES for piece in pieces)
    assert all(piece.endswith(".") for piece in pieces)
    assert " ".join(pieces) == long_text


WARD = env.Sender(number="+32470654321", uuid="0b1e2c3d-0000-4000-8000-00000000ward")


async def test_a_provider_without_buttons_confirms_hours_by_typing_ja(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    ward = Phone(fake_signal, WARD)
    settings = settings_for(fake_signal.url, database_url, tmp_path)
    async with running(fake_signal.url, settings) as bot:
        await onboarded(ward, "Ward")
        await onboarded(amina)
        ward_account = await bot.account(WARD.uuid or "")
        assert ward_account is not None
        await stock(bot.wegwijs.sessions, KITCHEN_IEPER, provider=ward_account.person_id)
        for text in ["ik wil koken in Ieper", "met de fiets", "een beetje"]:
            await amina.says_and_waits(text)
        asked = len(ward.received())
        await amina.says_and_waits("2")  # 1️⃣ Ik wil dit doen
        welcome = (await ward.wait_for(asked + 1))[asked]
        assert "\n1. Ja, welkom" in welcome  # no buttons: the request comes as numbers
        heard = len(amina.received())
        await ward.says_and_waits("1")
        await amina.wait_for(heard + 1)  # she hears she is welcome

        await amina.says_and_waits("gisteren 3 uur")
        asked = len(ward.received())
        assert (await amina.says_and_waits("ja")).startswith("Bewaard!")
        question = (await ward.wait_for(asked + 1))[asked]
        assert question.startswith("Bevestig 3 uur van Amina op ")
        assert "\n1. ✅ Ja, dat klopt · ✅ Yes, that is right\n2. ❌ Nee" in question

        heard = len(amina.received())
        thanks = await ward.says_and_waits("ja")
        news = (await amina.wait_for(heard + 1))[heard]
    assert "Dank je! Ik laat het Amina weten." in thanks
    assert news.startswith("Goed nieuws! Ward bevestigde je uren.")
