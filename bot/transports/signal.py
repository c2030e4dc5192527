"""Wegwijs on Signal through signal-cli's HTTP daemon: events in as `Incoming`, replies out
through the outbox (`signal_send.py`).

Run the daemon with `--receive-mode on-connection` (docs/signal.md): it then fetches messages
from Signal only while our event stream is open, so what arrives while we reconnect waits at
Signal's servers instead of being lost. Events are handled one after the other; a message
delivered twice (same sender and timestamp) has the same update id, and the store's processed
updates handle it once. Receipts, typing, reactions, edits, group messages, stories and sync
messages are ignored, logged by kind only. Logs carry account and person ids, never numbers.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from datetime import datetime

from bot.bootstrap import Outlet, Wegwijs
from bot.health import Receiving
from bot.outbox import Limits, OutboxWorker
from bot.settings import Settings
from bot.transports.signal_rpc import Backoff, SignalRpc, StreamState, StreamStatus
from bot.transports.signal_send import CHANNEL, SignalSender, plan
from bot.transports.signal_wire import SignalMessage
from dialogs import notices
from dialogs.i18n import Locale
from dialogs.messages import Incoming, Media, Outgoing
from store.people import persons
from store.people.models import Role

log = logging.getLogger(__name__)

# signal-cli(1) `trust RECIPIENT --verified-safety-number N`, sent to the running daemon as the
# JSON-RPC method of the same name (signal-cli-jsonrpc(5)): a second signal-cli on the command
# line would wait for the daemon's lock on the account. Staff get it filled in.
TRUST = "curl -s {url}/api/v1/rpc -H 'Content-Type: application/json' -d '{body}'"
RECONNECT = Backoff(initial=1.0, factor=2.0, maximum=60.0)
_HINT_EVERY = 10  # a reminder in the log every so many failed reconnects


class SignalTransport:
    channel = CHANNEL

    def __init__(
        self,
        wegwijs: Wegwijs,
        url: str,
        account: str | None,
        limits: Limits,
        *,
        backoff: Backoff = RECONNECT,
        silence_limit: float = 45.0,
        call_timeout: float = 30.0,
    ):
        self._wegwijs = wegwijs
        self._url = url
        self._account = account
        self._idle = asyncio.Event()  # no message in hand
        self._idle.set()
        self.rpc = SignalRpc(
            url,
            account,
            backoff=backoff,
            silence_limit=silence_limit,
            call_timeout=call_timeout,
            on_state=self._watch,
        )
        # The key hooks run in the middle of a send and write to the database: a stop must not
        # cut them (see OutboxWorker.unstoppable).
        self.sender = SignalSender(
            self.rpc,
            lambda address: self.worker.shielded(self._key_changed(address)),
            lambda address: self.worker.shielded(self._key_trusted(address)),
        )
        self.worker = OutboxWorker(
            wegwijs.sessions, self.sender, wegwijs.clock, limits, settled=wegwijs.settled
        )
        wegwijs.attach(CHANNEL, Outlet(plan, self.worker, self._typing))

    async def _typing(self, address: str) -> None:
        await self.rpc.call("sendTyping", {"recipient": [address]})

    def receiving(self) -> Receiving:
        """For /healthz: messages come in only while the event stream is open."""
        status = self.rpc.status
        details = {"stream": status.state.value, "reason": status.reason}
        return Receiving(CHANNEL, status.state is StreamState.OPEN, details)

    @classmethod
    def from_settings(cls, wegwijs: Wegwijs, settings: Settings, limits: Limits) -> SignalTransport:
        assert settings.signal_url is not None
        account = settings.signal_account
        return cls(
            wegwijs,
            settings.signal_url,
            None if account is None else account.get_secret_value(),
            limits,
            call_timeout=settings.signal_timeout,
        )

    async def prepare(self) -> None:
        """Remember whose key change staff know of; say in the log whether the daemon answers."""
        async with self._wegwijs.sessions() as session:
            self.sender.changed_keys.update(await persons.changed_keys(session, CHANNEL))
        health = await self.rpc.check()
        if health.answers and health.problem is None:
            log.info("signal daemon answers version=%s", health.version)
        else:
            log.warning("signal daemon problem=%s: see `wegwijs check`", health.problem)

    async def listen(self) -> None:
        """Handle incoming messages until cancelled; the stream is reopened whenever it fails."""
        async for item in self.rpc.events():
            if isinstance(item, SignalMessage):
                self._idle.clear()
                try:
                    await self.handle(item)
                finally:
                    self._idle.set()

    async def finish(self, within: float = 10.0) -> None:
        """Until the message in hand is handled (at most `within` seconds): signal-cli does not
        hand a message over twice, so a stop in the middle would lose it."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), within)

    async def handle(self, message: SignalMessage) -> None:
        """One message from one person; never raises, so the stream goes on."""
        try:
            if self._account is not None and message.account not in {None, self._account}:
                log.warning("signal event %s for another account ignored", message.timestamp)
                return
            if message.sender_uuid is not None and message.sender_number is not None:
                await self._prefer_uuid(message.sender_number, message.sender_uuid)
            await self._wegwijs.receive(incoming_from(message, self._wegwijs.clock.now()))
        except Exception:
            log.exception("signal event %s failed", message.timestamp)

    async def close(self) -> None:
        await self.rpc.close()

    async def _prefer_uuid(self, number: str, uuid: str) -> None:
        """Someone first known by number only: key their account on the UUID from now on."""
        async with self._wegwijs.sessions() as session, session.begin():
            moved = await persons.readdress(session, CHANNEL, number, uuid)
        if moved is not None:
            log.info("signal account=%s now keyed on its uuid", moved.id)

    async def _key_changed(self, address: str) -> None:
        """Tell staff, once per key change, how to trust the person's new key."""
        async with self._wegwijs.sessions() as session, session.begin():
            account = await persons.find_account(session, CHANNEL, address)
            if account is None:
                return
            log.warning("signal key changed account=%s person=%s", account.id, account.person_id)
            if not await persons.note_key_changed(session, account.id, self._wegwijs.clock.now()):
                return  # staff know already
            command = trust_command(self._url, self._account, address)
            reply = notices.key_changed(account.person_id, command)
            told = []
            for staff in await persons.with_role(session, Role.STAFF):
                if staff.id != account.person_id:
                    locale = Locale(staff.help_language, staff.help_line)
                    told.append(Outgoing(staff.id, reply, locale))
            if not told:
                log.warning("no staff to tell about the key of account=%s", account.id)
            await self._wegwijs.queue_for(session, told)
        self._wegwijs.wake()

    async def _key_trusted(self, address: str) -> None:
        async with self._wegwijs.sessions() as session, session.begin():
            await persons.key_trusted(session, CHANNEL, address)

    def _watch(self, status: StreamStatus) -> None:
        if status.state != StreamState.DOWN or status.failures % _HINT_EVERY != 1:
            return
        log.warning(
            "signal daemon at %s: event stream %s; is signal-cli running with this account? "
            "`wegwijs check` tells more",
            self._url,
            status.reason,
        )


def incoming_from(message: SignalMessage, now: datetime) -> Incoming:
    """A Signal message as an Incoming: its text, else the kind of file or sticker it holds."""
    return Incoming(
        channel=CHANNEL,
        address=message.sender,
        update_id=update_id(message),
        received_at=now,
        text=message.text,
        media=None if message.text else _media(message),
        phone_number=message.sender_number,
    )


def trust_command(url: str, account: str | None, recipient: str) -> str:
    """The command that trusts `recipient`'s new key once its safety number is checked."""
    params = {"recipient": recipient, "verifiedSafetyNumber": "NUMMER"}
    if account is not None:
        params = {"account": account, **params}
    call = {"jsonrpc": "2.0", "id": 1, "method": "trust", "params": params}
    body = json.dumps(call, separators=(",", ":"))
    return TRUST.format(url=url.rstrip("/"), body=body)


def update_id(message: SignalMessage) -> str:
    """Same sender and timestamp, same id; hashed, so a number never reaches a log line."""
    return hashlib.sha256(message.update_id.encode()).hexdigest()[:40]


def _media(message: SignalMessage) -> Media:
    if message.sticker:
        return Media.STICKER
    kinds: dict[str, Media] = {"image": Media.PHOTO, "audio": Media.VOICE, "video": Media.VIDEO}
    first = message.attachment_types[0] if message.attachment_types else ""
    return kinds.get(first.split("/", 1)[0], Media.FILE)
