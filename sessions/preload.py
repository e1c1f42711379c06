"""Read a session in a child process while this one imports the terminal UI.

Most of `samverka open`'s start-up is two independent jobs: importing Textual (about 140 ms here) and
reading the session (tomllib: about 80 ms at 2,000 notes, 400 ms at 10,000). Forked before the imports,
a child reads the session on the other core and sends it over a pipe, pickled, in two parts: first
session.toml and the latest day's meetings (all the first screen needs), then the earlier meetings,
which the store takes in when something needs them (`SessionStore.ensure_history`). The lock is taken
here first, so the child reads what this process will write over.

Where there is no fork, or the child fails in any way but a user error, the session is read in this
process instead: the result, and every error, are those of `open_session`.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
from collections.abc import Callable
from pathlib import Path

from samverka.errors import UserError
from samverka.fileio import SessionLock
from sessions.store import History, Opened, SessionStore, lock_session, read_session, session_dir

_LENGTH = struct.Struct("<Q")


def preload(path: Path, packs_dir: Path | None, *, read_only: bool = False) -> Callable[[], Opened]:
    """Start reading the session; the returned function waits for what the first screen needs."""
    path = session_dir(path)
    lock, holder = lock_session(path, read_only)
    writer = lock is not None
    child = _fork_reader(path, packs_dir, lock)

    def finish() -> Opened:
        try:
            first = _receive(child) if child is not None else None
            if first is None:
                store, warnings = read_session(path, packs_dir, writer=writer)
            else:
                store, warnings = first
                if store.history_pending:
                    store.history_from(lambda: _receive(child) or store.read_history())
                else:
                    _reap(child)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return Opened(store, lock, holder, warnings)

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
        pid = os.fork()
    except OSError:
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
                if store.history_pending:
                    try:
                        _send(pipe, ("ok", store.read_history()))
                    except UserError as err:
                        _send(pipe, ("error", err))
        status = 0
    finally:
        os._exit(status)


def _send(pipe, message: tuple) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # all of it before the pipe fills
    pipe.write(_LENGTH.pack(len(data)) + data)
    pipe.flush()


def _receive(child: _Child) -> tuple[SessionStore, list[str]] | History | None:
    """The child's next part, or None if it did not get that far (then we read it ourselves)."""
    header = child.pipe.read(_LENGTH.size)
    size = _LENGTH.unpack(header)[0] if len(header) == _LENGTH.size else 0
    data = child.pipe.read(size) if size else b""
    if not size or len(data) != size:
        _reap(child)
        return None
    gc.disable()  # as when reading: many small objects that all live on
    try:
        kind, value = pickle.loads(data)
    finally:
        gc.enable()
    if kind == "error" or isinstance(value, History):  # the child has nothing more to send
        _reap(child)
    if kind == "error":
        raise value
    return value


def _reap(child: _Child) -> None:
    child.pipe.close()
    os.waitpid(child.pid, 0)
