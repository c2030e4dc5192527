"""`wegwijs check`: whether each configured channel answers, and what is wrong when it does not.

Telegram: `getMe` with the token. Signal: the daemon's `/api/v1/check`, its version, and whether
it holds WEGWIJS_SIGNAL_ACCOUNT. The bot's own number is never printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError

from bot.settings import Settings
from bot.transports.signal_rpc import SignalRpc
from bot.transports.telegram import make_bot


@dataclass(frozen=True)
class Check:
    channel: str
    ok: bool
    detail: str


async def check_channels(settings: Settings) -> list[Check]:
    """One check per configured remote channel, Telegram first."""
    checks = []
    if settings.telegram_token is not None:
        checks.append(await _telegram(settings))
    if settings.signal_url is not None:
        checks.append(await _signal(settings))
    return checks


async def _telegram(settings: Settings) -> Check:
    bot = make_bot(settings)
    try:
        me = await bot.get_me()
    except TelegramUnauthorizedError:
        return Check("telegram", False, "the token is refused: check WEGWIJS_TELEGRAM_TOKEN")
    except TelegramNetworkError:
        return Check("telegram", False, f"no answer from {settings.telegram_api_url}")
    except TelegramAPIError as error:
        return Check("telegram", False, f"the Bot API answers: {type(error).__name__}")
    finally:
        await bot.session.close()
    return Check("telegram", True, f"answers as @{me.username}")


async def _signal(settings: Settings) -> Check:
    assert settings.signal_url is not None
    url = settings.signal_url
    secret = settings.signal_account
    account = None if secret is None else secret.get_secret_value()
    async with SignalRpc(url, account, call_timeout=10) as rpc:
        health = await rpc.check()
    if not health.answers:
        return Check(
            "signal",
            False,
            f"no answer at {url} ({health.problem}): is `signal-cli daemon --http` running there?",
        )
    version = f"signal-cli {health.version}" if health.version else "signal-cli"
    if health.account_known is False:
        return Check(
            "signal",
            False,
            f"{version} answers, but has no account WEGWIJS_SIGNAL_ACCOUNT: register it "
            "(see README, Signal) or point the setting at the daemon's account",
        )
    if health.problem is not None:
        return Check("signal", False, f"{version} answers, but: {health.problem}")
    if health.accounts is None:  # `signal-cli -a NUMBER daemon`: it sends as its one account
        return Check("signal", True, f"{version} answers for its one account")
    if account is not None:
        return Check("signal", True, f"{version} answers and has the account")
    if health.accounts == 0:
        return Check(
            "signal",
            False,
            f"{version} answers, but holds no account, so nobody to send as: register one "
            "(see README, Signal)",
        )
    if health.accounts > 1:
        return Check(
            "signal",
            False,
            f"{version} answers with {health.accounts} accounts: set WEGWIJS_SIGNAL_ACCOUNT "
            "to the bot's number",
        )
    return Check("signal", True, f"{version} answers for its one account")
