"""A real terminal resized under a half-typed note, and a real bracketed paste: nothing typed acts as a
command, nothing pasted is lost."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import pytest

from conftest import files, meeting_files, wall_days
from pty_app import _ANSI, PtyApp
from samverka.sessions.model import MAX_NOTE_LENGTH

CTRL_P = "\x10"
CTRL_Q = "\x11"


def wait_for_new(app: PtyApp, needle: str, since: int, timeout: float = 15.0) -> None:
    """Wait until `needle` is drawn again after byte `since` of the output (a redraw, not the old screen)."""
    end = time.monotonic() + timeout
    while needle not in _text_since(app, since):
        if time.monotonic() > end:
            raise AssertionError(f"{needle!r} never drawn again; output ends {_text_since(app, since)[-500:]!r}")
        time.sleep(0.05)


def _text_since(app: PtyApp, since: int) -> str:
    return _ANSI.sub("", bytes(app.raw[since:]).decode("utf-8", "replace"))


def quit_and_read(app: PtyApp, session: Path, days: list) -> dict:
    app.type(CTRL_Q)
    assert app.wait_exit(10) == 0
    return tomllib.loads(meeting_files(session, days)[-1].read_text(encoding="utf-8"))


@pytest.mark.parametrize("start", [(120, 40), (100, 30), (80, 24)])
def test_a_half_note_survives_a_resize_below_80x24_and_back(demo_path: Path, data_dir: Path, start):
    """Shrink to 79×24 under a half-typed note (crossing the narrow layout's 110 columns on the way), type
    letters that are commands, grow back to 80×24, finish the note: the note is whole and nothing else changed."""
    before = files(demo_path)
    with wall_days() as days:
        app = PtyApp(["open", "demo"], data_dir, size=start)
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            app.type("n")
            app.type("Halvskriv")
            time.sleep(0.3)
            app.resize(79, 24)
            app.wait_for("Terminalen är för liten (79×24)")
            app.type("rjxt")
            time.sleep(0.3)
            mark = len(app.raw)
            app.resize(80, 24)
            wait_for_new(app, "Anteckning ›", mark)
            time.sleep(0.3)
            app.type("en rad\r")
            time.sleep(0.5)
            meeting = quit_and_read(app, demo_path, days)
        finally:
            app.close()
    assert [note["text"] for note in meeting["notes"]] == ["Halvskriven rad"]
    assert meeting["notes"][0]["question"] == "1.1"  # `j` did not move to the next question
    assert all(set(item) <= {"seconds"} for item in meeting.get("items", {}).values())  # `t` set no type
    after = files(demo_path)
    new = {name for name in after if name not in before}
    assert new == {f"meetings/{days[-1].isoformat()}.toml"}  # today's meeting, nothing else (no recovery file)
    assert {name: after[name] for name in before} == before  # `r` marked nothing, nothing else rewritten


def test_the_narrow_navigation_closed_over_a_half_note_gives_the_focus_back(demo_path: Path, data_dir: Path):
    """At 100×30 the navigation covers the card: opened from the palette over a half-typed note, the terminal
    widened and narrowed again meanwhile, closed with `v` — the rest of the note goes into the note."""
    before = files(demo_path)
    with wall_days() as days:
        app = PtyApp(["open", "demo"], data_dir, size=(100, 30))
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            app.type("n")
            app.type("Halvskriv")
            app.type(CTRL_P)
            app.wait_for("Sök")
            app.type("fasnavigeringen")
            time.sleep(0.5)
            app.type("\r")
            time.sleep(0.5)
            for width, height in ((120, 40), (100, 30)):
                mark = len(app.raw)
                app.resize(width, height)
                wait_for_new(app, "^p palett", mark)
                time.sleep(0.3)
            app.type("v")
            time.sleep(0.3)
            app.type("en rad\r")
            time.sleep(0.5)
            meeting = quit_and_read(app, demo_path, days)
        finally:
            app.close()
    assert [note["text"] for note in meeting["notes"]] == ["Halvskriven rad"]
    after = files(demo_path)
    assert {name: after[name] for name in before} == before


def test_a_real_bracketed_paste_keeps_every_line_and_says_what_did_not_fit(demo_path: Path, data_dir: Path):
    """The terminal's own paste (ESC[200~ … ESC[201~, CR line ends, one burst of bytes): several lines become
    one note; a paste over 20,000 characters keeps what fits and the screen says how much was cut."""
    long_paste = "\r".join(["ö" * 99] * 250)  # 250 lines, 24,999 characters
    with wall_days() as days:
        app = PtyApp(["open", "demo"], data_dir, size=(120, 40))
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            app.type("n")
            os.write(app.fd, b"\x1b[200~L\xc3\xb6n\r\nArbetstid\r\n\r\nSemester\r\n\x1b[201~")
            app.wait_for("3 inklistrade rader blev en rad")
            app.type("\r")
            time.sleep(0.5)
            data = b"\x1b[200~" + long_paste.encode() + b"\x1b[201~"
            for start in range(0, len(data), 4096):
                os.write(app.fd, data[start:start + 4096])
            app.wait_for("tecken fick inte plats", timeout=30)
            app.type("\r")
            time.sleep(0.5)
            meeting = quit_and_read(app, demo_path, days)
        finally:
            app.close()
    texts = [note["text"] for note in meeting["notes"]]
    assert texts[0] == "Lön / Arbetstid / Semester"
    assert len(texts) == 2 and len(texts[1]) == MAX_NOTE_LENGTH
    assert texts[1] == " / ".join(["ö" * 99] * 250)[:MAX_NOTE_LENGTH]
