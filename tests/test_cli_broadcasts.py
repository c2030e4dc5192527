"""`wegwijs broadcast …` as staff type it: send with a dry run, status, list, cancel."""

from __future__ import annotations

from pathlib import Path

from tests.support import wegwijs_command


def _chat(folder: Path, user: str, *lines: str) -> str:
    done = wegwijs_command(folder, "chat", "--as", user, stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_send_dry_run_then_schedule_see_and_cancel(tmp_path: Path) -> None:
    _chat(tmp_path, "amina", "hallo", "3", "ja", "Amina", "Veurne", "koken", "klaar")
    _chat(tmp_path, "olena", "hallo", "5", "ja", "Olena", "Ieper", "sport", "klaar")
    (tmp_path / "nl.txt").write_text("Feest in de bib, {name}! Kom op zaterdag.", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Fête à la bibliothèque, {name} !", encoding="utf-8")
    (tmp_path / "uk.txt").write_text("Свято в бібліотеці, {nam}!", encoding="utf-8")

    dry = wegwijs_command(
        tmp_path,
        "broadcast",
        "send",
        "--to",
        "municipality=Veurne,role=participant",
        "--text-file",
        "nl.txt",
        "--lang-file",
        "fr=fr.txt",
        "--dry-run",
    )
    assert dry.returncode == 0, dry.stderr
    assert "Recipients: 1 (console 1)" in dry.stdout
    assert "🌐 Fête à la bibliothèque, Amina !" in dry.stdout
    assert dry.stdout.strip().endswith("Dry run: nothing was sent.")

    broken = wegwijs_command(
        tmp_path, "broadcast", "send", "--to", "all", "--text-file", "nl.txt",
        "--lang-file", "uk=uk.txt",
    )  # fmt: skip
    assert broken.returncode == 1
    assert "ERROR [uk] a broken, unknown or missing placeholder" in broken.stdout
    assert "Nothing was sent" in broken.stderr
    nobody = wegwijs_command(
        tmp_path, "broadcast", "send", "--to", "municipality=Mesen", "--text-file", "nl.txt"
    )
    assert nobody.returncode == 1
    assert "Nobody would get it" in nobody.stderr
    past = wegwijs_command(
        tmp_path, "broadcast", "send", "--to", "all", "--text-file", "nl.txt",
        "--at", "2020-01-01 10:00",
    )  # fmt: skip
    assert past.returncode == 2
    assert "that time has passed" in past.stderr
    unknown = wegwijs_command(
        tmp_path, "broadcast", "send", "--to", "gemeente=Brussel", "--text-file", "nl.txt"
    )
    assert unknown.returncode == 2
    assert "is not in the Westhoek" in unknown.stderr

    sent = wegwijs_command(
        tmp_path, "broadcast", "send", "--to", "all", "--text-file", "nl.txt",
        "--at", "2099-12-10 18:00",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert "Broadcast 1: scheduled for 2099-12-10 18:00." in sent.stdout
    listed = wegwijs_command(tmp_path, "broadcast", "list")
    assert "scheduled  2099-12-10 18:00" in listed.stdout
    cancelled = wegwijs_command(tmp_path, "broadcast", "cancel", "1")
    assert cancelled.stdout.strip() == "Broadcast 1 cancelled: 0 had it already, 0 will not get it."
    again = wegwijs_command(tmp_path, "broadcast", "cancel", "1")
    assert again.returncode == 1
    assert "finished or cancelled already" in again.stderr

    now = wegwijs_command(tmp_path, "broadcast", "send", "--to", "all", "--text-file", "nl.txt")
    assert "Broadcast 2: scheduled for" in now.stdout
    delivered = wegwijs_command(tmp_path, "broadcast", "deliver")
    assert delivered.stdout.strip() == "1 started, 2 messages queued, 0 finished."
    got = _chat(tmp_path, "amina", "/menu")
    assert "Feest in de bib, Amina! Kom op zaterdag." in got
    status = wegwijs_command(tmp_path, "broadcast", "status", "2")
    assert "recipients 2: delivered 1, queued 1" in status.stdout
    assert "via cli" in status.stdout
    stopped = wegwijs_command(tmp_path, "broadcast", "status", "1")
    assert "cancelled" in stopped.stdout
    assert "via cli" in stopped.stdout
