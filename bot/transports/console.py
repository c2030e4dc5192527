"""The terminal chat: choices as a numbered list; works interactively and from a pipe."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from bot.transports import Handler
from dialogs.clock import Clock
from dialogs.messages import Incoming
from dialogs.render import Rendered

CHANNEL = "console"
Waiting = Callable[[str, str], Awaitable[list[Rendered]]]
PROMPT = "» "


class ConsoleTransport:
    channel = CHANNEL

    def __init__(
        self,
        user: str,
        stdin: TextIO,
        stdout: TextIO,
        clock: Clock,
        export_dir: Path,
        waiting: Waiting | None = None,
    ):
        self._user = user
        self._waiting = waiting
        self._stdin = stdin
        self._stdout = stdout
        self._clock = clock
        self._export_dir = export_dir
        self._interactive = stdin.isatty()

    async def run(self, handle: Handler) -> None:
        if self._interactive:
            self._write(f"Wegwijs (console, als '{self._user}'). Typ 'hallo' om te beginnen.")
            self._write("Ctrl+D sluit het programma.\n")
        await self._show_waiting()
        while True:
            if self._interactive:
                self._stdout.write(PROMPT)
                self._stdout.flush()
            line = await asyncio.to_thread(self._stdin.readline)
            if not line:
                break
            line = line.rstrip("\r\n")
            if not self._interactive:
                self._write(f"{PROMPT}{line}")  # a replayed transcript shows both sides
            incoming = Incoming(
                channel=CHANNEL,
                address=self._user,
                update_id=uuid.uuid4().hex,
                received_at=self._clock.now(),
                text=line,
            )
            for rendered in await handle(incoming):
                self._show(rendered)
            await self._show_waiting()
        if self._interactive:
            self._write("")

    async def _show_waiting(self) -> None:
        """Messages others' actions left for this user (a provider's answer, say)."""
        if self._waiting is not None:
            for rendered in await self._waiting(CHANNEL, self._user):
                self._show(rendered)

    def _show(self, rendered: Rendered) -> None:
        lines = [rendered.text] if rendered.text else []
        for number, choice in enumerate(rendered.choices, start=1):
            mark = "✅" if choice.selected else "  "
            lines.append(f"  {mark} {number}. {choice.label}")
        if rendered.attachment is not None:
            path = self._save(rendered.attachment.filename, rendered.attachment.content)
            lines.append(f"📎 {path}")
        self._write("\n".join(lines) + "\n")

    def _save(self, filename: str, content: bytes) -> Path:
        safe_user = re.sub(r"[^\w-]", "_", self._user)
        path = self._export_dir / f"{safe_user}-{filename}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path

    def _write(self, text: str) -> None:
        self._stdout.write(text + "\n")
        self._stdout.flush()
