"""A terminal set to Latin-1 (PuTTY, macOS Terminal) sends bytes that are not UTF-8: they become U+FFFD in
what was typed, and the app goes on; no traceback, nothing lost."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

from conftest import meeting_files, wall_days
from pty_app import PtyApp

CTRL_Q = b"\x11"


def test_latin1_letters_in_a_note_become_replacement_characters_and_the_note_is_saved(demo_path: Path,
                                                                                      data_dir: Path):
    with wall_days() as days:
        app = PtyApp(["open", "demo"], data_dir, size=(80, 24))
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            app.type("n")
            time.sleep(0.3)
            app.type(b"Hej \xe5\xe4 ok\r")  # "Hej åä ok" from a Latin-1 terminal
            app.wait_for("Hej \ufffd\ufffd ok")
            time.sleep(0.3)
            app.type(CTRL_Q)
            code = app.wait_exit(10)
        finally:
            app.close()
    assert code == 0, app.text[-2000:]
    assert "Traceback" not in app.text and "UnicodeDecodeError" not in app.text
    notes = tomllib.loads(meeting_files(demo_path, days)[-1].read_text(encoding="utf-8"))["notes"]
    assert notes[-1]["text"] == "Hej \ufffd\ufffd ok"
