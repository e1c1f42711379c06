"""Read a session in a child process while this one imports the terminal UI.

Most of `samverka open`'s start-up is two independent jobs: importing Textual (about 140 ms here) and
reading the session (tomllib: about 80 ms at 2,000 notes, 400 ms at 10,000). Forked before the imports,
a child reads the session on the other core and sends it over a pipe, pickled, in two parts: first
session.toml and the latest day's meetings (all the first screen needs), then the earlier meetings,
which the store takes in when something needs them (`SessionStore.ensure_history`). The lock is taken
here first, so the child reads what this process will write over.

Where there is no fork, or the child fails in any way but a user error, the session is read in this
process instead: the result, and every error, are those of `opened.open_session`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import struct
from collections.abc import Callable
from pathlib import Path

from samverka.errors import UserError
from samverka.fileio import SessionLock
from samverka.sessions.opened import OpenedSession, lock_session, read_session
from samverka.sessions.store import History, SessionStore, session_dir

_LENGTH = struct.Struct("<Q")


def preload(path: Path, packs_dir: Path | None, *, read_only: bool = False) -> Callable[[], OpenedSession]:
    """Start reading the session; the returned function waits for what the first screen needs."""
    path = session_dir(path)
    lock, holder = lock_session(path, read_only)
    writer = lock is not None
    child = _fork_reader(path, packs_dir, lock)

    def finish() -> OpenedSession:
        try:
            first = _receive_first(child) if child is not None else None
            if first is None:
                store, warnings = read_session(path, packs_dir, writer=writer)
            else:
                store, warnings = first
                if store.history_pending:
                    store.history_from(lambda: _receive_history(child) or History.joined(store.read_history()))
                else:
                    _reap(child)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return OpenedSession(store, lock, holder, warnings)

    return finish


class _Child:
    def __init__(self, pid: int, read_end: int) -> None:
        self.pid = pid
        self.pipe = os.fdopen(read_end, "rb")


def _fork_reader(path: Path, packs_dir: Path | None, lock: SessionLock | None) -> _Child | None:
    """A child process reading the session, or None if there can be none."""
    if not hasattr(os, "fork"):
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return _Child(pid, read_end)
    # The child: read, send, and leave without running anything of the parent's (os._exit).
    status = 1
    try:
        os.close(read_end)
        if lock is not None:
            lock.close_inherited()  # the lock is the parent's: it must go when the parent lets it go
        with os.fdopen(write_end, "wb") as pipe:
            try:
                store, warnings = read_session(path, packs_dir, writer=lock is not None, history=False)
            except UserError as err:
                _send(pipe, ("error", err))
            else:
                _send(pipe, ("ok", (store, warnings)))
                os.nice(10)  # the rest can wait: where cores are few, the screen being drawn comes first
                if store.history_pending:
                    try:
                        for part in store.read_history():  # small parts: see _receive_history
                            _send(pipe, ("part", part))
                    except UserError as err:
                        _send(pipe, ("error", err))
                    else:
                        _send(pipe, ("end", None))
        status = 0
    finally:
        os._exit(status)


def _send(pipe, message: tuple) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # all of it before the pipe fills
    pipe.write(_LENGTH.pack(len(data)) + data)
    pipe.flush()


def _receive(child: _Child) -> tuple | None:
    """The child's next message as (kind, value), or None if it did not get that far."""
    header = child.pipe.read(_LENGTH.size)
    size = _LENGTH.unpack(header)[0] if len(header) == _LENGTH.size else 0
    data = child.pipe.read(size) if size else b""
    if not size or len(data) != size:
        _reap(child)
        return None
    return pickle.loads(data)


def _receive_first(child: _Child) -> tuple[SessionStore, list[str]] | None:
    """session.toml and the latest day's meetings, or None (then we read it all ourselves)."""
    gc.disable()  # as when reading: many small objects that all live on
    try:
        message = _receive(child)
    finally:
        gc.enable()
    if message is None:
        return None
    kind, value = message
    if kind == "error":
        _reap(child)
        raise value
    return value


def _receive_history(child: _Child) -> History | None:
    """The earlier meetings, or None if the child did not send them all (then we read them ourselves).

    They come a meeting at a time, and this runs on a worker thread: unpickling one holds the GIL for
    well under a millisecond, where all of them at once (10,000 notes) would hold up the screen's
    first frame, which is being written out at that moment, for 25 ms.
    """
    parts = []
    while (message := _receive(child)) is not None:
        kind, value = message
        if kind == "part":
            parts.append(value)
            continue
        _reap(child)
        if kind == "error":
            raise value
        return History.joined(parts)
    return None


def _reap(child: _Child) -> None:
    child.pipe.close()
    with contextlib.suppress(ChildProcessError):  # already waited for (SIGCHLD ignored by an embedder)
        os.waitpid(child.pid, 0)
