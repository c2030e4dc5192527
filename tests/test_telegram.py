"""Wegwijs on Telegram, end to end: real aiogram over HTTP against the fake Bot API."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from aiohttp import ClientSession, web

from bot import outbox
from bot.sending import Delivery
from bot.transports.telegram import WEBHOOK_PATH
from bot.transports.telegram_send import plan
from dialogs.render import Rendered
from store.people import persons
from store.people.models import ChannelAccount, Role
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_support import TEST_LIMITS, RunningBot, buttons, running, settings_for

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
        assert account is not None
        assert account.active
    async with (
        running(fake, settings_for(fake, database_url, tmp_path)) as bot,
        bot.wegwijs.sessions() as session,
    ):
        found = await persons.find_account(session, "telegram", str(AMINA))
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
    async with running(fake, settings) as bot:
        await fake.say(AMINA, "hallo")
        await fake.say(AMINA, "2")
        handled = await fake.say(AMINA, "yes")
        await fake.wait_for_messages(AMINA, 3)
        await _settled(bot)
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
    async with running(fake, settings) as bot:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "English")
        await fake.wait_for_messages(AMINA, 2)
        await _settled(bot)
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
    limits = replace(TEST_LIMITS, gap=1.0)
    async with running(fake, settings_for(fake, database_url, tmp_path), limits=limits):
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "English")  # an edit and a new message: two calls
        await fake.wait_for_messages(AMINA, 2)
    calls = [c for c in fake.calls if c.method in {"sendmessage", "editmessagetext"}]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(calls)]
    assert len(calls) == 3
    assert gaps[-1] >= 0.99  # the edit and the next message to the same chat


async def test_a_blocked_bot_marks_the_account_inactive_and_stops_sending(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        fake.block(AMINA)
        await fake.say(AMINA, "2")
        await fake.wait_for(lambda: any(c.status == 403 for c in fake.calls))
        await _settled(bot)
        account = await bot.account(AMINA)
        assert account is not None
        assert not account.active
        # Later messages (a reminder, a broadcast) are not even tried.
        tried = len(fake.calls_of("sendMessage"))
        await _queue_text(bot, account, "Herinnering")
        await bot.transport.worker.send_due()
        assert len(fake.calls_of("sendMessage")) == tried
        rows = await bot.outbox()
        assert [(row.status, row.error) for row in rows] == [
            ("failed", "forbidden"),
            ("failed", "inactive"),
        ]
        assert all(row.payload == {} for row in rows)  # no text kept

        # Unblocked and writing again: reachable again.
        fake.blocked.clear()
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 2)
        account = await bot.account(AMINA)
        assert account is not None
        assert account.active


async def test_server_errors_are_retried_and_then_given_up(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    fake.fail("sendMessage", 502, "Bad Gateway", times=2)
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        statuses = [call.status for call in fake.calls_of("sendMessage")]
        assert statuses == [502, 502, 200]

        fake.fail("sendMessage", 500, "Internal Server Error", times=100)
        await fake.say(AMINA, "2")
        await fake.wait_for(
            lambda: len(fake.calls_of("sendMessage")) == 3 + TEST_LIMITS.max_attempts
        )
        await _settled(bot)
        rows = await bot.outbox()
        assert [(row.status, row.attempts, row.error) for row in rows] == [
            ("failed", TEST_LIMITS.max_attempts - 1, "TelegramServerError")
        ]


async def test_a_stalled_server_times_out_and_the_message_still_arrives(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    fake.stall("sendMessage", 3.0)  # longer than the bot's 2 s timeout per call
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        await fake.say(AMINA, "hallo")
        await fake.wait_for(lambda: len(fake.calls_of("sendMessage")) == 1)
        fake.stall("sendMessage", 0.0)
        await fake.wait_for(lambda: len(fake.calls_of("sendMessage")) >= 2, within=15)
        await fake.wait_for_messages(AMINA, 2, within=10)
    # The stalled call did land in the end; the retry made a second copy. Telegram has no
    # idempotency key for sendMessage, so this is the honest trade: never lost, rarely twice.
    assert fake.texts(AMINA)[0] == fake.texts(AMINA)[1]


async def test_an_old_button_gets_a_kind_answer(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        language_question = fake.sent(AMINA)[0]
        await fake.press_label(AMINA, "English")
        await fake.wait_for_messages(AMINA, 2)
        await fake.press_label(AMINA, "Ja, dat is goed")
        await fake.wait_for_messages(AMINA, 3)

        # The keyboard of the first question is gone, but an old copy of it can still be
        # pressed (another phone, a slow network): "Français" now belongs to no open question.
        data = "|".join(["00000000", "fr"])
        stale = {
            **language_question,
            "reply_markup": {"inline_keyboard": [[{"text": "Français", "callback_data": data}]]},
        }
        fake.messages[language_question["message_id"]] = stale
        await fake.press(AMINA, language_question["message_id"], data)
        await fake.wait_for_messages(AMINA, 4)
        await _settled(bot)

    last = fake.texts(AMINA)[-1]
    assert last.startswith("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    assert "Hoe heet je?" in last
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        account = await bot.account(AMINA)
        assert account is not None
        async with bot.wegwijs.sessions() as session:
            found = await persons.find_account(session, "telegram", str(AMINA))
            assert found is not None
            assert found.person.help_language == "en"


async def _settled(bot: RunningBot) -> None:
    """Let the outbox worker finish what it took (a stop mid-send would send it again)."""
    for _ in range(100):
        rows = await bot.outbox()
        if all(row.status == "failed" or row.claimed_until is None for row in rows):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the outbox did not settle")


async def _queue_text(bot: RunningBot, account: ChannelAccount, text: str) -> None:
    await _queue(bot, account, [Delivery(Rendered(text))])


async def _queue(bot: RunningBot, account: ChannelAccount, deliveries: list[Delivery]) -> None:
    async with bot.wegwijs.sessions() as session, session.begin():
        outbox.enqueue(
            session, "telegram", account.address, account.id, deliveries, bot.wegwijs.clock
        )


def _wegwijs(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**environment, **env},
        timeout=60,
        check=False,
    )


async def test_a_deep_link_invite_makes_a_coach_once(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    env = {
        "WEGWIJS_DATABASE_URL": database_url,
        "WEGWIJS_TELEGRAM_TOKEN": fake.token,
        "WEGWIJS_TELEGRAM_API_URL": fake.base_url,
    }
    made = await asyncio.to_thread(_wegwijs, "invite", "--role", "coach", **env)
    assert made.returncode == 0, made.stderr
    link = next(line for line in made.stdout.splitlines() if line.startswith("Telegram: "))
    prefix = "Telegram: https://t.me/WegwijsTestBot?start="
    assert link.startswith(prefix)
    code = link.removeprefix(prefix)
    assert f'"/start {code}"' in made.stdout

    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, f"/start {code}")  # what Telegram sends for the link
        await fake.wait_for_messages(AMINA, 1)
        await fake.say(AMINA + 1, f"/start {code}")
        await fake.wait_for_messages(AMINA + 1, 1)
        await fake.say(AMINA + 2, "/start not-a-real-code")
        await fake.wait_for_messages(AMINA + 2, 1)
        async with bot.wegwijs.sessions() as session:
            coach = await persons.find_account(session, "telegram", str(AMINA))
            other = await persons.find_account(session, "telegram", str(AMINA + 1))
    assert "Welkom! Je bent nu coach bij Wegwijs." in fake.texts(AMINA)[0]
    assert "In welke taal wil je hulp?" in fake.texts(AMINA)[0]  # onboarding goes on
    assert "Die uitnodiging is al gebruikt. Vraag een nieuwe." in fake.texts(AMINA + 1)[0]
    assert "Die uitnodiging ken ik niet." in fake.texts(AMINA + 2)[0]
    assert coach is not None
    assert other is not None
    assert Role.COACH in coach.person.roles
    assert Role.COACH not in other.person.roles


async def test_a_5000_character_message_arrives_split_at_sentences(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    long_text = " ".join(f"Dit is zin nummer {n} van een lang bericht." for n in range(120))
    assert len(long_text) > 5000
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        account = await bot.account(AMINA)
        assert account is not None
        await _queue(bot, account, plan([Rendered(long_text)]))
        bot.transport.worker.wake()
        await fake.wait_for_messages(AMINA, 3)
    first, second = fake.texts(AMINA)[1:]
    assert len(first) <= 4096
    assert first.endswith(".")
    assert second.startswith("Dit is zin nummer")
    assert f"{first} {second}" == long_text


async def test_webhook_mode_checks_the_secret_and_answers(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    settings = settings_for(fake, database_url, tmp_path)
    bot = await RunningBot(fake, settings).start(poll=False)
    app = web.Application()
    bot.transport.serve_webhook(app, "s3cret-token")
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
    try:
        async with ClientSession() as client:
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "text": "hallo",
                    "chat": {"id": AMINA, "type": "private"},
                },
            }
            async with client.post(url, json=update) as response:
                assert response.status == 401  # no secret: not Telegram
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with client.post(url, json=update, headers=wrong) as response:
                assert response.status == 401
        await bot.transport.set_webhook(url, "s3cret-token")
        assert fake.webhook_url == url
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        await fake.press_label(AMINA, "Nederlands")
        await fake.wait_for_messages(AMINA, 2)
        assert fake.calls_of("getUpdates") == []
    finally:
        await runner.cleanup()
        await bot.stop()
    assert fake.texts(AMINA)[1].startswith("Eerst iets over je gegevens.")


async def test_the_command_menu_and_descriptions_per_language(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        await bot.transport.prepare()
    dutch = {item["command"]: item["description"] for item in fake.commands[""]}
    assert list(dutch) == [
        "start",
        "menu",
        "help",
        "taal",
        "mijngegevens",
        "vergeet",
        "koppel",
        "taalplezier",
        "stil",
        "stop",
    ]
    assert dutch["vergeet"] == "Alles wissen"
    french = {item["command"]: item["description"] for item in fake.commands["fr"]}
    assert french["vergeet"].startswith("Alles wissen · ")
    assert set(fake.commands) == {
        "",
        "en",
        "fr",
        "ar",
        "uk",
        "ru",
        "fa",
        "ps",
        "ti",
        "so",
        "tr",
        "es",
    }
    assert fake.descriptions[""].startswith("Wegwijs helpt nieuwkomers in de Westhoek.")
    assert fake.short_descriptions[""] == (
        "Hulp voor nieuwkomers in de Westhoek, in duidelijk Nederlands."
    )
    assert all(len(text) <= 120 for text in fake.short_descriptions.values())


async def test_a_long_list_is_paged_and_a_page_can_be_turned(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)) as bot:
        for count, text in enumerate(["hallo", "1", "ja", "Amina", "Antwerpen"], start=1):
            await fake.say(AMINA, text)
            await fake.wait_for_messages(AMINA, count)
        municipalities = fake.sent(AMINA)[-1]
        first_page = buttons(municipalities)
        assert first_page[:2] == ["Alveringem", "De Panne"]
        assert first_page[-2:] == ["1/2", "▶"]
        assert "Veurne" not in first_page
        await fake.press_label(AMINA, "▶")
        await fake.wait_for(lambda: "Veurne" in buttons(fake.sent(AMINA)[-1]))
        assert fake.sent(AMINA)[-1]["message_id"] == municipalities["message_id"]
        assert buttons(fake.sent(AMINA)[-1])[-2:] == ["◀", "2/2"]
        await fake.press_label(AMINA, "Veurne")
        await fake.wait_for_messages(AMINA, 6)
        async with bot.wegwijs.sessions() as session:
            found = await persons.find_account(session, "telegram", str(AMINA))
    assert found is not None
    assert found.person.municipality == "Veurne"
    assert fake.sent(AMINA)[4]["text"].endswith("👉 Veurne")


async def test_photos_stickers_voice_and_groups(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1)
        for count, send in enumerate(
            (fake.send_photo, fake.send_sticker, fake.send_voice), start=2
        ):
            await send(AMINA)
            await fake.wait_for_messages(AMINA, count)
        group = {"id": -100123, "type": "group", "title": "Buren"}
        await fake._add_update(
            {
                "message": {
                    "message_id": 99,
                    "date": 0,
                    "chat": group,
                    "text": "hallo",
                    "from": {"id": 1, "is_bot": False, "first_name": "X"},
                }
            }
        )
        await fake.wait_for(lambda: fake.pending_updates() == 0)
    for text in fake.texts(AMINA)[1:]:
        assert text.startswith("Ik kan alleen tekst lezen.")
        assert "In welke taal wil je hulp?" in text
    assert fake.sent(-100123) == []  # no answer in a group


async def test_a_location_finds_the_municipality(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        for count, text in enumerate(["hallo", "1", "ja", "Amina"], start=1):
            await fake.say(AMINA, text)
            await fake.wait_for_messages(AMINA, count)
        await fake.send_location(AMINA, 50.7903, 2.8301)  # near the church of Kemmel
        await fake.wait_for_messages(AMINA, 5)
        await fake.send_location(AMINA, 51.2194, 4.4025)  # Antwerp
        await fake.wait_for_messages(AMINA, 6)
    assert "Bedoel je Heuvelland?" in fake.texts(AMINA)[4]
    assert "Die plek ligt niet in de Westhoek." in fake.texts(AMINA)[5]


async def test_my_data_arrives_as_a_json_document(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running(fake, settings_for(fake, database_url, tmp_path)):
        await _onboarded(fake)
        await fake.say(AMINA, "/mijngegevens")
        await fake.wait_for(lambda: any("document" in m for m in fake.sent(AMINA)))
        await fake.wait_for_messages(AMINA, 10)
    texts = fake.texts(AMINA)
    document = next(m["document"] for m in fake.sent(AMINA) if "document" in m)
    assert document["file_name"] == "wegwijs-mijn-gegevens.json"
    exported = json.loads(document["_content"])
    assert exported["name"] == "Amina"
    assert exported["channel_accounts"][0] == {
        **exported["channel_accounts"][0],
        "channel": "telegram",
        "address": str(AMINA),
    }
    assert any(text.startswith("Dit bewaar ik over jou:") for text in texts)


async def test_wegwijs_run_serves_telegram_until_stopped(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")},
        "WEGWIJS_DATABASE_URL": database_url,
        "WEGWIJS_TELEGRAM_TOKEN": fake.token,
        "WEGWIJS_TELEGRAM_API_URL": fake.base_url,
        "WEGWIJS_TELEGRAM_POLL_SECONDS": "1",
        "WEGWIJS_WEB_PORT": "0",
        "WEGWIJS_LOG_FILE": str(tmp_path / "bot.log"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.say(AMINA, "hallo")
        await fake.wait_for_messages(AMINA, 1, within=30)
        await fake.say(AMINA, "3")
        await fake.wait_for_messages(AMINA, 2)
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert fake.commands[""]  # the command menu was set at start
    log = (tmp_path / "bot.log").read_text()
    assert "handled channel=telegram person=1" in log
    assert fake.token not in log
    assert "hallo" not in log


async def test_a_person_can_play_along_over_http_typing_and_pressing(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    fake = fake_telegram
    base = f"http://127.0.0.1:{fake.port}"
    async with running(fake, settings_for(fake, database_url, tmp_path)), ClientSession() as web_:
        async with web_.post(f"{base}/_say", json={"chat": AMINA, "text": "hallo"}) as answer:
            assert answer.status == 200
        await fake.wait_for_messages(AMINA, 1)
        async with web_.post(f"{base}/_press", json={"chat": AMINA, "label": "Français"}) as answer:
            assert answer.status == 200
        await fake.wait_for_messages(AMINA, 2)
        async with web_.post(f"{base}/_press", json={"chat": AMINA, "label": "Bestaat niet"}) as a:
            assert a.status == 404
        async with web_.get(f"{base}/_sent") as answer:
            sent = await answer.json()
    assert sent[-1]["text"].startswith("Eerst iets over je gegevens.")
