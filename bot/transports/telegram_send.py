"""Putting Wegwijs messages on Telegram: inline keyboards (paged), documents, edits, errors.

Telegram's errors become the outgoing layer's (`bot/sending.py`), using aiogram's own
exception classes: TelegramRetryAfter → RateLimitedError, TelegramForbiddenError →
UnreachableError, server and network errors → TransientError, a bad request → RejectedError.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.sending import (
    Delivery,
    Kind,
    RateLimitedError,
    RejectedError,
    TransientError,
    UnreachableError,
    compose,
    split_text,
)
from dialogs.render import Rendered, RenderedChoice

CHANNEL = "telegram"
TEXT_LIMIT = 4096  # characters in one Telegram message
CALLBACK_LIMIT = 64  # bytes of callback data
PAGE_SIZE = 14  # buttons on one page of a long list: seven rows of two fit a phone screen
SHORT_LABEL = 18  # labels up to this length sit two to a row
LABEL_LIMIT = 60
SELECTED = "✅ "
PICKED = "👉 "
PAGE_MARK = "#"


def callback_data(asks: str | None, choice: str) -> str:
    """What a button sends back: the question it belongs to, and the choice."""
    data = f"{asks or ''}|{choice}"
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"choice id too long for a Telegram button: {len(data.encode())} bytes")
    return data


def parse_callback(data: str) -> tuple[str | None, str]:
    """(question token or None, choice id or '#page') from a button's data."""
    asks, _sep, choice = data.partition("|")
    return asks or None, choice


def page_count(choices: tuple[RenderedChoice, ...]) -> int:
    return max(1, -(-len(choices) // PAGE_SIZE))


def keyboard(message: Rendered, page: int = 0) -> InlineKeyboardMarkup | None:
    """One button per choice; a long list is paged with ◀ n/m ▶ under it."""
    if not message.choices:
        return None
    pages = page_count(message.choices)
    page = min(max(page, 0), pages - 1)
    shown = message.choices[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    builder = InlineKeyboardBuilder()
    for choice in shown:
        builder.button(text=_label(choice), callback_data=callback_data(message.asks, choice.id))
    width = 2 if all(len(_label(choice)) <= SHORT_LABEL for choice in shown) else 1
    builder.adjust(width)
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_page_button("◀", message.asks, page - 1))
        nav.append(_page_button(f"{page + 1}/{pages}", message.asks, page))
        if page < pages - 1:
            nav.append(_page_button("▶", message.asks, page + 1))
        builder.row(*nav)
    return builder.as_markup()


def current_page(markup: InlineKeyboardMarkup | None) -> int:
    """The page a paged keyboard shows (its middle n/m button), 0 otherwise."""
    if markup is None:
        return 0
    for row in markup.inline_keyboard:
        for button in row:
            _asks, choice = parse_callback(button.callback_data or "")
            if choice.startswith(PAGE_MARK) and "/" in button.text:
                return int(choice[1:])
    return 0


def plan(messages: list[Rendered]) -> list[Delivery]:
    """Telegram messages for one turn: plain texts folded together, long texts split."""
    deliveries: list[Delivery] = []
    for message in compose(messages, TEXT_LIMIT):
        pieces = split_text(message.text, TEXT_LIMIT) if message.text else []
        for piece in pieces[:-1]:
            deliveries.append(Delivery(Rendered(piece)))
        last = pieces[-1] if pieces else ""
        if last or message.choices:
            deliveries.append(Delivery(Rendered(last, message.choices, None, message.asks)))
        if message.attachment is not None:
            deliveries.append(Delivery(Rendered("", attachment=message.attachment)))
    return deliveries


class TelegramSender:
    """Sends one delivery with aiogram's Bot; raises the outgoing layer's errors."""

    channel = CHANNEL

    def __init__(self, bot: Bot):
        self._bot = bot

    async def deliver(self, address: str, delivery: Delivery) -> str | None:
        try:
            if delivery.kind is Kind.EDIT:
                await self._edit(address, delivery)
            elif delivery.message.attachment is not None:
                file = delivery.message.attachment
                upload = BufferedInputFile(file.content, filename=file.filename)
                if file.media_type.startswith("image/"):
                    # Shown at once in the chat: a QR code the contact person can scan from it.
                    await self._bot.send_photo(chat_id=address, photo=upload)
                else:
                    await self._bot.send_document(chat_id=address, document=upload)
            else:
                sent = await self._bot.send_message(
                    chat_id=address,
                    text=delivery.message.text or "…",
                    reply_markup=keyboard(delivery.message, delivery.page),
                )
                return str(sent.message_id)
        except TelegramRetryAfter as error:
            raise RateLimitedError(float(error.retry_after)) from error
        except TelegramForbiddenError as error:
            raise UnreachableError("forbidden") from error
        except TelegramNotFound as error:
            raise UnreachableError("not_found") from error
        except (TelegramServerError, TelegramNetworkError) as error:
            raise TransientError(type(error).__name__) from error
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return None  # the edit was already there: nothing to do
            raise RejectedError("bad_request") from error
        return None

    async def _edit(self, address: str, delivery: Delivery) -> None:
        assert delivery.target is not None
        markup = keyboard(delivery.message, delivery.page) if delivery.keep_choices else None
        await self._bot.edit_message_text(
            chat_id=address,
            message_id=int(delivery.target),
            text=delivery.message.text[:TEXT_LIMIT] or "…",
            reply_markup=markup,
        )


def _label(choice: RenderedChoice) -> str:
    label = f"{SELECTED}{choice.label}" if choice.selected else choice.label
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def _page_button(text: str, asks: str | None, page: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=callback_data(asks, f"{PAGE_MARK}{page}"))
