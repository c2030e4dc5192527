"""Wegwijs on Telegram with aiogram 3: updates in as `Incoming`, replies out through the outbox.

Long polling by default; webhook mode behind a reverse proxy when a webhook URL is set. Polling
handles one update after the other (`handle_as_tasks=False`), so aiogram confirms an update's
offset only after it was handled and committed: after a crash Telegram hands back the
unconfirmed updates, and the store's processed-updates table skips those already handled.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramNetworkError, TelegramServerError
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, Message, Update
from aiogram.utils.backoff import Backoff, BackoffConfig
from aiohttp import web

from bot.bootstrap import Outlet, Planner, Wegwijs
from bot.health import Receiving
from bot.outbox import Limits, OutboxWorker
from bot.sending import Delivery, Kind
from bot.settings import Settings
from bot.transports import telegram_profile
from bot.transports.telegram_send import (
    CHANNEL,
    PAGE_MARK,
    PICKED,
    TelegramSender,
    current_page,
    keyboard,
    parse_callback,
    plan,
)
from dialogs.messages import Incoming, Media
from dialogs.render import Rendered

log = logging.getLogger(__name__)

UPDATES = ["message", "callback_query"]
BACKOFF = BackoffConfig(min_delay=0.5, max_delay=30.0, factor=1.6, jitter=0.1)
WEBHOOK_PATH = "/telegram/webhook"


def make_bot(settings: Settings) -> Bot:
    """An aiogram Bot talking to the configured Bot API server (Telegram, a local one, a fake)."""
    assert settings.telegram_token is not None
    api = TelegramAPIServer.from_base(settings.telegram_api_url)
    session = AiohttpSession(api=api, timeout=settings.telegram_timeout)
    return Bot(settings.telegram_token.get_secret_value(), session=session)


class TelegramTransport:
    channel = CHANNEL

    def __init__(self, wegwijs: Wegwijs, bot: Bot, limits: Limits):
        self._wegwijs = wegwijs
        self.bot = bot
        self.worker = OutboxWorker(
            wegwijs.sessions, TelegramSender(bot), wegwijs.clock, limits, settled=wegwijs.settled
        )
        self.dispatcher = Dispatcher()
        self.dispatcher.include_router(self._router())
        wegwijs.attach(CHANNEL, Outlet(plan, self.worker, self._typing))
        self._polls = _PollWatch()
        bot.session.middleware(self._polls)
        self._webhook = False

    async def _typing(self, address: str) -> None:
        await self.bot.send_chat_action(int(address), ChatAction.TYPING)

    def receiving(self) -> Receiving:
        """For /healthz: with a webhook Telegram calls us; polling works once getUpdates does."""
        if self._webhook:
            return Receiving(CHANNEL, True, {"receive": "webhook"})
        state, reason = self._polls.state, self._polls.reason
        return Receiving(
            CHANNEL, state == "open", {"receive": "polling", "state": state, "reason": reason}
        )

    async def prepare(self) -> None:
        """Command menu and descriptions, in Dutch and per help language."""
        await telegram_profile.publish(self.bot, self._wegwijs.engine.knowledge)

    async def poll(self, polling_timeout: int = 10) -> None:
        """Long polling until cancelled; a Bot API that is down at start is waited for."""
        backoff = Backoff(BACKOFF)
        while True:
            try:
                await self.bot.delete_webhook(drop_pending_updates=False)
                await self._poll(polling_timeout)
                return
            except (TelegramNetworkError, TelegramServerError) as error:
                delay = next(backoff)
                log.warning(
                    "telegram unreachable error=%s retry_in=%.1fs", type(error).__name__, delay
                )
                await asyncio.sleep(delay)

    async def _poll(self, polling_timeout: int) -> None:
        polling = asyncio.create_task(
            self.dispatcher.start_polling(
                self.bot,
                polling_timeout=polling_timeout,
                handle_as_tasks=False,
                handle_signals=False,
                close_bot_session=False,
                allowed_updates=UPDATES,
                backoff_config=BACKOFF,
            )
        )
        try:
            await asyncio.shield(polling)
        except asyncio.CancelledError:
            # Cancelling start_polling would leave aiogram's own polling task running;
            # stop_polling ends it properly.
            await self.dispatcher.stop_polling()
            await polling
            raise

    async def set_webhook(self, url: str, secret: str) -> None:
        await self.bot.set_webhook(
            url, secret_token=secret, allowed_updates=UPDATES, drop_pending_updates=False
        )

    def serve_webhook(self, app: web.Application, secret: str) -> None:
        """Answer Telegram's webhook calls on `app` after checking the secret token header."""
        from aiogram.webhook.aiohttp_server import SimpleRequestHandler

        # Not in the background: Telegram only gets 200 once the update is committed, so it
        # sends the update again after a crash, and the processed-updates table drops doubles.
        SimpleRequestHandler(
            self.dispatcher, self.bot, handle_in_background=False, secret_token=secret
        ).register(app, path=WEBHOOK_PATH)
        self._webhook = True

    async def close(self) -> None:
        await self.bot.session.close()

    def _router(self) -> Router:
        router = Router(name="wegwijs")
        router.message.register(self._on_message)
        router.callback_query.register(self._on_callback)
        return router

    async def _on_message(self, message: Message, event_update: Update) -> None:
        if message.chat.type != "private":
            log.info("ignored kind=group_message chat=%s", message.chat.id)
            return
        incoming = incoming_from_message(message, event_update.update_id)
        await self._wegwijs.receive(incoming)

    async def _on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        # Answered at once, so the button stops spinning whatever happens next.
        try:
            await query.answer()
        except Exception:
            log.warning("could not answer callback update=%s", event_update.update_id)
        pressed = query.message
        chat = pressed.chat.id if pressed is not None else query.from_user.id
        asks, choice = parse_callback(query.data or "")
        if choice.startswith(PAGE_MARK) and await self._turn_page(query, asks, choice):
            return
        incoming = Incoming(
            channel=CHANNEL,
            address=str(chat),
            update_id=str(event_update.update_id),
            received_at=self._wegwijs.clock.now(),
            choice=choice,
            asked=asks,
        )
        await self._wegwijs.receive(incoming, press_planner(query, asks))

    async def _turn_page(self, query: CallbackQuery, asks: str | None, choice: str) -> bool:
        """Show another page of the open question's buttons; False when that question is gone."""
        pressed = query.message
        if not isinstance(pressed, Message) or not choice[1:].isdigit():
            return False
        question = await self._wegwijs.open_question(CHANNEL, str(pressed.chat.id))
        if question is None or question.asks != asks:
            return False
        await self.worker.pacer.wait(str(pressed.chat.id))
        try:
            await pressed.edit_reply_markup(reply_markup=keyboard(question, int(choice[1:])))
        except Exception:
            log.warning("could not turn the page chat=%s", pressed.chat.id)
        return True


def incoming_from_message(message: Message, update_id: int) -> Incoming:
    """A Telegram message as an Incoming: text and commands, a location, or a kind of media."""
    base = {
        "channel": CHANNEL,
        "address": str(message.chat.id),
        "update_id": str(update_id),
        "received_at": message.date.astimezone(UTC),
    }
    if message.text is not None:
        return Incoming(**base, text=message.text)  # type: ignore[arg-type]
    if message.location is not None:
        point = (message.location.latitude, message.location.longitude)
        return Incoming(**base, media=Media.LOCATION, location=point)  # type: ignore[arg-type]
    return Incoming(**base, media=_media(message))  # type: ignore[arg-type]


def _media(message: Message) -> Media:
    if message.photo:
        return Media.PHOTO
    if message.voice or message.audio or message.video_note:
        return Media.VOICE
    if message.video or message.animation:
        return Media.VIDEO
    if message.sticker:
        return Media.STICKER
    if message.contact:
        return Media.CONTACT
    return Media.FILE


def press_planner(query: CallbackQuery, asks: str | None) -> Planner:
    """Plans the answer to a pressed button: edit the pressed message, then send what follows.

    The same question asked again (a toggle in a multiple choice) is edited in place; otherwise
    the pressed message keeps its text, shows what was picked, and loses its buttons.
    """
    pressed = query.message

    def planned(messages: list[Rendered], taken: bool) -> list[Delivery]:
        deliveries = plan(messages)
        if not isinstance(pressed, Message) or pressed.text is None:
            return deliveries  # too old to edit (Telegram gives only an InaccessibleMessage)
        target = str(pressed.message_id)
        if (
            taken
            and len(deliveries) == 1
            and deliveries[0].message.asks == asks
            and deliveries[0].message.choices
        ):
            page = current_page(pressed.reply_markup)
            return [Delivery(deliveries[0].message, Kind.EDIT, target, page=page)]
        label = _pressed_label(pressed, query.data or "") if taken else None
        text = pressed.text if label is None else f"{pressed.text}\n\n{PICKED}{label}"
        edit = Delivery(Rendered(text), Kind.EDIT, target, keep_choices=False)
        return [edit, *deliveries]

    return planned


def _pressed_label(message: Message, data: str) -> str | None:
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    return next((b.text for row in rows for b in row if b.callback_data == data), None)


class _PollWatch(BaseRequestMiddleware):
    """Notes whether the last getUpdates worked: aiogram retries failures quietly."""

    def __init__(self) -> None:
        self.state = "connecting"
        self.reason: str | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        polling = isinstance(method, GetUpdates)
        if not polling:
            return await make_request(bot, method)
        try:
            answer = await make_request(bot, method)
        except Exception as error:
            self.state, self.reason = "down", type(error).__name__
            raise
        self.state, self.reason = "open", None
        return answer
