"""Pasted text is never lost without a word: several lines, more than a field holds, pasted where no text
field has the focus, into a read-only session or behind "Terminalen är för liten"."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from conftest import run
from samverka.sessions.model import MAX_NOTE_LENGTH
from samverka.tui.dialogs import MeetingScreen
from samverka.tui.dialogs.participant import ParticipantScreen
from samverka.tui.screens.typing import BURST_GAP
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


def listen(app: App) -> list[str]:
    """Every notice the app shows from now on."""
    notices: list[str] = []
    shown = app.notify

    def notify(message: str, **kwargs) -> None:
        notices.append(message)
        shown(message, **kwargs)

    app.notify = notify
    return notices


async def paste(pilot, text: str) -> None:
    """What a terminal's bracketed paste gives the app: one Paste event, which the app hands to the focused
    widget (or the screen)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def test_several_lines_pasted_into_the_quick_note_become_one_note_to_edit_before_enter(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            notices = listen(app)
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Förslag: ")
            await paste(pilot, "Lön\r\n\r\n  Arbetstid\t(heltid) \nSemester\n")
            assert note.value == "Förslag: Lön / Arbetstid (heltid) / Semester"
            assert screen.focused is note and note.cursor_position == len(note.value)
            assert screen.opened.today() is None  # shown to edit, not saved yet
            assert any("3 inklistrade rader blev en rad" in n for n in notices), notices
            await pilot.press(*" m.m.", "enter")
            await settle(app, pilot)

    run(scenario())
    notes = read_toml(today_file(pinned_demo_path))["notes"]
    assert [n["text"] for n in notes] == ["Förslag: Lön / Arbetstid (heltid) / Semester m.m."]


def test_a_paste_over_the_limit_keeps_what_fits_and_says_how_much_was_cut(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            notices = listen(app)
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Bilaga: ")  # 8 characters
            await paste(pilot, "x" * (MAX_NOTE_LENGTH - 100) + "\n" + "y" * 200)
            assert note.value == "Bilaga: " + "x" * (MAX_NOTE_LENGTH - 100) + " / " + "y" * 89
            assert len(note.value) == MAX_NOTE_LENGTH
            assert any("111 tecken fick inte plats" in n and "20\u00a0000" in n for n in notices), notices
            notices.clear()
            await paste(pilot, "mer")  # the field is full: refused, with a word
            assert len(note.value) == MAX_NOTE_LENGTH
            assert any("inget klistrades in" in n for n in notices), notices
            await pilot.press("enter")
            await settle(app, pilot)

    run(scenario())
    notes = read_toml(today_file(pinned_demo_path))["notes"]
    assert len(notes) == 1 and len(notes[0]["text"]) == MAX_NOTE_LENGTH


def test_a_paste_where_no_text_field_has_the_focus_goes_into_the_quick_note(pinned_demo_path: Path):
    before = read_toml(pinned_demo_path / "session.toml")

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            assert screen.focused is screen.query_one("#card")
            await paste(pilot, "r j x\nt 4")  # text, never keys: nothing acts
            note = screen.query_one("#quick-note", Input)
            assert screen.focused is note and note.value == "r j x / t 4"
            assert app.screen is screen and screen.current == "1.1" and screen.opened.today() is None
            await settle(app, pilot)

    run(scenario())
    assert read_toml(pinned_demo_path / "session.toml") == before
    assert not today_file(pinned_demo_path).exists()


def test_a_paste_into_an_answer_field_keeps_every_line_and_is_pasted_once(pinned_demo_path: Path):
    """The svarsmall/dialogduk fields keep line breaks and have no length limit: a long multi-line paste is
    kept whole (a guard: the paste must not also land in the quick note now that the screen takes pastes)."""
    lines = [f"Rad {i}: " + "ö" * 300 for i in range(100)]  # 30,000+ characters

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            area = screen.query("TextArea").first(TextArea)
            area.focus()
            area.select_all()  # the paste replaces the demo's answer
            await pilot.pause()
            await paste(pilot, "\r\n".join(lines))
            assert area.text == "\n".join(lines)
            assert screen.query_one("#quick-note", Input).value == ""
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            return area.kind, area.field_id

    kind, field_id = run(scenario())
    state = read_toml(pinned_demo_path / "session.toml")["questions"]["1.1"]
    assert state["answers" if kind == "answer" else "canvas"][field_id] == "\n".join(lines)


def test_a_paste_into_a_dialog_field_keeps_every_line_or_says_why_not(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            notices = listen(app)
            await pilot.press("d")
            assert isinstance(app.screen, ParticipantScreen)
            await paste(pilot, "Anna\nAndersson\n")
            assert app.screen.query_one("#person-name", Input).value == "Anna / Andersson"
            assert any("2 inklistrade rader" in n for n in notices), notices
            await pilot.press("escape")
            await pilot.pause(BURST_GAP)  # `d` and `m` are two deliberate commands, not a typed word
            await pilot.press("m")
            assert isinstance(app.screen, MeetingScreen)
            start = app.screen.query_one("#start", Input)
            start.focus()
            await pilot.pause()
            value = start.value
            notices.clear()
            await paste(pilot, "kl. tio")  # letters do not fit a time field: refused, with a word
            assert start.value == value
            assert any("passar inte i fältet" in n for n in notices), notices

    run(scenario())


def test_a_paste_into_a_read_only_session_says_so(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            notices = listen(app)
            await paste(pilot, "Klistrat")
            assert any("Skrivskyddad" in n for n in notices), notices
            main_screen(app).query("TextArea").first().focus()
            await pilot.pause()
            notices.clear()
            await paste(pilot, "Klistrat")
            assert any("Skrivskyddad" in n for n in notices), notices

    run(scenario())


def test_a_paste_behind_too_small_is_refused_with_a_word_and_the_focus_comes_back(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 30)) as pilot:
            notices = listen(app)
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Halv")
            await pilot.resize_terminal(79, 24)
            await pilot.pause()
            await paste(pilot, "r\nj")
            assert any("för liten: inget klistrades in" in n for n in notices), notices
            assert note.value == "Halv" and screen.current == "1.1"
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert screen.focused is note

    run(scenario())
