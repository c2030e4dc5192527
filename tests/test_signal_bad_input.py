"""Bad input on Signal: kind answers where one is due, silence where none is, nothing lost or
handled twice. Real HTTP against the fake daemon."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.signal_support import Phone, running, settings_for

AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
MEDIA = "Ik kan alleen tekst lezen. Typ je antwoord, of kies iets uit de lijst."
LANGUAGE = "In welke taal wil je hulp?"
TEN_THOUSAND = ("Dit is een heel lang bericht. " * 400)[:10_000]


def stamped(phone: Phone) -> int:
    return phone.fake.methods.next_timestamp()


@pytest.mark.parametrize(
    ("name", "extra", "answer"),
    [
        ("photo", {"attachments": [env.attachment("image/jpeg", "foto.jpg")]}, MEDIA),
        ("file", {"attachments": [env.attachment("application/pdf", "brief.pdf")]}, MEDIA),
        ("sticker", {"sticker": env.sticker()}, MEDIA),
        ("voice", {"attachments": [env.attachment("audio/aac", None, 30_000)]}, MEDIA),
        ("video", {"attachments": [env.attachment("video/mp4", "film.mp4")]}, MEDIA),
    ],
)
async def test_files_stickers_and_voice_notes_get_a_kind_answer(
    fake_signal: FakeSignalCli,
    database_url: str,
    tmp_path: Path,
    name: str,
    extra: env.Json,
    answer: str,
) -> None:
    amina = Phone(fake_signal, AMINA)
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        await amina.says_and_waits("hallo")
        amina.say(None, **extra)
        reply = await amina.wait_for(2)
        after = await amina.says_and_waits("2")
    assert reply[1].startswith(answer), name
    assert LANGUAGE in reply[1]  # and the open question again
    assert after.startswith(
        "Eerst iets over je gegevens."
    )  # nothing lost: the conversation goes on


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("   ", "Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."),
        ("\u200b\u200f", "Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."),
        (TEN_THOUSAND, "Je bericht is te lang. Schrijf het korter, in een paar woorden."),
    ],
)
async def test_empty_and_far_too_long_messages(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path, text: str, answer: str
) -> None:
    amina = Phone(fake_signal, AMINA)
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        await amina.says_and_waits("hallo")
        reply = await amina.says_and_waits(text)
    assert reply.startswith(answer)
    assert LANGUAGE in reply


async def test_a_10000_character_message_as_signal_delivers_it(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    """Over 2000 bytes, Signal sends the start as the text and the whole as a file."""
    amina = Phone(fake_signal, AMINA)
    start = TEN_THOUSAND.encode()[:2000].decode(errors="ignore")
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        await amina.says_and_waits("hallo")
        amina.say(start, attachments=[env.attachment(env.LONG_TEXT, None, 10_000)])
        reply = (await amina.wait_for(2))[1]
    assert reply.startswith("Je bericht is te lang.")


async def test_what_is_not_a_message_to_the_bot_gets_no_answer(
    fake_signal: FakeSignalCli,
    database_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    amina = Phone(fake_signal, AMINA)
    jonas = env.Sender(number="+32470654321", uuid="0b9f4e1c-0c6e-4d8e-9a52-5e2d8b7f3a10")
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        first = amina.say("hallo")
        await amina.wait_for(1)
        sent_at = first["timestamp"]
        for content in (
            {"dataMessage": env.data_message(0, None, reaction=env.reaction(AMINA, sent_at))},
            {"editMessage": env.edit_message(sent_at, env.data_message(0, "hoi"))},
            {"dataMessage": env.data_message(0, "hallo allemaal", groupInfo=env.group_info())},
            {"storyMessage": env.story_message("Kijk!")},
            {"receiptMessage": env.receipt_message(sent_at, [sent_at], "read")},
            {"typingMessage": env.typing_message(sent_at)},
            {"syncMessage": env.sync_sent_message(sent_at, jonas, "Dag Jonas")},
            {"dataMessage": env.data_message(0, None, expiresInSeconds=3600)},  # a timer change
        ):
            amina.send(env.envelope(AMINA, stamped(amina), **content))
        answer = await amina.says_and_waits("2")  # handled in order: the others came first
    assert len(amina.received()) == 2
    assert answer.startswith("Eerst iets over je gegevens.")
    assert [d for d in fake_signal.sent if d.recipient != AMINA.uuid] == []  # no group answer
    for kind in ("reaction", "edit", "group", "story", "sync", "empty"):
        assert f"ignored: {kind}" in caplog.text
    assert "hallo allemaal" not in caplog.text
    assert "470123456" not in caplog.text


async def test_the_same_envelope_twice_is_answered_once(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    amina = Phone(fake_signal, AMINA)
    async with running(fake_signal.url, settings_for(fake_signal.url, database_url, tmp_path)):
        envelope = amina.say("hallo")
        await amina.wait_for(1)
        amina.send(envelope)
        amina.send(envelope)
        answer = await amina.says_and_waits("2")
    assert len(amina.received()) == 2
    assert answer.startswith("Eerst iets over je gegevens.")
