"""Never lose a note on a shared server: signals, kill -9, two facilitators, full disks, bad files, as processes."""

from __future__ import annotations

import os
import random
import resource
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, assert_user_error, files, meeting_files, meeting_on, wall_days
from pty_app import PtyApp
from samverka import fileio
from samverka.sessions import recovery
from samverka.sessions.clock import now
from samverka.sessions.model import Note
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore

# --- two facilitators ------------------------------------------------------------------------


def test_cli_note_refuses_while_another_process_holds_the_session(cli, demo_path: Path):
    holder = open_session(demo_path, None)
    before = files(demo_path)
    assert_user_error(cli("note", "demo", "--question", "1.1", "text"), "öppen för redigering hos")
    assert files(demo_path) == before
    holder.lock.release()
    assert cli("note", "demo", "--question", "1.1", "text").code == 0


def test_a_lock_released_by_a_killed_process_is_free(demo_path: Path):
    code = ("import sys, time; from samverka.sessions.opened import open_session; "
            f"o = open_session(__import__('pathlib').Path({str(demo_path)!r}), None); "
            "print('locked', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    assert open_session(demo_path, None).read_only
    child.kill()
    child.wait()
    opened = open_session(demo_path, None)
    assert not opened.read_only  # no stale lock
    opened.lock.release()


# --- signals in a real terminal --------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_signal_saves_everything_and_exits_within_two_seconds(demo_path: Path, data_dir: Path, signum):
    with wall_days() as days:
        app = PtyApp(["open", "demo"], data_dir)
        try:
            app.wait_for("Lokalt samverkansavtal 2027")
            app.type("n")
            app.type("Hela anteckningen\r")
            app.type("Halvskriv")
            time.sleep(0.3)
            started = time.monotonic()
            app.signal(signum)
            assert app.wait_exit(2.0) is not None, "still running 2 s after the signal"
            assert time.monotonic() - started < 2.0
        finally:
            app.close()
    meeting = tomllib.loads(meeting_files(demo_path, days)[-1].read_text(encoding="utf-8"))
    assert meeting["notes"][-1]["text"] == "Hela anteckningen"
    rescue = demo_path / recovery.NAME
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    assert tomllib.loads(rescue.read_text(encoding="utf-8"))["half_typed"] == {"question": "1.1", "text": "Halvskriv"}


def test_no_raw_escape_from_user_text_reaches_the_terminal(demo_path: Path, data_dir: Path):
    evil = "A\x1b]0;PWNED\x07B\x1b[2JC\x9bD\x1b]52;c;UFdORUQ=\x07E\x1b]8;;http://evil.example\x07F\u202eG"
    store = SessionStore.open(demo_path, None)
    store.session.participants[0].name = "Anna" + evil
    store.session.title = "Titel" + evil
    store.session.edit_state("1.1").answers["arbetsgivarpart"] = "Svar" + evil
    meeting_on(store).notes.append(Note(now(), "1.1", "statement", "Not" + evil, party="st"))
    store.save()
    app = PtyApp(["open", "demo"], data_dir)
    try:
        app.wait_for("Titel")
        app.wait_for("\\x1b]0;PWNED")  # shown as visible text
        time.sleep(0.5)
        app.type("n")
        app.type(b"\x1b[200~Klistrat\x1b]0;PWNED\x07in\x1b[201~")  # bracketed paste with an escape inside
        time.sleep(0.5)
        output = bytes(app.raw).decode("utf-8", "replace")
    finally:
        app.signal(signal.SIGTERM)
        app.close()
    for raw in ("\x1b]0;PWNED", "\x1b]52;c;UFdORUQ", "\x1b]8;;http://evil", "\x9b", "\u202e"):
        assert raw not in output, repr(raw)


# --- crashes and full disks ------------------------------------------------------------------

SAVE_LOOP = """
import sys, datetime as dt
from pathlib import Path
from samverka.sessions.model import Note
from samverka.sessions.clock import now
from samverka.sessions.store import SessionStore
from samverka.sessions.workflow import start_meeting
store = SessionStore.open(Path(sys.argv[1]), None)
meeting = start_meeting(store.session, store.pack, dt.date(2030, 1, 1), dt.time(9, 0))
i = 0
print("ready", flush=True)
while True:
    i += 1
    meeting.notes.append(Note(now(), "1.1", "note", f"anteckning {i} " + "å" * (i % 50)))
    store.session.edit_state("2.1").answers["syfte"] = f"version {i}"
    store.save()
"""


@pytest.mark.slow
def test_kill_9_during_saves_never_leaves_a_broken_file(demo_path: Path):
    rng = random.Random(42)
    meeting_file = demo_path / "meetings" / "2030-01-01.toml"
    saved: list[str] = []  # the notes on disk after the last kill
    for _ in range(120):
        child = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(demo_path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))
        child.kill()
        child.wait()
        child.stdout.close()
        for path in demo_path.rglob("*.toml"):
            tomllib.loads(path.read_text(encoding="utf-8"))  # raises if a file was left half-written
        opened = open_session(demo_path, None)  # every file still validates; our stale temps go
        opened.lock.release()
        # A file cut short where TOML still parses would lose notes silently: every note saved before
        # stays, and this child's come after them whole and in order.
        notes = ([n["text"] for n in tomllib.loads(meeting_file.read_text(encoding="utf-8"))["notes"]]
                 if meeting_file.exists() else [])
        assert notes[:len(saved)] == saved
        added = notes[len(saved):]
        assert added == [f"anteckning {i} " + "å" * (i % 50) for i in range(1, len(added) + 1)]
        saved = notes
    assert saved, "no child got as far as a save"
    leftovers = [p for p in demo_path.rglob("*") if fileio.TEMP_MARK in p.name]
    assert leftovers == []


def test_full_disk_names_the_file_keeps_the_old_one_and_retry_works(cli, demo_path: Path):
    session_file = demo_path / "session.toml"
    before = files(demo_path)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    with wall_days() as days:
        done = cli("note", "demo", "--question", "1.1", "x" * 300, preexec_fn=small_files)
    assert done.code == 1 and "Traceback" not in done.err
    assert any(f"meetings/{day}.toml" in done.err for day in days) and "kunde inte spara" in done.err
    assert files(demo_path) == before
    assert not [p for p in demo_path.rglob("*") if fileio.TEMP_MARK in p.name]
    assert cli("note", "demo", "--question", "1.1", "x" * 300).code == 0
    assert session_file.read_bytes() == before["session.toml"]


def test_huge_note_is_refused_clearly(cli, demo_path: Path):
    assert_user_error(cli("note", "demo", "--question", "1.1", "y" * 20_001), "för lång")


# --- malformed files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b"format = 1\ntitle = \"a\x00b\"\n", "NUL", 2),
        (b"format = 1\ntitle = \"\xff\xfe\"\n", "ogiltig UTF-8", 2),
        (b"format = 1\ntitle = \"a\"\ntitle = \"b\"\n", "förekommer två gånger", 3),
        (b"format = 1\nx = " + b"9" * 5000 + b"\n", "för stort heltal", 2),
        (b"format = 1\nx = " + b"[" * 3000 + b"\n", "", None),
    ],
    ids=["nul", "bad-utf8", "duplicate-key", "huge-int", "deep-nesting"],
)
def test_malformed_session_file(cli, demo_path: Path, content: bytes, message: str, line: int | None):
    session_file = demo_path / "session.toml"
    session_file.write_bytes(content)
    result = cli("check", str(demo_path))
    prefix = f"{session_file}:{line}:" if line else f"{session_file}:"
    assert_user_error(result, prefix, message)
    assert session_file.read_bytes() == content


def test_bom_is_accepted(cli, demo_path: Path):
    session_file = demo_path / "session.toml"
    session_file.write_bytes(b"\xef\xbb\xbf" + session_file.read_bytes())
    assert cli("check", str(demo_path)).code == 0
    assert cli("note", "demo", "--question", "1.1", "med BOM").code == 0


# --- exports ---------------------------------------------------------------------------------


def test_export_over_a_symlink_does_not_become_world_writable(cli, demo_path: Path, tmp_path: Path):
    link = tmp_path / "utkast.md"
    link.symlink_to(tmp_path / "saknas.md")
    old = os.umask(0o022)
    try:
        assert cli("export", "demo", "--agreement", "-o", str(link)).code == 0
    finally:
        os.umask(old)
    assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o644
