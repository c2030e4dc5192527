"""Each way a Signal send can fail, handled by the outgoing layer: real HTTP to the fake daemon."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from bot import outbox
from bot.sending import Delivery
from dialogs.render import Rendered
from store.people import persons
from store.people.models import Role
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.signal_support import (
    TEST_LIMITS,
    Phone,
    RunningSignal,
    running,
    settings_for,
    wait_until,
)

AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
JONAS = env.Sender(number="+32470654321", uuid="0b9f4e1c-0c6e-4d8e-9a52-5e2d8b7f3a10")


@pytest.fixture
def amina(fake_signal: FakeSignalCli) -> Phone:
    return Phone(fake_signal, AMINA)


@pytest.fixture
def jonas(fake_signal: FakeSignalCli) -> Phone:
    return Phone(fake_signal, JONAS)


def sends(fake: FakeSignalCli, phone: Phone) -> int:
    """How many sends to this person reached the daemon, whatever became of them."""
    return sum(
        1
        for method, params in fake.calls
        if method == "send" and params["recipient"] == [phone.address]
    )


async def tried(fake: FakeSignalCli, phone: Phone, count: int) -> None:
    await wait_until(lambda: sends(fake, phone) >= count)


async def make_staff(bot: RunningSignal, phone: Phone) -> None:
    await phone.says_and_waits("hallo")
    async with bot.wegwijs.sessions() as session, session.begin():
        account = await persons.find_account(session, "signal", phone.address)
        assert account is not None
        account.person.grant(Role.STAFF)


async def queue_text(bot: RunningSignal, phone: Phone, text: str) -> None:
    account = await bot.account(phone.address)
    assert account is not None
    async with bot.wegwijs.sessions() as session, session.begin():
        outbox.enqueue(
            session,
            "signal",
            phone.address,
            account.id,
            [Delivery(Rendered(text))],
            bot.wegwijs.clock,
        )
    bot.transport.worker.wake()


async def test_an_unregistered_person_goes_inactive_and_gets_nothing_more(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        await amina.says_and_waits("hallo")
        fake.fail_recipient(amina.address, "UNREGISTERED_FAILURE")
        amina.say("2")
        await tried(fake, amina, 2)
        await bot.settled()
        account = await bot.account(amina.address)
        assert account is not None
        assert not account.active
        attempts = sends(fake, amina)
        await queue_text(bot, amina, "Herinnering: morgen is er Taalplezier.")
        await bot.transport.worker.send_due()
        assert sends(fake, amina) == attempts  # not even tried
        rows = await bot.outbox()
        # Writing again makes the account reachable again; the conversation went on meanwhile.
        answer = await amina.says_and_waits("ja")
    assert [(row.status, row.error) for row in rows] == [
        ("failed", "unregistered"),
        ("failed", "inactive"),
    ]
    assert all(row.payload == {} for row in rows)  # no text kept
    assert answer.startswith("Dank je!")


async def test_a_changed_key_is_told_to_staff_once_and_the_message_given_up(
    fake_signal: FakeSignalCli,
    amina: Phone,
    jonas: Phone,
    database_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        await make_staff(bot, jonas)
        await amina.says_and_waits("hallo")
        fake.fail_recipient(amina.address, "IDENTITY_FAILURE")
        fake.fail_recipient(amina.address, "IDENTITY_FAILURE")
        amina.say("2")
        told = await jonas.wait_for(2)
        amina.say("ja")  # fails again: staff know already
        await tried(fake, amina, 3)
        await bot.settled()
        account = await bot.account(amina.address)
        assert account is not None
        assert account.key_changed_at is not None
        assert account.active  # the person is still there: only the key must be trusted
        failed = [(row.status, row.error) for row in await bot.outbox()]
        # Trusted on the server: the next message goes through and a new change is news again.
        answer = await amina.says_and_waits("Amina")
        await bot.settled()
        account = await bot.account(amina.address)
    assert failed == [("failed", "identity"), ("failed", "identity")]
    assert account is not None
    assert len(jonas.received()) == 2  # the welcome and one notice, not two
    notice = told[1]
    assert notice.startswith(f"Let op: persoon {account.person_id} heeft Signal opnieuw gezet.")
    assert f"curl -s {fake.url}/api/v1/rpc " in notice
    assert '"method":"trust","params":{"account":"+32470000000",' in notice
    assert f'"recipient":"{AMINA.uuid}","verifiedSafetyNumber":"NUMMER"' in notice
    assert answer.startswith("Dag Amina!")  # nothing she said was lost
    assert account.key_changed_at is None
    assert f"signal key changed account={account.id} person={account.person_id}" in caplog.text
    assert "470123456" not in caplog.text
    assert str(AMINA.uuid) not in caplog.text


async def test_a_rate_limit_is_waited_out_and_nothing_is_lost(
    fake_signal: FakeSignalCli, amina: Phone, jonas: Phone, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)):
        fake.fail_recipient(amina.address, "RATE_LIMIT_FAILURE", retry_after=1)
        began = time.monotonic()
        amina.say("hallo")
        jonas.say("hallo")  # someone else waits too: the limit is the bot's
        await amina.wait_for(1)
        await jonas.wait_for(1)
        took = time.monotonic() - began
    assert took >= 1.0
    assert sends(fake, amina) == 2
    assert len(amina.received()) == len(jonas.received()) == 1


async def test_a_rate_limit_without_a_wait_pauses_a_minute(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        fake.fail_recipient(amina.address, "RATE_LIMIT_FAILURE")
        amina.say("hallo")
        await tried(fake, amina, 1)
        await bot.settled()
        [row] = await bot.outbox()
    assert (row.status, row.attempts) == ("pending", 0)  # kept, not used up
    assert 59 <= (row.due_at - row.created_at).total_seconds() <= 61


async def test_a_network_failure_is_retried(
    fake_signal: FakeSignalCli, amina: Phone, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)):
        fake.fail_recipient(amina.address, "NETWORK_FAILURE")
        amina.say("hallo")
        texts = await amina.wait_for(1)
    assert sends(fake, amina) == 2
    assert texts[0].startswith("Hallo! Ik ben Wegwijs.")


@pytest.mark.parametrize(
    ("code", "message"),
    [(-3, "Failed to send message: connection lost"), (-32603, "Failed to send message")],
)
async def test_whole_call_errors_that_are_retried(
    fake_signal: FakeSignalCli,
    amina: Phone,
    database_url: str,
    tmp_path: Path,
    code: int,
    message: str,
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        fake.fail_next_call(code, message)
        amina.say("hallo")
        texts = await amina.wait_for(1)
        await bot.settled()
        rows = await bot.outbox()
    assert rows == []
    assert sends(fake, amina) == 2
    assert texts[0].startswith("Hallo! Ik ben Wegwijs.")


@pytest.mark.parametrize(
    ("code", "message", "status", "error", "active"),
    [
        (-1, "Failed to send message", "failed", "-1", True),
        (-1, "The user +32470123456 is not registered.", "failed", "unregistered", False),
        (-4, "Failed to send message due to untrusted identities", "failed", "identity", True),
        (-5, "Failed to send message due to rate limiting", "pending", None, True),
    ],
)
async def test_whole_call_errors_that_stop_the_message(
    fake_signal: FakeSignalCli,
    amina: Phone,
    database_url: str,
    tmp_path: Path,
    code: int,
    message: str,
    status: str,
    error: str | None,
    active: bool,
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        fake.fail_next_call(code, message)
        amina.say("hallo")
        await tried(fake, amina, 1)
        await bot.settled()
        rows = await bot.outbox()
        account = await bot.account(amina.address)
    assert account is not None
    assert [(row.status, row.error) for row in rows] == [(status, error)]
    assert account.active is active
    assert amina.received() == []


@pytest.mark.parametrize(
    ("status", "body"),
    [(200, b"<html>oops</html>"), (200, b'{"jsonrpc":"2.0","id":1}'), (500, b""), (200, b"")],
)
async def test_a_daemon_that_answers_garbage_to_a_send(
    fake_signal: FakeSignalCli,
    amina: Phone,
    database_url: str,
    tmp_path: Path,
    status: int,
    body: bytes,
) -> None:
    fake = fake_signal
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)):
        fake.answer_next_raw(status, body)
        amina.say("hallo")
        texts = await amina.wait_for(1)
    assert texts[0].startswith("Hallo! Ik ben Wegwijs.")  # retried: the message arrives
    assert len(texts) == 1


async def test_a_daemon_without_our_account_keeps_the_messages(
    fake_signal: FakeSignalCli,
    amina: Phone,
    database_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = fake_signal
    settings = settings_for(fake.url, database_url, tmp_path)
    async with running(fake.url, settings) as bot:
        await amina.says_and_waits("hallo")
        fake.methods.accounts.remove("+32470000000")  # the daemon was started for another number
        await queue_text(bot, amina, "Herinnering")
        await wait_until(lambda: "does not have our account" in caplog.text)
        await bot.settled()
        [row] = await bot.outbox()
    assert (row.status, row.attempts) == ("pending", 0)
    assert "the signal daemon does not have our account" in caplog.text
    assert TEST_LIMITS.max_attempts > 1
