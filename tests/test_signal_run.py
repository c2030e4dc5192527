"""`wegwijs check` and `wegwijs run` with Signal (and Telegram), as processes, against the fakes."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from pydantic import SecretStr

from bot.checks import check_channels
from bot.settings import Settings
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.real_signal import free_port
from tests.signal_support import BOT, Phone

AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")


def _environment(**settings: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    return {**clean, **{f"WEGWIJS_{name.upper()}": value for name, value in settings.items()}}


def _wegwijs(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=_environment(**settings),
        timeout=60,
        check=False,
    )


async def check(**settings: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(_wegwijs, "check", **settings)


async def test_check_says_per_channel_whether_it_answers(
    fake_telegram: FakeTelegram, fake_signal: FakeSignalCli, database_url: str
) -> None:
    telegram = {"telegram_token": fake_telegram.token, "telegram_api_url": fake_telegram.base_url}
    up = await check(**telegram, signal_url=fake_signal.url, signal_account=BOT)
    assert up.returncode == 0, up.stdout + up.stderr
    assert up.stdout.splitlines() == [
        "telegram  ok    answers as @WegwijsTestBot",
        "signal    ok    signal-cli 0.13.19 answers and has the account",
    ]

    nowhere = f"http://127.0.0.1:{free_port()}"
    down = await check(**telegram, signal_url=nowhere, signal_account=BOT)
    assert down.returncode == 1
    assert down.stdout.splitlines()[0].startswith("telegram  ok")
    assert down.stdout.splitlines()[1] == (
        f"signal    DOWN  no answer at {nowhere} (refused): "
        "is `signal-cli daemon --http` running there?"
    )

    stranger = await check(signal_url=fake_signal.url, signal_account="+32470999999")
    assert stranger.returncode == 1
    assert "answers, but has no account WEGWIJS_SIGNAL_ACCOUNT" in stranger.stdout
    assert "470999999" not in stranger.stdout + stranger.stderr  # the number stays out

    refused = await check(telegram_token="123:wrong", telegram_api_url=fake_telegram.base_url)
    assert refused.returncode == 1
    assert "telegram  DOWN  the token is refused" in refused.stdout

    console = await check(database_url=database_url)
    assert console.returncode == 0
    assert "nothing to check" in console.stdout


async def test_wegwijs_run_serves_telegram_and_signal_together(
    fake_telegram: FakeTelegram, fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    env_vars = _environment(
        database_url=database_url,
        telegram_token=fake_telegram.token,
        telegram_api_url=fake_telegram.base_url,
        telegram_poll_seconds="1",
        signal_url=fake_signal.url,
        signal_account=BOT,
        web_port="0",
        log_file=str(tmp_path / "bot.log"),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env_vars,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    phone = Phone(fake_signal, AMINA)
    try:
        phone.say("hallo")
        await fake_telegram.say(5001, "hallo")
        await phone.wait_for(1, within=30)
        await fake_telegram.wait_for_messages(5001, 1, within=30)
        await phone.says_and_waits("3")
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert phone.texts()[1].startswith("Eerst iets over je gegevens.")
    assert fake_telegram.texts(5001)[0].startswith("Hallo! Ik ben Wegwijs.")
    log = (tmp_path / "bot.log").read_text()
    assert re.search(r"handled channel=signal person=\d+ ", log)
    assert re.search(r"handled channel=telegram person=\d+ ", log)
    assert "470123456" not in log
    assert str(AMINA.uuid) not in log
    assert "hallo" not in log


async def test_check_knows_whether_there_is_an_account_to_send_as(tmp_path: Path) -> None:
    cases = [
        ((), False, None, "signal-cli 0.13.19 answers, but holds no account, so nobody to send as"),
        ((BOT,), False, None, "signal-cli 0.13.19 answers for its one account"),
        ((BOT, "+32470000009"), False, None, "signal-cli 0.13.19 answers with 2 accounts"),
        # `signal-cli -a NUMBER daemon`, as README runs it: listAccounts is not there.
        ((BOT,), True, BOT, "signal-cli 0.13.19 answers for its one account"),
        ((BOT,), True, None, "signal-cli 0.13.19 answers for its one account"),
    ]
    for accounts, single, account, said in cases:
        daemon = FakeSignalCli(accounts, single_account=single)
        await daemon.start()
        try:
            secret = None if account is None else SecretStr(account)
            settings = Settings(signal_url=daemon.url, data_dir=tmp_path, signal_account=secret)
            [verdict] = await check_channels(settings)
        finally:
            await daemon.stop()
        assert verdict.detail.startswith(said), (accounts, single, verdict)
        assert verdict.ok == ("answers for its one account" in said)
