"""Sessions in directories shared between Unix users (issue 14, class 6): only a user who can write the
session takes the writer lock; the other reads, told truly who holds it or that they cannot write; and
two users' recovery files in one session never write over each other."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from other_user import OtherUser, other_user_fixture, set_modes, shared_base_fixture  # noqa: F401  (fixtures)

from samverka.fileio import SessionLock
from samverka.sessions import recovery
from samverka.sessions.demo import ensure_demo
from samverka.sessions.edits import NoteDraft
from samverka.sessions.opened import open_session
from samverka.tui.widgets.banner import ReadOnlyBanner

held_open: list = []  # in the other user's process: what it keeps open between steps


def _view(opened) -> tuple[bool, str | None, str]:
    """What the other user sees: read-only?, who holds it by the lock file, the banner's text."""
    holder = opened.holder.user if opened.holder is not None else None
    return opened.read_only, holder, str(ReadOnlyBanner(opened).content) if opened.read_only else ""


def _open_twice(say, path: Path):
    """Open while the owner holds it; then, told the owner has let go, open again (what ctrl+t does)."""
    first = open_session(path, None)
    held_open.append(first)
    say(_view(first))
    again = open_session(path, None)
    held_open.append(again)
    return _view(again)


def _open_once(say, path: Path):
    opened = open_session(path, None)
    held_open.append(opened)
    return _view(opened)


@pytest.fixture
def owners_session(shared_base: Path) -> Path:
    """A session only its owner (here root) can write; everyone can read it, as on a shared server."""
    path = ensure_demo(shared_base / "sessions" / "demo", None)
    set_modes(shared_base / "sessions", 0o755, 0o644)
    return path


def test_a_user_who_cannot_write_never_takes_the_lock_from_the_owner(owners_session: Path, other_user: OtherUser):
    owner = open_session(owners_session, None)
    assert not owner.read_only
    child = other_user.start(_open_twice, owners_session)
    try:
        read_only, holder, banner = child.next()
        assert read_only and holder == getpass.getuser()
        assert f"öppen hos {getpass.getuser()}@" in banner
        owner.close(reason="mötet slut")  # the owner lets go; the other user tries to take over
        read_only, holder, banner = child.go()
        assert read_only and holder is None, "a user who cannot write the session took its lock"
        assert "du kan inte skriva här" in banner
        again = open_session(owners_session, None)  # the owner comes back while the other still looks
        assert not again.read_only and again.holder is None
        again.add_note("1.1", NoteDraft("note", "Ägaren skriver igen"))
        again.close(reason="test")
    finally:
        child.finish()


def test_nobody_holding_and_no_lock_file_the_reader_is_told_it_cannot_write(owners_session: Path,
                                                                            other_user: OtherUser):
    (owners_session / SessionLock.NAME).unlink(missing_ok=True)  # never opened for writing on this server
    read_only, holder, banner = other_user.run(_open_once, owners_session)
    assert read_only and holder is None
    assert "Skrivskyddad — du kan inte skriva här" in banner and "--read-only" not in banner
    assert not (owners_session / SessionLock.NAME).exists()


def _close_with_half_typed(say, path: Path, text: str):
    opened = open_session(path, None)
    assert not opened.read_only
    closed = opened.close(("1.1", text), reason="SIGHUP")
    say(str(closed.recovery))
    found, warning = recovery.read_recovery(open_session(path, None, read_only=True).session, opened.pack)
    return (found.half_typed if found else None), warning


def test_two_users_recovery_files_in_one_shared_session_are_both_kept(shared_base: Path, other_user: OtherUser):
    path = ensure_demo(shared_base / "sessions" / "demo", None)
    set_modes(path, 0o777, 0o666)  # a directory shared by a group, writable by both
    child = other_user.start(_close_with_half_typed, path, "Den andras halvskrivna")
    try:
        theirs = Path(child.next())
        assert theirs.parent == path
        mine = open_session(path, None)
        closed = mine.close(("1.2", "Ägarens halvskrivna"), reason="SIGHUP")
        assert closed.recovery is not None and closed.recovery != theirs
        found, warning = recovery.read_recovery(mine.session, mine.pack)
        assert warning is None and found.half_typed == ("1.2", "Ägarens halvskrivna")
        half_typed, warning = child.go()
        assert half_typed == ("1.1", "Den andras halvskrivna"), warning
    finally:
        child.finish()
