"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests and benchmarks.

It speaks the real wire format (https://core.telegram.org/bots/api): `POST /bot<token>/<method>`
with form, multipart or JSON parameters, answers `{"ok": true, "result": …}` or
`{"ok": false, "error_code": …, "description": …, "parameters": {"retry_after": …}}`, and
implements what Wegwijs uses: getMe, getUpdates (long polling: offset confirms, timeout waits),
sendMessage, sendDocument, sendPhoto, editMessageText, editMessageReplyMarkup, answerCallbackQuery,
setMyCommands, getMyCommands, setMyDescription, setMyShortDescription, setWebhook,
deleteWebhook, getWebhookInfo. With a webhook set it POSTs updates to it, as Telegram does.

Tests inject users' messages and button presses, read what the bot sent, and make it fail:
`fail(method, status, …)` for 429/5xx, `block(chat)` for 403, `stall(method, seconds)`.

Run on its own to point a bot at it: `python -m tests.fakes.telegram_api --port 8081`, then
`curl -d '{"chat": 42, "text": "hallo"}' localhost:8081/_say`, a button with
`curl -d '{"chat": 42, "label": "Ja"}' localhost:8081/_press`, and `curl localhost:8081/_sent`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Wegwijs", "username": "WegwijsTestBot"}
JSON_FIELDS = {"reply_markup", "allowed_updates", "commands", "scope"}
CALLBACK_DATA_LIMIT = 64
TEXT_LIMIT = 4096


@dataclass
class Call:
    """One request the bot made: method, parameters and when (monotonic seconds)."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class Fault:
    status: int
    description: str
    retry_after: int | None = None
    times: int = 1
    chat: str | None = None


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-token"
    calls: list[Call] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)  # by message_id
    commands: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    webhook_url: str = ""
    webhook_secret: str = ""
    blocked: set[str] = field(default_factory=set)
    first_update: int = 10_001

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []  # not yet confirmed by the bot
        self._delivered: list[dict[str, Any]] = []  # every update ever made
        self._next_update = itertools.count(self.first_update)
        self._next_message = itertools.count(1)
        self._next_callback = itertools.count(1)
        self._faults: dict[str, list[Fault]] = {}
        self._stalls: dict[str, float] = {}
        self._arrived = asyncio.Condition()
        self._open_callbacks: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._pusher: asyncio.Task[None] | None = None
        self.port = 0

    # --- running ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_post("/_say", self._http_say)
        app.router.add_get("/_sent", self._http_sent)
        app.router.add_post("/_press", self._http_press)
        return app

    async def start(self, port: int = 0) -> FakeTelegram:
        self._runner = web.AppRunner(self.app(), handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what users do ---------------------------------------------------------------------

    async def say(self, chat: int, text: str, **extra: Any) -> int:
        """A user writes to the bot; returns the update id."""
        return await self._user_message(chat, {"text": text, **extra})

    async def send_location(self, chat: int, latitude: float, longitude: float) -> int:
        return await self._user_message(
            chat, {"location": {"latitude": latitude, "longitude": longitude}}
        )

    async def send_photo(self, chat: int) -> int:
        photo = {"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}
        return await self._user_message(chat, {"photo": [photo]})

    async def send_sticker(self, chat: int) -> int:
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return await self._user_message(chat, {"sticker": sticker})

    async def send_voice(self, chat: int) -> int:
        voice = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}
        return await self._user_message(chat, {"voice": voice})

    async def press(self, chat: int, message_id: int, data: str) -> int:
        """A user presses an inline button of one of the bot's messages."""
        message = self.messages[message_id]
        query_id = str(next(self._next_callback))
        self._open_callbacks.add(query_id)
        query = {
            "id": query_id,
            "from": _user(chat),
            "message": message,
            "chat_instance": f"ci-{chat}",
            "data": data,
        }
        return await self._add_update({"callback_query": query})

    async def press_label(self, chat: int, label: str, message_id: int | None = None) -> int:
        """Press the button with this label (part of it) on the newest message that has it."""
        for message in reversed(self.sent(chat)):
            if message_id is not None and message["message_id"] != message_id:
                continue
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"]:
                        return await self.press(
                            chat, message["message_id"], button["callback_data"]
                        )
        raise LookupError(f"no button {label!r} for chat {chat}")

    async def redeliver(self, update_id: int) -> None:
        """Telegram sends an update again (it does, after a webhook error or a crash)."""
        original = next(u for u in self._delivered if u["update_id"] == update_id)
        async with self._arrived:
            self._updates.append(original)
            self._arrived.notify_all()

    # --- what the bot did ------------------------------------------------------------------

    def sent(self, chat: int | str) -> list[dict[str, Any]]:
        """The bot's messages in a chat, as they stand now (edits applied), oldest first."""
        return [m for m in self.messages.values() if str(m["chat"]["id"]) == str(chat)]

    def texts(self, chat: int | str) -> list[str]:
        return [m.get("text", "") for m in self.sent(chat)]

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method.casefold()]

    def pending_updates(self) -> int:
        return len(self._updates)

    async def wait_for(self, condition: Any, within: float = 10.0, interval: float = 0.02) -> None:
        """Wait until `condition()` is true (the bot works concurrently with the test)."""
        deadline = time.monotonic() + within
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the bot did not get there in time")
            await asyncio.sleep(interval)

    async def wait_for_messages(self, chat: int, count: int, within: float = 10.0) -> None:
        await self.wait_for(lambda: len(self.sent(chat)) >= count, within)

    # --- making it fail --------------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        chat: int | None = None,
    ) -> None:
        """The next `times` calls of `method` (to `chat`, if given) get this error."""
        fault = Fault(status, description, retry_after, times, None if chat is None else str(chat))
        self._faults.setdefault(method.casefold(), []).append(fault)

    def recover(self) -> None:
        """The Bot API works again: faults still waiting are dropped."""
        self._faults.clear()

    def block(self, chat: int) -> None:
        """The user blocked the bot: sends to them get 403."""
        self.blocked.add(str(chat))

    def stall(self, method: str, seconds: float) -> None:
        """Calls of `method` hang this long before answering (a slow or stuck server)."""
        self._stalls[method.casefold()] = seconds

    # --- the wire --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"].casefold()
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params = await _params(request)
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        if method in self._stalls:
            await asyncio.sleep(self._stalls[method])
        fault = self._fault(method, params)
        if fault is not None:
            call.status = fault.status
            return _error(fault.status, fault.description, fault.retry_after)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            call.status = 404
            return _error(404, "Not Found: method not found")
        response: web.StreamResponse = await handler(params)
        call.status = response.status
        return response

    def _fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        chat = str(params.get("chat_id", ""))
        if method.startswith(("send", "edit")) and chat in self.blocked:
            return Fault(403, "Forbidden: bot was blocked by the user")
        for fault in self._faults.get(method, []):
            if fault.times > 0 and (fault.chat is None or fault.chat == chat):
                fault.times -= 1
                return fault
        return None

    async def _m_getme(self, params: dict[str, Any]) -> web.Response:
        return _ok({**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False})

    async def _m_getupdates(self, params: dict[str, Any]) -> web.Response:
        if self.webhook_url:
            return _error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset", 0) or 0)
        limit = int(params.get("limit", 100) or 100)
        timeout = float(params.get("timeout", 0) or 0)
        async with self._arrived:
            if offset:
                # Telegram forgets every update below the offset: they are confirmed.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), timeout)
            batch = sorted(self._updates, key=lambda u: u["update_id"])[:limit]
        return _ok(batch)

    async def _m_sendmessage(self, params: dict[str, Any]) -> web.Response:
        text = str(params.get("text", ""))
        if not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if len(text) > TEXT_LIMIT:
            return _error(400, "Bad Request: message is too long")
        problem = _check_markup(params.get("reply_markup"))
        if problem:
            return _error(400, problem)
        message = self._new_message(params["chat_id"], {"text": text})
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return _ok(message)

    async def _m_senddocument(self, params: dict[str, Any]) -> web.Response:
        document = params.get("document")
        if not isinstance(document, dict):
            return _error(400, "Bad Request: there is no document in the request")
        message = self._new_message(params["chat_id"], {"document": document})
        return _ok(message)

    async def _m_sendphoto(self, params: dict[str, Any]) -> web.Response:
        upload = params.get("photo")
        if not isinstance(upload, dict):
            return _error(400, "Bad Request: there is no photo in the request")
        # Telegram answers with the sizes it made of the picture; one is enough here.
        size = {key: upload[key] for key in ("file_id", "file_unique_id", "file_size")}
        photo = [{**size, "width": 320, "height": 320, "_content": upload["_content"]}]
        return _ok(self._new_message(params["chat_id"], {"photo": photo}))

    async def _m_editmessagetext(self, params: dict[str, Any]) -> web.Response:
        message = self.messages.get(int(params.get("message_id", 0)))
        if message is None or str(message["chat"]["id"]) != str(params.get("chat_id")):
            return _error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup") or None
        if message.get("text") == params.get("text") and message.get("reply_markup") == markup:
            return _error(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        problem = _check_markup(markup)
        if problem:
            return _error(400, problem)
        message["text"] = params["text"]
        message["edit_date"] = int(time.time())
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return _ok(message)

    async def _m_editmessagereplymarkup(self, params: dict[str, Any]) -> web.Response:
        message = self.messages.get(int(params.get("message_id", 0)))
        if message is None:
            return _error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup") or None
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return _ok(message)

    async def _m_sendchataction(self, params: dict[str, Any]) -> web.Response:
        actions = {"typing", "upload_photo", "upload_document", "record_voice", "choose_sticker"}
        if params.get("action") not in actions:
            return _error(400, "Bad Request: wrong parameter action in request")
        if str(params.get("chat_id", "")) in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        return _ok(True)

    async def _m_answercallbackquery(self, params: dict[str, Any]) -> web.Response:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_callbacks:
            return _error(400, "Bad Request: query is too old and response timeout expired")
        self._open_callbacks.discard(query_id)
        return _ok(True)

    async def _m_setmycommands(self, params: dict[str, Any]) -> web.Response:
        commands = params.get("commands") or []
        for command in commands:
            if not 1 <= len(command.get("description", "")) <= 256:
                return _error(400, "Bad Request: command description is invalid")
        self.commands[str(params.get("language_code", ""))] = commands
        return _ok(True)

    async def _m_getmycommands(self, params: dict[str, Any]) -> web.Response:
        return _ok(self.commands.get(str(params.get("language_code", "")), []))

    async def _m_setmydescription(self, params: dict[str, Any]) -> web.Response:
        if len(params.get("description", "")) > 512:
            return _error(400, "Bad Request: bot description is too long")
        self.descriptions[str(params.get("language_code", ""))] = params.get("description", "")
        return _ok(True)

    async def _m_setmyshortdescription(self, params: dict[str, Any]) -> web.Response:
        text = params.get("short_description", "")
        if len(text) > 120:
            return _error(400, "Bad Request: bot short description is too long")
        self.short_descriptions[str(params.get("language_code", ""))] = text
        return _ok(True)

    async def _m_setwebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = str(params.get("url", ""))
        self.webhook_secret = str(params.get("secret_token", ""))
        if self.webhook_url and self._pusher is None:
            self._pusher = asyncio.create_task(self._push())
        return _ok(True)

    async def _m_deletewebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = ""
        return _ok(True)

    async def _m_getwebhookinfo(self, params: dict[str, Any]) -> web.Response:
        return _ok(
            {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
        )

    # --- inside ----------------------------------------------------------------------------

    async def _user_message(self, chat: int, content: dict[str, Any]) -> int:
        message = {
            "message_id": next(self._next_message),
            "from": _user(chat),
            "chat": _chat(chat),
            "date": int(time.time()),
            **content,
        }
        text = content.get("text", "")
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return await self._add_update({"message": message})

    async def _add_update(self, content: dict[str, Any]) -> int:
        update = {"update_id": next(self._next_update), **content}
        self._delivered.append(update)
        async with self._arrived:
            self._updates.append(update)
            self._arrived.notify_all()
        return int(update["update_id"])

    def _new_message(self, chat_id: Any, content: dict[str, Any]) -> dict[str, Any]:
        message = {
            "message_id": next(self._next_message),
            "from": BOT_USER,
            "chat": _chat(int(chat_id)),
            "date": int(time.time()),
            **content,
        }
        self.messages[message["message_id"]] = message
        return message

    async def _push(self) -> None:
        """Webhook delivery: POST each update until the bot answers 200, then forget it."""
        timeout = ClientTimeout(total=30)
        async with ClientSession(timeout=timeout) as client:
            while True:
                if not self.webhook_url or not self._updates:
                    await asyncio.sleep(0.02)
                    continue
                update = self._updates[0]
                try:
                    async with client.post(
                        self.webhook_url,
                        json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret},
                    ) as response:
                        delivered = response.status == 200
                except OSError:
                    delivered = False
                if delivered:
                    self._updates.remove(update)
                else:
                    await asyncio.sleep(0.1)

    async def _http_say(self, request: web.Request) -> web.Response:
        body = await request.json()
        update_id = await self.say(int(body["chat"]), str(body["text"]))
        return web.json_response({"update_id": update_id})

    async def _http_press(self, request: web.Request) -> web.Response:
        """`{"chat": 42, "label": "Ja"}`: press the newest button whose label holds that text."""
        body = await request.json()
        try:
            update_id = await self.press_label(int(body["chat"]), str(body["label"]))
        except LookupError as missing:
            return web.json_response({"error": str(missing)}, status=404)
        return web.json_response({"update_id": update_id})

    async def _http_sent(self, request: web.Request) -> web.Response:
        return web.json_response(list(self.messages.values()))


def _user(chat: int) -> dict[str, Any]:
    return {"id": chat, "is_bot": False, "first_name": "Test", "language_code": "nl"}


def _chat(chat: int) -> dict[str, Any]:
    return {"id": chat, "type": "private", "first_name": "Test"}


async def _params(request: web.Request) -> dict[str, Any]:
    """Bot API parameters from a query string, a form, multipart or JSON, as Telegram takes them."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        params.update(await request.json())
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            content = value.file.read()
            params[key] = {
                "file_id": f"file-{key}-{len(content)}",
                "file_unique_id": f"u-{len(content)}",
                "file_name": value.filename,
                "mime_type": value.content_type,
                "file_size": len(content),
                "_content": content.decode("utf-8", "replace"),
            }
        elif key in JSON_FIELDS:
            params[key] = json.loads(str(value))
        else:
            params[key] = str(value)
    # A file may be sent under any field name and referred to as "attach://<name>".
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), value)
    return params


def _check_markup(markup: Any) -> str | None:
    if not markup:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                return "Bad Request: text buttons are unallowed in the inline keyboard"
            data = button.get("callback_data", "")
            if len(data.encode()) > CALLBACK_DATA_LIMIT:
                return "Bad Request: BUTTON_DATA_INVALID"
    return None


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


async def _serve(port: int) -> None:
    # Telegram's update ids only grow; a fake started again must not reuse the ones a bot has seen.
    fake = await FakeTelegram(first_update=int(time.time())).start(port)
    print(f"Fake Telegram Bot API on {fake.base_url} (token {fake.token})", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the fake Telegram Bot API server.")
    parser.add_argument("--port", type=int, default=8081)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
