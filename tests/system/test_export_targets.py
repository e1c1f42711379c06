"""`export -o` and `rollup -o` write a new file or replace an ordinary one, never a session's or a pack's file,
a device, a FIFO, a directory or anything reached through /dev or /proc (PRODUCT.md §5), however the name
gets there: relative, `..`, symlinks, hard links, /proc/self/fd; exit 1, one line, the target untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, Result, assert_user_error, files

SESSION_REFUSED = "är en fil i en session"


@dataclass
class Case:
    """Where `-o` points (made in `tmp`, beside the demo session `demo`), and what the refusal says."""

    make: Callable[[Path, Path, int], str]  # (tmp, the demo session, a descriptor the command holds)
    says: str


def _link(tmp: Path, name: str, to: Path | str) -> str:
    (tmp / name).symlink_to(to)
    return str(tmp / name)


def _hard(tmp: Path, name: str, to: Path) -> str:
    os.link(to, tmp / name)
    return str(tmp / name)


def _meeting(demo: Path) -> Path:
    return sorted((demo / "meetings").glob("*.toml"))[0]


def _alias(tmp: Path, demo: Path, fd: int) -> str:
    (tmp / "alias").symlink_to(demo, target_is_directory=True)
    return str(tmp / "alias" / "meetings" / _meeting(demo).name)


def _fifo(tmp: Path, demo: Path, fd: int) -> str:
    os.mkfifo(tmp / "fifo")
    return str(tmp / "fifo")


def _toml(tmp: Path, demo: Path, fd: int) -> str:
    (tmp / "plan.toml").write_text('title = "Uppföljning"\n', encoding="utf-8")
    return str(tmp / "plan.toml")


CASES = {
    "session.toml": Case(lambda tmp, demo, fd: str(demo / "session.toml"), SESSION_REFUSED),
    "a meeting file": Case(lambda tmp, demo, fd: str(_meeting(demo)), SESSION_REFUSED),
    "relative ..": Case(lambda tmp, demo, fd: os.path.relpath(demo / "session.toml"), SESSION_REFUSED),
    "meetings/..": Case(lambda tmp, demo, fd: str(demo / "meetings" / ".." / "session.toml"), SESSION_REFUSED),
    "a symlinked session dir": Case(_alias, SESSION_REFUSED),
    "a symlink to session.toml": Case(lambda tmp, demo, fd: _link(tmp, "link.md", demo / "session.toml"),
                                      SESSION_REFUSED),
    "a hard link to session.toml": Case(lambda tmp, demo, fd: _hard(tmp, "hard.md", demo / "session.toml"),
                                        "hårda länkar"),
    "a hard link to a meeting": Case(lambda tmp, demo, fd: _hard(tmp, "m.md", _meeting(demo)), "hårda länkar"),
    "the lock file": Case(lambda tmp, demo, fd: str(demo / ".samverka.lock"), SESSION_REFUSED),
    "/dev/null": Case(lambda tmp, demo, fd: "/dev/null", "ingen vanlig fil"),
    "a FIFO": Case(_fifo, "ingen vanlig fil"),
    "a directory": Case(lambda tmp, demo, fd: str(tmp), "är en katalog"),
    "/proc/self/fd/N": Case(lambda tmp, demo, fd: f"/proc/self/fd/{fd}", "leder till /proc"),
    "/dev/fd/N": Case(lambda tmp, demo, fd: f"/dev/fd/{fd}", "leder till /proc"),
    "a symlink to /proc/self/fd/N": Case(lambda tmp, demo, fd: _link(tmp, "fd.md", f"/proc/self/fd/{fd}"),
                                         "leder till /proc"),
    "an existing TOML file": Case(_toml, "TOML-fil"),
}


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """An ordinary file and a descriptor on it, which `_run` hands to samverka under the same number (and as
    its stdout): so /proc/self/fd/N there leads to an ordinary file, the case a plain check lets through."""
    path = tmp_path / "held.txt"
    path.write_text("the file behind the descriptor\n", encoding="utf-8")
    fd = os.open(path, os.O_RDWR)
    yield path, fd
    os.close(fd)


def _run(args: list[str], data_dir: Path, fd: int) -> Result:
    """samverka as a script uses it, holding `fd` (under the same number) and with it as stdout."""
    env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "samverka", *args], stdout=fd, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, text=True, env=env, timeout=30, pass_fds=(fd,))
    return Result(done.returncode, "", done.stderr)


def _state(path: Path) -> tuple:
    """What a path is on disk, not following a last symlink: kind, inode, bytes (or link target)."""
    info = os.lstat(path)
    content = os.readlink(path) if os.path.islink(path) else path.read_bytes() if path.is_file() else None
    return (info.st_mode, info.st_ino, info.st_nlink, content)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_export_o_never_replaces_what_is_not_an_ordinary_file_of_its_own(
        case: Case, demo_path: Path, data_dir: Path, tmp_path: Path, held: tuple[Path, int],
        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    demo_path.joinpath(".samverka.lock").touch()
    held_path, fd = held
    target = case.make(tmp_path, demo_path, fd)
    before_session, before_target, before_held = files(demo_path), _state(Path(target)), held_path.read_bytes()

    result = _run(["export", "demo", "--minutes", "-o", target], data_dir, fd)

    assert_user_error(result, case.says)
    assert files(demo_path) == before_session
    assert _state(Path(target)) == before_target
    assert held_path.read_bytes() == before_held


def test_export_o_refuses_session_files_while_another_process_holds_the_session(
        demo_path: Path, data_dir: Path, tmp_path: Path, held: tuple[Path, int]):
    code = ("import sys, time, pathlib; from samverka.sessions.opened import open_session; "
            f"o = open_session(pathlib.Path({str(demo_path)!r}), None); print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = files(demo_path)
        link = _hard(tmp_path, "hard.md", demo_path / "session.toml")
        for target in (str(demo_path / "session.toml"), str(_meeting(demo_path)), link):
            assert_user_error(_run(["export", "demo", "--minutes", "-o", target], data_dir, held[1]))
        assert files(demo_path) == before
        assert os.stat(link).st_ino == os.stat(demo_path / "session.toml").st_ino
    finally:
        holder.kill()
        holder.wait()


def test_rollup_o_never_replaces_a_visits_file_through_a_link(data_dir: Path, tmp_path: Path,
                                                              held: tuple[Path, int]):
    from conftest import NOW
    from samverka.sessions.demo_rollup import ensure_rollup_demo

    visits = ensure_rollup_demo(data_dir / "sessions", None, when=NOW)
    visit = visits[0]
    before = files(visit)
    for target in (_hard(tmp_path, "rollup.md", visit / "session.toml"),
                   _link(tmp_path, "fd.md", f"/proc/self/fd/{held[1]}"),
                   str(visit / "meetings" / ".." / "session.toml")):
        state = _state(Path(target))
        assert_user_error(_run(["rollup", "-o", target], data_dir, held[1]))
        assert _state(Path(target)) == state
    assert files(visit) == before


def test_export_o_still_writes_a_new_file_and_replaces_an_ordinary_one(demo_path: Path, data_dir: Path,
                                                                      tmp_path: Path, held: tuple[Path, int]):
    target = tmp_path / "protokoll.md"
    assert _run(["export", "demo", "--minutes", "-o", str(target)], data_dir, held[1]).code == 0
    first = target.read_text(encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    assert _run(["export", "demo", "--minutes", "-o", str(target)], data_dir, held[1]).code == 0
    assert target.read_text(encoding="utf-8") == first
