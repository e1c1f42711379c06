"""The one place that writes files: atomic replace (temp + fsync + rename), modes kept, no symlink
following; the session lock and the clean-up of our own stale temp files live here too."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import os
import re
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from samverka.errors import UserError, reason

TEMP_MARK = ".samverka-tmp-"


def temp_name(path: Path) -> Path:
    """A fresh temp name beside `path`, recognisable as ours so stale ones can be cleaned up."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def write_atomic(path: Path, text: str, *, private: bool = False) -> None:
    """Replace `path` with `text` so a reader sees the old file or the new one, never half of one.

    The temp file is created exclusively and without following symlinks, in the same
    directory (so rename is atomic); an existing file's mode is kept, a new file gets
    the user's umask, or 0600 when `private`.
    """
    data = text.encode("utf-8")
    try:
        info = os.stat(path, follow_symlinks=False)
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None  # a symlink's 0777 is no mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise UserError(f"kunde inte läsa filens rättigheter: {reason(err)}", path) from err
    if private:
        mode = 0o600
    tmp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError as err:
        if not os.path.isdir(path.parent):  # moved or deleted while open: say so, never recreate it
            raise UserError("kunde inte spara: katalogen finns inte längre (flyttad eller borttagen?)", path) from err
        raise UserError(f"kunde inte spara: {reason(err)}", path) from err
    except OSError as err:
        raise UserError(f"kunde inte spara: {reason(err)}", path) from err
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
        raise UserError(f"kunde inte spara: {reason(err)}", path) from err
    _sync_dir(path.parent)


def move_aside(path: Path, new_name: str) -> None:
    """Rename `path` within its directory (keeping a file we will not use, so nothing is lost)."""
    try:
        os.replace(path, path.with_name(new_name))
    except OSError as err:
        raise UserError(f"kunde inte byta namn: {reason(err)}", path) from err


def remove(path: Path) -> None:
    """Delete `path` if it is there."""
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        raise UserError(f"kunde inte ta bort: {reason(err)}", path) from err


def make_dir(path: Path, *, parents: bool = True) -> None:
    """Create a directory (and parents) with the user's umask; an existing one is fine.

    Without `parents` only the last part is made: a file's directory inside a session must not bring
    back a session directory that was moved away while it was open.
    """
    try:
        path.mkdir(parents=parents, exist_ok=True)
    except FileNotFoundError as err:
        raise UserError("kunde inte skapa katalogen: katalogen den ska ligga i finns inte längre", path) from err
    except OSError as err:
        raise UserError(f"kunde inte skapa katalogen: {reason(err)}", path) from err
    if not path.is_dir():  # a symlink to a directory is fine: admins move data to bigger disks that way
        raise UserError("är inte en katalog", path)


def private_dir(path: Path) -> Path:
    """A directory of this user's own (mode 0700), created if need be; refused if it is a symlink or
    belongs to someone else, since what goes there is private and must not be planted or read."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise UserError("är ingen katalog som ägs av dig", path)
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o700)
    except OSError as err:
        raise UserError(f"kunde inte skapa katalogen: {reason(err)}", path) from err
    return path


def writable(directory: Path, files: tuple[Path, ...] = ()) -> bool:
    """Can this user save in `directory` and write each of `files` that exists (a directory among
    them: create files in it)? A read-only file system counts as no, even for root."""
    for path in (directory, *files):
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError:
            if path == directory:
                return False
            continue  # not there yet: creating it needs only the directory
        if not os.access(path, os.W_OK | os.X_OK if is_dir else os.W_OK):
            return False
    return True


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


_TEMP = re.compile(r"^\..+" + re.escape(TEMP_MARK) + r"(\d+)-[0-9a-f]+$")


def remove_stale_temps(directory: Path) -> list[Path]:
    """Remove temp files our own earlier, crashed runs left in `directory`; call only while holding the lock.

    Only files with our temp pattern, owned by this user and not symlinks are touched.
    """
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if not _TEMP.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def foreign(path: Path) -> str | None:
    """Why `path` deserves a warning (a symlink, or owned by another user), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return "är en symbolisk länk"
    if info.st_uid != os.getuid():
        return "ägs av en annan användare"
    return None


@dataclass(frozen=True)
class Holder:
    """Who holds a session's lock, as written in the lock file (shown in the read-only banner)."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self, zone: dt.tzinfo | None = None) -> str:
        """"user@host sedan 2026-11-27 18:30", the time in `zone` (the session's), else as the lock has it."""
        try:
            moment = dt.datetime.fromisoformat(self.since)
        except ValueError:
            return f"{self.user}@{self.host} sedan {self.since}"
        if zone is not None and moment.tzinfo is not None:
            moment = moment.astimezone(zone)
        return f"{self.user}@{self.host} sedan {moment:%Y-%m-%d %H:%M}"


UNKNOWN_HOLDER = Holder("okänd", "okänd", 0, "okänd tid")
LOCK_TRIES = 5  # a look at who holds the lock (`SessionLock.holder`) holds it for microseconds: try again


class SessionLock:
    """One writer per session: an flock on a separate lock file, released by the OS when the process dies."""

    NAME = ".samverka.lock"

    def __init__(self, fd: int, where: tuple[int, int] | None = None) -> None:
        self._fd = fd
        self.where = where  # the session directory's (device, inode): it stays the same when it is renamed

    @classmethod
    def acquire(cls, directory: Path, files: tuple[Path, ...] = ()) -> tuple[SessionLock | None, Holder | None]:
        """The lock, or None and who holds it (None: nobody). A symlink at the lock's name is refused.

        Only a user who can write the session (the directory and `files`) takes it: one who cannot
        would hold it for nothing and put the real writer read-only under the lock file's stale name.
        Such a user only looks who holds it.
        """
        if not writable(directory, files):
            return None, cls.holder(directory)
        path = directory / cls.NAME
        flags = os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        try:
            where = os.stat(directory)
            try:
                fd = os.open(path, os.O_RDWR | flags, 0o666)
            except PermissionError:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        except OSError as err:
            why = "är en symbolisk länk" if os.path.islink(path) else reason(err)
            raise UserError(f"kan inte använda låsfilen: {why}", path) from err
        for attempt in range(LOCK_TRIES):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if attempt + 1 < LOCK_TRIES:
                    time.sleep(0.005)
                    continue
                holder = _read_holder(fd)
                os.close(fd)
                return None, holder or UNKNOWN_HOLDER
        since = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
        text = f"user={getpass.getuser()}\nhost={socket.gethostname()}\npid={os.getpid()}\nsince={since}\n"
        with contextlib.suppress(OSError):  # a read-only lock file still locks; it just names nobody
            os.ftruncate(fd, 0)
            os.pwrite(fd, text.encode(), 0)
        return cls(fd, (where.st_dev, where.st_ino)), None

    @classmethod
    def holder(cls, directory: Path) -> Holder | None:
        """Who holds the session's lock now, without taking it; None if nobody does.

        A shared lock, let go at once, is refused while a writer holds the exclusive one, and never
        names us in the file. No lock file means nobody has ever held it (a writer creates it).
        """
        try:
            fd = os.open(directory / cls.NAME, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read_holder(fd) or UNKNOWN_HOLDER
        finally:
            os.close(fd)
        return None

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def close_inherited(self) -> None:
        """In a forked child: close this process's copy of the descriptor. The lock stays with the
        parent (an flock lock goes with the last open copy, never with an unlock here)."""
        os.close(self._fd)
        self._fd = -1


def _read_holder(fd: int) -> Holder | None:
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
    except OSError:
        return None
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    try:
        holder = Holder(fields["user"], fields["host"], int(fields["pid"]), fields["since"])
    except (KeyError, ValueError):
        return None
    # The file keeps the last writer's name; whoever holds it now may have been unable to write theirs.
    return None if holder.host == socket.gethostname() and not _alive(holder.pid) else holder


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except OSError:
        return False
    return True
