"""Words typed where no text field has the focus go into the quick note, never run as a string of commands; a
single deliberate key, and the keys a facilitator repeats fast on purpose, still act at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import run
from samverka.tui.screens.typing import BURST_GAP, DIVERTED, KeyRun
from samverka.tui.widgets import PhaseNav, StatusLine
from tui_helpers import main_screen, read_toml, session_app, settle, today_file

SENTENCE = "Samverkan ska bidra till god arbetsmiljö"


@pytest.mark.parametrize(("keys", "typing"), [
    ("Sa", [False, True]),  # a word: from the second key on
    ("rapport", [False, True, True, True, True, True, True]),  # a word starting with a command
    ("jjj", [False, False, False]),  # leafing
    ("jkj", [False, False, False]),
    ("++", [False, False]),
    ("-2", [False, False]),
    ("tt", [False, False]),  # cycling a type twice
    ("a3", [False, True]),  # a digit after a letter is text
    ("j a", [False, True, True]),
    ("jja", [False, False, True]),
    ("Ett ord", [False, True, True, True, True, True, True]),  # once a word, even a double letter is text
    ("jjn", [False, False, False]),  # to the note after leafing
    ("vn", [False, False]),
    ("Sanna", [False, True, True, True, True]),  # but inside a word `n` is a letter
])
def test_the_rule_for_fast_keys(keys: str, typing: list[bool]):
    run_ = KeyRun()
    assert [run_.typed(char, i * 0.05) for i, char in enumerate(keys)] == typing


def test_keys_with_pauses_are_each_deliberate():
    run_ = KeyRun()
    assert [run_.typed(char, i * (BURST_GAP + 0.01)) for i, char in enumerate("Samverkan")] == [False] * 9


def test_a_sentence_typed_on_the_card_goes_into_the_quick_note_and_esc_takes_it_away(pinned_demo_path: Path):
    before = read_toml(pinned_demo_path / "session.toml")

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press(*SENTENCE)
            await pilot.pause()
            assert note.value == SENTENCE  # the whole sentence, its first letter too
            assert screen.focused is note
            assert screen.current == "1.1" and not screen.nav_open
            assert screen.query_one(StatusLine).where == DIVERTED
            await pilot.press("escape")
            await pilot.pause()
            assert note.value == "" and screen.focused is screen.query_one("#card")
            assert screen.query_one(StatusLine).where.startswith("Kommandon")
            await pilot.pause(BURST_GAP + 0.05)
            await pilot.press("j")  # afterwards a single key acts again
            assert screen.current == "1.2"
            await settle(app, pilot)

    run(scenario())
    assert read_toml(pinned_demo_path / "session.toml") == before  # nothing marked, moved or set
    assert not today_file(pinned_demo_path).exists()  # no note, no meeting


def test_a_diverted_word_is_saved_only_on_enter_and_after_what_was_half_typed(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Halv ", "escape")
            await pilot.pause(BURST_GAP + 0.05)
            await pilot.press(*"fidus")  # `i`, `d` (a dialog), `u` and `s` (a dialog) would act as single keys
            await pilot.pause()
            assert screen.focused is note and note.value == "Halv fidus"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen

    run(scenario())
    assert [n["text"] for n in read_toml(today_file(pinned_demo_path))["notes"]] == ["Halv fidus"]


def test_a_word_that_starts_with_a_command_runs_that_one_key_and_says_so(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press(*"rapport")
            await settle(app, pilot)
            assert screen.query_one("#quick-note", Input).value == "rapport"
            assert screen.session.state("1.1").revisit  # `r` acted before the word was a word
            assert any("r köras som kommando" in n.message for n in app._notifications)
            assert screen.current == "1.1"  # `p`, `o`, `r`, `t` did not

    run(scenario())


def test_single_keys_and_repeated_stepping_keys_act_at_once(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press("j", "j", "j", "k")  # leafing fast
            assert screen.current == "1.3"
            await pilot.press("minus", "minus")
            assert screen.session.readiness("1.3") == max(0, read_readiness - 2)
            await pilot.pause(BURST_GAP + 0.05)
            await pilot.press("r")
            await pilot.pause(BURST_GAP + 0.05)
            await pilot.press("j")
            assert screen.session.state("1.3").revisit and screen.current == "1.4"
            assert screen.query_one("#quick-note", Input).value == ""
            await settle(app, pilot)

    from samverka.sessions.opened import open_session

    read_readiness = open_session(pinned_demo_path, None, read_only=True).session.readiness("1.3")
    run(scenario())


def test_a_word_typed_in_the_phase_navigation_goes_into_the_note(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            screen.query_one(PhaseNav).focus()
            await pilot.pause()
            await pilot.press(*"Ok, vi tar det")
            await pilot.pause()
            assert screen.query_one("#quick-note", Input).value == "Ok, vi tar det"
            assert screen.current == "1.1"

    run(scenario())


def test_read_only_a_word_runs_no_command(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press(*"Samverkan")  # `k` and `n` would act
            await pilot.pause()
            assert screen.current == "1.1"
            assert screen.focused is screen.query_one("#card")

    run(scenario())
