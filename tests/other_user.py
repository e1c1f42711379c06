"""A second Unix user, for sessions shared between users: made once per test run (CI runs as root on a
fresh machine, where `useradd` works), skipped with the reason where it cannot be made.

Code runs as that user in a forked child, without exec: the interpreter may live where that user cannot
read (under /root), so what the child needs is imported here, before the fork.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import pwd
import shutil
import struct
import subprocess
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from samverka.sessions import opened, quicknote, recovery, workflow
from samverka.tui.widgets import banner

PRELOADED = (tomlkit, opened, quicknote, workflow, banner)  # imported lazily by the code the child runs

NAME = "samverka-t2"
_LENGTH = struct.Struct("<Q")


@dataclass(frozen=True)
class OtherUser:
    name: str
    uid: int
    gid: int
    home: Path  # its own directory (mode 0700): HOME and so ~/.local/state

    def start(self, steps: Callable[..., Any], *args: Any) -> Running:
        """Run `steps(say, *args)` as this user in a child process. `say(value)` hands `value` to the test
        (`Running.next`) and waits until the test says go on (`Running.go`); the return value is said last."""
        to_test_r, to_test_w = os.pipe()
        to_child_r, to_child_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: become the other user, run, and leave without running pytest's exit
            status = 1
            try:
                os.close(to_test_r)
                os.close(to_child_w)
                _close_inherited(keep=(to_test_w, to_child_r))  # e.g. a session lock the test holds
                os.setgroups([])
                os.setgid(self.gid)
                os.setuid(self.uid)
                os.chdir("/")
                os.environ.update(HOME=str(self.home), USER=self.name, LOGNAME=self.name)
                os.environ.pop("XDG_STATE_HOME", None)
                importlib.reload(recovery)  # what depends on the user at import, as in a process of this user

                def say(value: Any) -> None:
                    _send(to_test_w, ("value", value))
                    os.read(to_child_r, 1)

                try:
                    _send(to_test_w, ("value", steps(say, *args)))
                except BaseException as err:
                    _send(to_test_w, ("error", "".join(traceback.format_exception(err))))
                os.read(to_child_r, 1)  # hold what it has open until the test lets go
                status = 0
            finally:
                os._exit(status)
        os.close(to_test_w)
        os.close(to_child_r)
        return Running(pid, to_test_r, to_child_w)

    def run(self, steps: Callable[..., Any], *args: Any) -> Any:
        """`steps(say, *args)` as this user, to the end; its return value."""
        running = self.start(steps, *args)
        try:
            return running.next()
        finally:
            running.finish()


class Running:
    """A child running as the other user, one step at a time."""

    def __init__(self, pid: int, reader: int, writer: int) -> None:
        self.pid, self._reader, self._writer = pid, reader, writer

    def next(self) -> Any:
        header = _read_exactly(self._reader, _LENGTH.size)
        kind, value = pickle.loads(_read_exactly(self._reader, _LENGTH.unpack(header)[0]))
        if kind == "error":
            raise AssertionError(f"as the other user:\n{value}")
        return value

    def go(self) -> Any:
        """Let the child go on to its next step, and return what it says then."""
        os.write(self._writer, b"g")
        return self.next()

    def finish(self) -> None:
        """Let the child end (closing what it holds open) and wait for it."""
        for fd in (self._writer, self._reader):
            with contextlib.suppress(OSError):
                os.close(fd)
        os.waitpid(self.pid, 0)


def _close_inherited(keep: tuple[int, ...]) -> None:
    """Close every descriptor the fork copied but stdio and `keep`: an flock goes with its last copy."""
    top = os.sysconf("SC_OPEN_MAX")
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, top)


def _send(fd: int, message: tuple) -> None:
    data = pickle.dumps(message)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            raise AssertionError("the other user's process ended without answering")
        data += chunk
    return data


@pytest.fixture(scope="session", name="other_user")
def other_user_fixture() -> Iterator[OtherUser]:
    if os.geteuid() != 0:
        pytest.skip("a second user needs root to be made (CI runs as root)")
    if shutil.which("useradd") is None:
        pytest.skip("useradd is not available to make a second user")
    made = False
    try:
        pwd.getpwnam(NAME)
    except KeyError:
        done = subprocess.run(["useradd", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", NAME],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"useradd could not make a second user: {done.stderr.strip()}")
        made = True
    entry = pwd.getpwnam(NAME)
    home = Path(tempfile.mkdtemp(prefix="samverka-t2-home-"))
    os.chown(home, entry.pw_uid, entry.pw_gid)
    try:
        yield OtherUser(NAME, entry.pw_uid, entry.pw_gid, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if made:
            subprocess.run(["userdel", NAME], capture_output=True)


@pytest.fixture(name="shared_base")
def shared_base_fixture() -> Iterator[Path]:
    """A directory both users can reach (pytest's own tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="samverka-shared-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def set_modes(top: Path, directories: int, files: int) -> None:
    """Every directory and file under `top` (and `top`) to the given modes, whatever the umask."""
    top.chmod(directories)
    for path in top.rglob("*"):
        path.chmod(directories if path.is_dir() else files)
