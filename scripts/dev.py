"""Set up a local virtual environment from the lock file, then run the bot or the tests.

Only Python 3.11+ is needed: `python3 scripts/dev.py run` or `python3 scripts/dev.py test`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("WEGWIJS_VENV", ROOT / ".venv"))
LOCK = ROOT / "requirements" / "dev.lock"
STAMP = VENV / ".wegwijs-lock.sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _lock_digest() -> str:
    # Only the lock decides: editing ruff or pytest settings in pyproject.toml needs no reinstall.
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def setup() -> None:
    """Create or refresh the virtual environment when the lock file changed."""
    if STAMP.exists() and STAMP.read_text().strip() == _lock_digest():
        return
    # This file runs on whatever python3 the machine has, before any venv exists.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("Wegwijs needs Python 3.11 or newer.")
    print(f"Setting up {VENV} from {LOCK.relative_to(ROOT)} …", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--require-hashes", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(_lock_digest())


def _run(*cmd: str) -> int:
    return subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"setup", "run", "chat", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command in {"run", "chat"}:
        os.chdir(ROOT)
        os.execv(str(BIN / "wegwijs"), ["wegwijs", command, *rest])
    for check in (("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)):
        if code := _run(*check):
            return code
    return _run("pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
