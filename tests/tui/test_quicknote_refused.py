"""A quick note the CLI would refuse stays in the input with what is wrong; Enter again saves it as typed."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from conftest import run
from samverka.tui.widgets import StatusLine
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


def saved_notes(session: Path) -> list[dict]:
    return read_toml(today_file(session)).get("notes", []) if today_file(session).exists() else []


def check(session: Path, keys: list[str]) -> tuple[str, str, list[dict]]:
    """Press `n` and `keys` at 80×24: what the input holds, what the status line says, the notes saved."""
    async def scenario():
        app = session_app(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *keys)
            await settle(app, pilot)
            screen = main_screen(app)
            return screen.query_one("#quick-note", Input).value, screen.query_one(StatusLine).text

    value, status = run(scenario())
    return value, status, saved_notes(session)


def burst(app, text: str) -> None:
    """`text` as one burst of keys, as over a slow link: all queued before the first is handled (Pilot's
    press waits after each key). A carriage return is Enter."""
    for char in text:
        key = "enter" if char == "\r" else _character_to_key(char)
        app._driver.send_message(events.Key(key, char))


def test_an_unknown_owner_keeps_the_line_and_says_so(pinned_demo_path: Path):
    value, status, notes = check(pinned_demo_path, [*"a: Boka lokal @kalle", "enter"])
    assert value == "a: Boka lokal @kalle"
    assert status == "Okänd deltagare @kalle — Enter igen sparar ändå"
    assert notes == []


def test_enter_again_saves_the_line_as_typed_as_a_plain_note(pinned_demo_path: Path):
    value, _, notes = check(pinned_demo_path, [*"a: Boka lokal @kalle #ag", "enter", "enter"])
    assert value == ""
    assert [(n["kind"], n["text"]) for n in notes] == [("note", "a: Boka lokal @kalle #ag")]
    assert "owner" not in notes[0] and "party" not in notes[0]


def test_an_unknown_party_an_invalid_date_and_two_parties_are_each_named(pinned_demo_path: Path):
    for typed, said in [("Vi tar det #vision", "Okänd part #vision"),
                        ("a: Boka lokal @bo 2026-13-45", "Ogiltigt datum '2026-13-45': skriv ÅÅÅÅ-MM-DD"),
                        ("b: Vi kör #ag #st", "Två parter: #ag och #st")]:
        value, status, notes = check(pinned_demo_path, [*typed, "enter"])
        assert (value, notes) == (typed, [])
        assert status.startswith(f"{said} — Enter igen"), status


def test_a_changed_line_is_checked_again_and_a_correct_one_saved_with_its_tags(pinned_demo_path: Path):
    keys = [*"a: Boka lokal @kalle", "enter", *["backspace"] * 5, *"bo 2026-12-15", "enter"]
    value, _, notes = check(pinned_demo_path, keys)
    assert value == ""
    assert [(n["kind"], n["text"], n["owner"], str(n["due"])) for n in notes] == [
        ("action", "Boka lokal", "bo", "2026-12-15")]


def typed_in_a_burst(session: Path, text: str) -> str:
    async def scenario():
        app = session_app(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            burst(app, text)
            await settle(app, pilot)
            return main_screen(app).query_one("#quick-note", Input).value

    return run(scenario())


def test_keys_right_after_an_accepted_enter_start_a_new_note(pinned_demo_path: Path):
    """Burst-safe as before: the input decides at Enter, before the keys queued behind it."""
    assert typed_in_a_burst(pinned_demo_path, "b: Klart #st\rNästa") == "Nästa"
    assert [(n["kind"], n["text"], n["party"]) for n in saved_notes(pinned_demo_path)] == [
        ("decision", "Klart", "st")]


def test_keys_right_after_a_refused_enter_go_on_with_the_kept_line(pinned_demo_path: Path):
    assert typed_in_a_burst(pinned_demo_path, "Om #vision\r och mer\r\rEfter") == "Efter"
    assert [(n["kind"], n["text"]) for n in saved_notes(pinned_demo_path)] == [
        ("note", "Om #vision och mer")]  # refused, changed (refused again), then Enter again: as typed


def test_quitting_with_a_refused_line_saves_it_as_typed(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"a: Ring @kalle", "ctrl+q")
            await pilot.pause()

    run(scenario())
    assert [(n["kind"], n["text"]) for n in saved_notes(pinned_demo_path)] == [("note", "a: Ring @kalle")]


def test_the_message_names_every_problem_and_what_enter_again_does(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"a: Ring @kalle 2026-13-45", "enter")
            return [n.message for n in app._notifications], main_screen(app).query_one(StatusLine).text

    messages, status = run(scenario())
    assert status == "Okänd deltagare @kalle (och 1 till) — Enter igen sparar ändå"
    assert any("Okänd deltagare @kalle." in m and "Ogiltigt datum '2026-13-45'" in m
               and "Enter igen: då sparas den som vanlig anteckning" in m for m in messages), messages
