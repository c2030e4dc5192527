"""The benchmark script still runs: two people, no chat gap, every path measured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_benchmark_measures_every_path_on_this_machine() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--users", "2", "--gap", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2 people, 7 messages each, SQLite, on this machine:"
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "baseline (in-process)",
        "telegram, gap 0 s",
        "signal, gap 0 s",
    ]
    assert all("messages/s" in line for line in lines[1:])


def test_the_reminder_benchmark_measures_both_shapes_of_the_hour() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/bench_reminders.py", "--reminders", "150"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "150 reminders in one simulated hour, tick 60 s, SQLite, on this machine:"
    assert lines[1].startswith("baseline (one INSERT)  150 outbox rows in ")
    assert [line.split("  ")[0] for line in lines[2:]] == [
        "spread over the hour",
        "all on one minute",
    ]
    assert all(line.endswith("duplicates 0") for line in lines[2:])
