"""`wegwijs run` with only a public address serves the confirmation page: a participant's QR
link opens it, the contact person confirms, the participant hears it in the console."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from aiohttp import ClientSession, CookieJar


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(tmp_path: Path, port: int) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")},
        "WEGWIJS_DATABASE_URL": f"sqlite:///{tmp_path}/wegwijs.db",
        "WEGWIJS_DATA_DIR": str(tmp_path),
        "WEGWIJS_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "WEGWIJS_WEB_PORT": str(port),
        "WEGWIJS_LOG_FILE": str(tmp_path / "bot.log"),
    }


async def _chat(env: dict[str, str], folder: Path, *lines: str) -> str:
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "chat", "--as", "amina"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_the_web_page_runs_with_a_public_url_and_a_contact_person_confirms(
    tmp_path: Path,
) -> None:
    port = _free_port()
    env = _environment(tmp_path, port)
    demo = [sys.executable, "-m", "bot", "demo"]
    await asyncio.to_thread(subprocess.run, demo, env=env, cwd=tmp_path, check=True)
    onboarding = ["hallo", "1", "ja", "Amina", "Ieper", "koken", "klaar"]
    search = ["1", "met de fiets", "een beetje", "2", "/menu"]
    said = await _chat(env, tmp_path, *onboarding, *search, "gisteren 3 uur", "ja", "1")
    [link] = re.findall(rf"http://127\.0\.0\.1:{port}/bevestig/\S+", said)

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # The page's form guard sets a cookie; a jar that accepts it from 127.0.0.1.
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as client:
            for _attempt in range(300):
                try:
                    async with client.get(f"http://127.0.0.1:{port}/healthz") as health:
                        if health.status == 200:
                            break
                except OSError:
                    await asyncio.sleep(0.1)
            async with client.get(link) as page:
                assert page.status == 200
                shown = await page.text()
            assert "Amina" in shown
            assert "3\u00a0uur" in shown  # kept on one line
            fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', shown))
            form = {**fields, "name": "Els", "answer": "confirm"}
            async with client.post(link, data=form) as answered:
                assert answered.status == 200, await answered.text()
            async with client.post(link, data=form) as again:
                assert again.status in {403, 410}
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    told = await _chat(env, tmp_path, "/menu")
    assert "Goed nieuws! Els bevestigde je uren." in told
    log = (tmp_path / "bot.log").read_text()
    assert link.rsplit("/", 1)[1] not in log
