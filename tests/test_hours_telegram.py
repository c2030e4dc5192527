"""End to end on Telegram: a participant logs hours by buttons, the activity's contact confirms
them by pressing ✅ in their own chat, and the participant hears it (real aiogram, fake Bot API)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from store.activities import catalogue
from store.activities.models import Activity
from tests.catalogue import KITCHEN_IEPER, stock
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_support import buttons, running, settings_for

AMINA, WARD = 5001, 5002


async def _onboarded(fake: FakeTelegram, chat: int, name: str, language: str) -> None:
    steps = ["hallo", language, "ja", name, "Ieper", "koken", "klaar"]
    for count, text in enumerate(steps, start=1):
        await fake.say(chat, text)
        await fake.wait_for_messages(chat, count)


async def test_a_provider_confirms_logged_hours_by_button(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await _onboarded(fake, WARD, "Ward", "1")  # Nederlands only
        await _onboarded(fake, AMINA, "Amina", "3")  # with French help lines
        ward, amina = await bot.account(WARD), await bot.account(AMINA)
        assert ward is not None
        assert amina is not None
        ids = await stock(bot.wegwijs.sessions, KITCHEN_IEPER, provider=ward.person_id)
        async with bot.wegwijs.sessions() as session, session.begin():
            activity = await session.get(Activity, ids["keuken-ieper"])
            assert activity is not None
            await catalogue.enrol(session, amina.person_id, activity, datetime.now(UTC))

        before = len(fake.sent(AMINA))
        await fake.press_label(AMINA, "Uren doorgeven")
        await fake.wait_for_messages(AMINA, before + 1)
        assert fake.texts(AMINA)[-1].startswith("Hoe lang was het?")
        await fake.press_label(AMINA, "3 uur")
        await fake.wait_for_messages(AMINA, before + 2)
        await fake.press_label(AMINA, "Gisteren")
        await fake.wait_for_messages(AMINA, before + 3)
        assert "Klopt dat?" in fake.texts(AMINA)[-1]
        ward_before = len(fake.sent(WARD))
        await fake.press_label(AMINA, "Ja, bewaar het")
        await fake.wait_for(lambda: "Wat wil je nu doen?" in fake.texts(AMINA)[-1])
        saved = "\n".join(fake.texts(AMINA)[before + 3 :])
        assert "Ik vraag Vereniging Samen koken in Ieper om je uren te bevestigen." in saved
        assert "Laat bevestigen · Faire confirmer" in buttons(fake.sent(AMINA)[-1])

        await fake.wait_for_messages(WARD, ward_before + 1)
        question = fake.sent(WARD)[ward_before]
        assert question["text"].startswith("Bevestig 3 uur van Amina op ")
        assert question["text"].endswith(" bij Samen koken in Ieper?")
        assert buttons(question) == ["✅ Ja, dat klopt", "❌ Nee, dat klopt niet"]

        amina_before = len(fake.sent(AMINA))
        yes_data = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        await fake.press_label(WARD, "✅ Ja, dat klopt", message_id=question["message_id"])
        await fake.wait_for(lambda: any("Ik laat het Amina weten" in t for t in fake.texts(WARD)))
        await fake.wait_for_messages(AMINA, amina_before + 1)
        news = fake.texts(AMINA)[amina_before]
        assert news.startswith("Goed nieuws! Ward bevestigde je uren.")
        assert "🌐" in news  # in French under the Dutch

        # The button pressed again (a second tap before the edit arrived): a kind answer.
        await fake.press(WARD, question["message_id"], yes_data)
        await fake.wait_for(
            lambda: any("Die uren zijn al beantwoord" in t for t in fake.texts(WARD))
        )


async def test_laat_bevestigen_shows_the_qr_code_as_a_picture_under_the_link(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    settings = settings_for(fake, database_url, tmp_path, public_url="https://wegwijs.example")
    async with running(fake, settings) as bot:
        await _onboarded(fake, AMINA, "Amina", "3")
        amina = await bot.account(AMINA)
        assert amina is not None
        ids = await stock(bot.wegwijs.sessions, KITCHEN_IEPER)
        async with bot.wegwijs.sessions() as session, session.begin():
            activity = await session.get(Activity, ids["keuken-ieper"])
            assert activity is not None
            await catalogue.enrol(session, amina.person_id, activity, datetime.now(UTC))
        await fake.say(AMINA, "gisteren 3 uur")
        await fake.wait_for(lambda: "Klopt dat?" in fake.texts(AMINA)[-1])
        await fake.press_label(AMINA, "Ja, bewaar het")
        await fake.wait_for(
            lambda: "Laat bevestigen · Faire confirmer" in buttons(fake.sent(AMINA)[-1])
        )

        await fake.press_label(AMINA, "Laat bevestigen")
        await fake.wait_for(lambda: any("photo" in m for m in fake.sent(AMINA)))

    sent = fake.sent(AMINA)
    shown = next(index for index, m in enumerate(sent) if "photo" in m)
    assert "https://wegwijs.example/bevestig/" in sent[shown - 1]["text"]
    assert sent[shown]["photo"][0]["_content"].startswith("\ufffdPNG")
    assert not any("document" in m for m in sent)
