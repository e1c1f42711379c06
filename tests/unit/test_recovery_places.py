"""Where a recovery file goes and is found again (issue 14, classes 5 and 6), headless: the session
directory under this user's own name, the user's state directory when the session's cannot take it,
and the lock file's name trusted only while its process lives."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from samverka import fileio, paths
from samverka.errors import UserError
from samverka.sessions import recovery
from samverka.sessions.catalog import create_session
from samverka.sessions.demo import ensure_demo
from samverka.sessions.edits import NoteDraft
from samverka.sessions.opened import open_session


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "samverka"


@pytest.fixture
def path(tmp_path: Path, state: Path) -> Path:
    return ensure_demo(tmp_path / "sessions" / "demo", None)


def test_the_state_directory_follows_xdg_and_defaults_to_local_state(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert paths.state_dir() == tmp_path / "xdg" / "samverka"
    monkeypatch.setenv("XDG_STATE_HOME", "relativ/sökväg")  # not absolute: ignored, as the spec says
    assert paths.state_dir() == tmp_path / "home" / ".local" / "state" / "samverka"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert paths.state_dir() == tmp_path / "home" / ".local" / "state" / "samverka"


def test_each_user_writes_a_recovery_file_of_their_own_and_an_old_shared_one_is_still_offered(path: Path):
    opened = open_session(path, None)
    closed = opened.close(("1.1", "Min halva"), reason="SIGHUP")
    assert closed.recovery == path / f".samverka-recovery-{os.getuid()}.toml"
    os.rename(closed.recovery, path / ".samverka-recovery.toml")  # as the first round named it
    again = open_session(path, None)
    assert again.recovery_waiting()
    found, warning = again.read_recovery()
    assert warning is None and found.half_typed == ("1.1", "Min halva")
    again.restore(found)
    assert not again.recovery_waiting() and not (path / ".samverka-recovery.toml").exists()
    again.close(reason="test")


def test_a_declined_recovery_file_is_kept_and_not_offered_again(path: Path, state: Path):
    (path / recovery.NAME).mkdir()  # the session directory cannot take the file: it goes to the state dir
    open_session(path, None).close(("1.2", "Nej tack"), reason="SIGHUP")
    (path / recovery.NAME).rmdir()
    opened = open_session(path, None)
    found, _ = opened.read_recovery()
    assert found.path.parent == state
    opened.decline_recovery()
    assert not opened.recovery_waiting()
    [kept] = state.iterdir()  # kept beside, under another name
    assert kept.name != found.path.name and kept.name.startswith(found.path.stem)
    assert "Nej tack" in kept.read_text(encoding="utf-8")
    opened.close(reason="test")


def test_when_the_session_directory_cannot_take_it_the_state_directory_does(path: Path, state: Path):
    (path / recovery.NAME).mkdir()  # anything that refuses the file: here a directory in its place
    opened = open_session(path, None)
    closed = opened.close(("1.3", "Halvskriven"), reason="SIGHUP")
    (path / recovery.NAME).rmdir()
    assert closed.recovery is not None and closed.recovery.parent == state
    assert opened.recovered == closed.recovery
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(closed.recovery.stat().st_mode) == 0o600
    again = open_session(path, None)
    assert again.recovery_waiting()
    found, warning = again.read_recovery()
    assert warning is None and found.half_typed == ("1.3", "Halvskriven") and found.path == closed.recovery
    again.close(reason="test")
    # A new session made at the same path is not offered the old one's file.
    shutil.rmtree(path)
    create_session(path.parent, path.name, "Myndigheten Y", "", "lokalt-samverkansavtal", None)  # same path
    session_file = path / "session.toml"  # made at another moment than the first (not within the same second)
    session_file.write_text(re.sub(r"(?m)^created = .*$", "created = 2020-01-01T09:00:00+01:00",
                                   session_file.read_text(encoding="utf-8")), encoding="utf-8")
    opened = open_session(path, None)
    found, warning = opened.read_recovery()
    assert found is None and warning is None
    opened.close(reason="test")


def test_a_session_moved_while_open_is_not_recreated_and_its_notes_reach_the_state_directory(path: Path,
                                                                                             state: Path):
    opened = open_session(path, None)
    moved = path.with_name("demo-flyttad")
    os.rename(path, moved)
    with pytest.raises(UserError, match="finns inte längre"):
        opened.add_note("1.1", NoteDraft("note", "Efter flytten"))
    assert not path.exists()
    closed = opened.close(reason="SIGHUP")
    assert closed.recovery is not None and closed.recovery.parent == state
    assert not path.exists()
    assert not open_session(moved, None, read_only=True).recovery_waiting()  # offered to a writer only
    again = open_session(moved, None)
    assert again.recovery_waiting()
    found, _ = again.read_recovery()
    assert [note.text for _, note in found.notes] == ["Efter flytten"]
    again.close(reason="test")


def test_a_symlink_planted_as_the_state_directory_is_refused(path: Path, state: Path, tmp_path: Path):
    elsewhere = tmp_path / "någon-annans"
    elsewhere.mkdir()
    state.parent.mkdir(parents=True)
    state.symlink_to(elsewhere)
    (path / recovery.NAME).mkdir()
    closed = open_session(path, None).close(("1.1", "Hemligt"), reason="SIGHUP")
    assert closed.recovery is None and list(elsewhere.iterdir()) == []
    with pytest.raises(UserError, match="ägs av dig"):
        fileio.private_dir(state)


def test_the_lock_files_name_is_not_trusted_when_its_process_is_gone(path: Path):
    """Someone holds the lock but could not write their name: the name left in the file, of a process
    that has ended, is not shown as the holder."""
    dead = subprocess.Popen(["true"])  # a process id that is free once it has ended
    dead.wait()
    lock_file = path / fileio.SessionLock.NAME
    lock_file.write_text(f"user=gammal\nhost={socket.gethostname()}\npid={dead.pid}\nsince=2026-11-01T09:00:00\n")
    fd = os.open(lock_file, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, as by a writer who cannot write the file
        reader = open_session(path, None)
        assert reader.read_only and reader.holder is not None and reader.holder.user != "gammal"
    finally:
        os.close(fd)


def test_looking_who_holds_the_lock_never_takes_it_nor_writes_a_name(path: Path):
    holder = open_session(path, None)
    lock_file = path / fileio.SessionLock.NAME
    reader = open_session(path, None)
    assert not reader.writer_gone()
    holder.close(reason="test")
    text = "user=förra\nhost=server\npid=1\nsince=2026-11-01T09:00:00\n"
    lock_file.write_text(text)
    assert reader.writer_gone()
    assert lock_file.read_text() == text  # the look wrote nothing
    assert not open_session(path, None).read_only
