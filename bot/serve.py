"""`wegwijs run` with remote channels or a public address: the transports, their outbox
workers, the clock that wakes the jobs, and the web server.

Telegram and Signal run side by side in one process; each has its own outbox worker, and a
channel that is down (a Signal daemon that does not answer) waits and retries by itself
without holding up the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiohttp import web

from bot.bootstrap import Wegwijs, send_limits
from bot.health import Receiver, health_handler
from bot.hours.desk import HoursDesk
from bot.jobs import clock
from bot.settings import Settings
from bot.transports.signal import SignalTransport
from bot.transports.telegram import WEBHOOK_PATH, TelegramTransport, make_bot
from bot.web import confirm
from bot.web.access import RedactedAccessLogger

log = logging.getLogger(__name__)


async def serve(settings: Settings) -> None:
    """Run every configured channel until SIGINT or SIGTERM."""
    wegwijs = await Wegwijs.start(settings)
    app = web.Application()
    jobs: list[Coroutine[Any, Any, None]] = []
    closers = []
    finishers: list[Callable[[], Awaitable[None]]] = []
    receivers: list[Receiver] = []
    if settings.telegram_token is not None:
        telegram = TelegramTransport(wegwijs, make_bot(settings), send_limits(settings))
        receivers.append(telegram)
        closers.append(telegram.close)
        await telegram.prepare()
        if settings.telegram_webhook_url and settings.telegram_webhook_secret is not None:
            secret = settings.telegram_webhook_secret.get_secret_value()
            telegram.serve_webhook(app, secret)
            await telegram.set_webhook(settings.telegram_webhook_url, secret)
            log.info("telegram webhook path=%s", WEBHOOK_PATH)
        else:
            jobs.append(telegram.poll(settings.telegram_poll_seconds))
        jobs.append(telegram.worker.run())
    if settings.signal_url is not None:
        signal_transport = SignalTransport.from_settings(wegwijs, settings, send_limits(settings))
        receivers.append(signal_transport)
        closers.append(signal_transport.close)
        await signal_transport.prepare()
        jobs.extend([signal_transport.listen(), signal_transport.worker.run()])
        finishers.append(signal_transport.finish)
    app.router.add_get("/healthz", health_handler(receivers))
    confirm.mount(app, HoursDesk(wegwijs), form_key=form_key(settings), zone=settings.zone)
    # The confirmation links carry a secret in their path: keep it out of the access log.
    runner = web.AppRunner(app, handle_signals=False, access_log_class=RedactedAccessLogger)
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()
    log.info("web server host=%s port=%d", settings.web_host, settings.web_port)
    scheduler = clock.schedule(wegwijs)
    scheduler.start()
    try:
        await _until_stopped([asyncio.create_task(job) for job in jobs], finishers)
    finally:
        scheduler.shutdown(wait=False)
        await runner.cleanup()
        for close in closers:
            await close()
        await wegwijs.close()


def form_key(settings: Settings) -> bytes:
    """The confirmation page's form key, made from the signing key: the same on every worker,
    and not the key itself."""
    return hashlib.sha256(b"wegwijs.confirm-form:" + settings.signing_key().encode()).digest()


async def _until_stopped(
    tasks: list[asyncio.Task[None]], finishers: list[Callable[[], Awaitable[None]]]
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    stopper = asyncio.create_task(stop.wait())
    done, _pending = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    for finish in finishers:
        await finish()
    for task in [*tasks, stopper]:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for task in done:
        if task is not stopper and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    log.info("stopped")
