"""A sentence typed at normal speed in a real terminal arrives as one burst of keys: it lands whole in the
svarsmall field the status line names, or — where no field has the focus — in the quick note, unsaved; it
never runs as a string of commands."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

from conftest import files, wall_days
from pty_app import PtyApp
from samverka.phases import find_pack

PACK = find_pack("lokalt-samverkansavtal", None)

CTRL_Q = "\x11"
DOWN = "\x1b[B"
ESC = "\x1b"
SENTENCE = "Samverkan ska bidra till god arbetsmiljö"


def burst(app: PtyApp, text: str) -> None:
    """All of `text` in one write, as a fast typist or a slow SSH link delivers it: one read, many keys."""
    os.write(app.fd, text.encode())


def human(app: PtyApp, *keys: str) -> None:
    for key in keys:
        app.type(key)
        time.sleep(0.5)


def answers(session: Path) -> dict[tuple[str, str], str]:
    data = tomllib.loads((session / "session.toml").read_text(encoding="utf-8"))
    found = {}
    for question_id, state in data.get("questions", {}).items():
        for field_id, text in state.get("answers", {}).items():
            found[(question_id, field_id)] = text
    return found


def test_phase_list_tab_tab_and_a_sentence_put_it_whole_into_the_first_svarsmall_field(demo_path: Path,
                                                                                        data_dir: Path):
    """At 80×24: the phase list (v, ↓ to 1.2), Tab, Tab, then the sentence as a burst."""
    before = answers(demo_path)
    with wall_days():
        app = PtyApp(["open", "demo"], data_dir, size=(80, 24))
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            human(app, "v", DOWN, "\t")
            app.wait_for("Kommandon")  # the list left for the card
            human(app, "\t")
            app.wait_for("Skriver i: Svarsmall › ")
            burst(app, SENTENCE)
            time.sleep(1.5)  # the field's save waits for a pause in typing
            screen = app.text
            app.type(CTRL_Q)
            assert app.wait_exit(10) == 0
        finally:
            app.close()
    assert "Skriver i: Svarsmall › " in screen
    after = answers(demo_path)
    changed = {key for key in after if after[key] != before.get(key)}
    assert len(changed) == 1, changed  # one field, the rest as it was
    (question_id, field_id), = changed
    assert (question_id, field_id) == ("1.2", PACK.questions["1.2"].fields[0].id)  # the first svarsmall field
    assert after[(question_id, field_id)].replace(SENTENCE, "", 1) == before.get((question_id, field_id), "")


def test_a_sentence_typed_on_the_card_goes_into_the_note_unsaved_and_esc_takes_it_away(demo_path: Path,
                                                                                      data_dir: Path):
    before = files(demo_path)
    with wall_days():
        app = PtyApp(["open", "demo"], data_dir, size=(80, 24))
        try:
            app.wait_for("Anteckning ›")
            time.sleep(0.3)
            burst(app, SENTENCE)
            app.wait_for("Det du skrev hamnade i anteckningsfältet")
            app.wait_for(SENTENCE)
            time.sleep(0.3)
            human(app, ESC)
            app.type(CTRL_Q)
            assert app.wait_exit(10) == 0
        finally:
            app.close()
    after = files(demo_path)
    assert after == before  # no revisit, no readiness, no meeting, no note, no recovery file
