"""The one place that writes files: atomic replace (temp + fsync + rename), modes kept, no symlink following."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from samverka.errors import UserError

TEMP_MARK = ".samverka-tmp-"


def temp_name(path: Path) -> Path:
    """A fresh temp name beside `path`, recognisable as ours so stale ones can be cleaned up."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader sees the old file or the new one, never half of one.

    The temp file is created exclusively and without following symlinks, in the same
    directory (so rename is atomic); an existing file's mode is kept, a new file gets
    the user's umask.
    """
    data = text.encode("utf-8")
    try:
        mode = stat.S_IMODE(os.stat(path, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise UserError(f"kunde inte läsa filens rättigheter: {err.strerror}", path) from err
    tmp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except OSError as err:
        raise UserError(f"kunde inte spara: {err.strerror}", path) from err
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        _discard(tmp)
        raise UserError(f"kunde inte spara: {err.strerror}", path) from err
    _sync_dir(path.parent)


def make_dir(path: Path) -> None:
    """Create a directory (and parents) with the user's umask; an existing one is fine."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"kunde inte skapa katalogen: {err.strerror}", path) from err
    if path.is_symlink() or not path.is_dir():
        raise UserError("är inte en katalog", path)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _sync_dir(directory: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
