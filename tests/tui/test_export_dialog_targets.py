"""The export dialog's file name follows the rule of `export -o` (PRODUCT.md §5): whatever the name leads
to in the session directory — a hard link to session.toml, a link into /proc or to a meeting, a device, a
FIFO — it is refused in the dialog, and nothing on disk changes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import run
from tui_helpers import session_app


def _meeting(demo: Path) -> Path:
    return sorted((demo / "meetings").glob("*.toml"))[0]


def _hard(demo: Path, fd: int) -> str:
    os.link(demo / "session.toml", demo / "protokoll.md")
    return "protokoll.md"


def _link(name: str, to: Callable[[Path, int], Path | str]) -> Callable[[Path, int], str]:
    def make(demo: Path, fd: int) -> str:
        (demo / name).symlink_to(to(demo, fd))
        return name

    return make


def _fifo(demo: Path, fd: int) -> str:
    os.mkfifo(demo / "fifo.md")
    return "fifo.md"


CASES: dict[str, tuple[Callable[[Path, int], str], str]] = {
    "a hard link to session.toml": (_hard, "hårda länkar"),
    "a symlink into /proc/self/fd": (_link("fd.md", lambda demo, fd: f"/proc/self/fd/{fd}"), "leder till /proc"),
    "a symlink to a meeting file": (_link("m.md", lambda demo, fd: _meeting(demo)), "är en fil i en session"),
    "a symlink to /dev/null": (_link("null.md", lambda demo, fd: "/dev/null"), "ingen vanlig fil"),
    "a FIFO": (_fifo, "ingen vanlig fil"),
    "a path out of the session": (lambda demo, fd: "../../utanfor.md", "utan /"),
    "a path into meetings/": (lambda demo, fd: "meetings/x.md", "utan /"),
}


def _tree(root: Path) -> dict[str, tuple]:
    """Every name under `root` with what it is (not following links): kind, inode, link target or bytes."""
    seen = {}
    for path in sorted(root.rglob("*")):
        info = os.lstat(path)
        content = os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else None
        seen[str(path.relative_to(root))] = (info.st_mode, info.st_ino, content)
    return seen


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_export_dialog_refuses_what_is_no_ordinary_file_of_its_own(
        case: tuple[Callable[[Path, int], str], str], pinned_demo_path: Path, tmp_path: Path):
    make, says = case
    held = tmp_path / "held.txt"
    held.write_text("the file behind the descriptor\n", encoding="utf-8")
    fd = os.open(held, os.O_RDWR)
    try:
        name = make(pinned_demo_path, fd)
        before = _tree(tmp_path)  # the session's files among them

        async def scenario() -> str:
            app = session_app(pinned_demo_path)  # the app holds the session meanwhile
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("e")
                app.screen.query_one("#export-file", Input).value = name
                await pilot.press("ctrl+s")
                await pilot.pause()
                return str(app.screen.query_one("#export-result").render())

        result = run(scenario())
    finally:
        os.close(fd)
    assert "Kunde inte skriva" in result and says in result, result
    after = _tree(tmp_path)
    after.pop(str((pinned_demo_path / ".samverka.lock").relative_to(tmp_path)), None)
    before.pop(str((pinned_demo_path / ".samverka.lock").relative_to(tmp_path)), None)
    assert after == before
