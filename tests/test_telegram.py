"""Wegwijs on Telegram, end to end: real aiogram over HTTP against the fake Bot API."""

from __future__ import annotations

from pathlib import Path

from store import people
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_support import buttons, running, settings_for

AMINA = 5001


async def test_a_whole_onboarding_by_typing(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        first = fake.sent(AMINA)[0]
        assert first["text"].startswith("Hallo! Ik ben Wegwijs.")
        assert "Français" in buttons(first)

        for text, count in (("3", 2), ("ja", 3), ("Amina", 4), ("Ypres", 5), ("koken", 6)):
            await fake.say(AMINA, text)
            await fake.wait_for_messages(AMINA, count)
        await fake.say(AMINA, "klaar")
        await fake.wait_for_messages(AMINA, 7)

    texts = fake.texts(AMINA)
    assert "Dag Amina!" in texts[3]
    assert "Ypres ligt in Ieper." in texts[4]
    assert texts[-1].startswith("Klaar, Amina! Welkom bij Wegwijs.")
    assert "🌐" in texts[-1]
    assert "Wat ik graag doe · Ce que j'aime faire" in buttons(fake.sent(AMINA)[-1])


async def test_a_whole_onboarding_by_pressing_buttons(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, "/start")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "Français")
        await fake.wait_for_messages(AMINA, 2)
        # The pressed message keeps its text, shows the pick, and loses its buttons.
        language_question = fake.sent(AMINA)[0]
        assert language_question["text"].endswith("👉 Français")
        assert buttons(language_question) == []
        assert len(fake.calls_of("answerCallbackQuery")) == 1

        await fake.press_label(AMINA, "Ja, dat is goed")
        await fake.wait_for_messages(AMINA, 3)
        await fake.say(AMINA, "Amina")
        await fake.wait_for_messages(AMINA, 4)
        await fake.say(AMINA, "Veurne")
        await fake.wait_for_messages(AMINA, 5)
        interests = fake.sent(AMINA)[-1]
        await fake.press_label(AMINA, "koken")
        # A multiple choice is edited in place: no new message, the pick is marked.
        await fake.wait_for(lambda: "✅ koken · cuisine" in buttons(fake.sent(AMINA)[-1]))
        assert fake.sent(AMINA)[-1]["message_id"] == interests["message_id"]
        await fake.press_label(AMINA, "natuur")
        await fake.wait_for(lambda: "✅ natuur · nature" in buttons(fake.sent(AMINA)[-1]))
        await fake.press_label(AMINA, "Klaar")
        await fake.wait_for_messages(AMINA, 6)

        assert fake.texts(AMINA)[-1].startswith("Klaar, Amina! Welkom bij Wegwijs.")
        assert len(fake.calls_of("answerCallbackQuery")) == 5
        account = await bot.account(AMINA)
        assert account is not None and account.active
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        async with bot.wegwijs.sessions() as session:
            found = await people.find_account(session, "telegram", str(AMINA))
            assert found is not None
            assert found.person.interests == ["koken", "natuur"]
            assert found.person.municipality == "Veurne"


async def _onboarded(fake: FakeTelegram, chat: int = AMINA) -> None:
    """Walk a person to the menu by typing; the bot must be running."""
    steps = ["hallo", "2", "yes", "Amina", "Ieper", "koken", "klaar"]
    for count, text in enumerate(steps, start=1):
        await fake.say(chat, text)
        await fake.wait_for_messages(chat, count)


async def test_the_same_update_twice_is_answered_once(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        update = await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.redeliver(update)
        await fake.say(AMINA, "2")
        await fake.wait_for_messages(AMINA, 2)
        await fake.wait_for(lambda: fake.pending_updates() == 0)
    assert len(fake.sent(AMINA)) == 2
    assert fake.texts(AMINA)[1].startswith("Eerst iets over je gegevens.")


async def test_after_a_crash_the_bot_resumes_without_replaying_or_losing_updates(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    settings = settings_for(fake, database_url, tmp_path)
    async with running(fake, settings):
        await fake.say(AMINA, "hallo")
        await fake.say(AMINA, "2")
        handled = await fake.say(AMINA, "yes")
        await fake.wait_for_messages(AMINA, 3)
    # Killed before the offset of the last update reached Telegram: it comes back; meanwhile
    # the person wrote again.
    await fake.redeliver(handled)
    await fake.say(AMINA, "Amina")
    async with running(fake, settings):
        await fake.wait_for_messages(AMINA, 4)
        await fake.wait_for(lambda: fake.pending_updates() == 0)
    texts = fake.texts(AMINA)
    assert len(texts) == 4
    assert texts[2].startswith("Dank je!")
    assert texts[3].startswith("Dag Amina!")


async def test_a_restart_mid_conversation_continues_it(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    settings = settings_for(fake, database_url, tmp_path)
    async with running(fake, settings):
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "English")
        await fake.wait_for_messages(AMINA, 2)
    async with running(fake, settings):
        await fake.press_label(AMINA, "Ja, dat is goed")
        await fake.wait_for_messages(AMINA, 3)
    assert fake.texts(AMINA)[-1].startswith("Dank je!")


async def test_a_429_is_obeyed_and_no_message_is_lost(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        await fake.say(AMINA, "hallo")
        await fake.say(AMINA + 1, "hallo")  # someone else waits too: the limit is for the bot
        await fake.wait_for_messages(AMINA, 1)
        await fake.wait_for_messages(AMINA + 1, 1)
    sends = fake.calls_of("sendMessage")
    refused, retried = sends[0], sends[1:]
    assert refused.status == 429
    assert [call.status for call in retried] == [200, 200]
    assert all(call.at - refused.at >= 1.0 for call in retried)
    assert len(fake.sent(AMINA)) == len(fake.sent(AMINA + 1)) == 1


async def test_one_message_a_second_per_chat_by_default(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    from tests.telegram_support import TEST_LIMITS
    from dataclasses import replace

    limits = replace(TEST_LIMITS, gap=1.0)
    async with running(fake, settings_for(fake, database_url, tmp_path), limits=limits):
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "English")  # an edit and a new message: two calls
        await fake.wait_for_messages(AMINA, 2)
    calls = [c for c in fake.calls if c.method in {"sendmessage", "editmessagetext"}]
    gaps = [later.at - earlier.at for earlier, later in zip(calls, calls[1:], strict=False)]
    assert len(calls) == 3
    assert gaps[-1] >= 0.99  # the edit and the next message to the same chat
