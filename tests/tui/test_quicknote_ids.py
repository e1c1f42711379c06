"""`@` and `#` in the quick note complete from the session's participants and parties: → takes the suggestion."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from conftest import run
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


def test_right_arrow_completes_a_participant_and_a_party_and_the_note_is_saved_with_them(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            note = main_screen(app).query_one("#quick-note", Input)
            await pilot.press("n", *"a: Boka lokal @ce")
            await pilot.pause()
            assert note._suggestion == "a: Boka lokal @cecilia"  # shown dim after the cursor
            await pilot.press("right", *" #s")
            await pilot.pause()
            assert note.value == "a: Boka lokal @cecilia #s" and note._suggestion == "a: Boka lokal @cecilia #st"
            await pilot.press(*"e")  # typed on, not taken: the party is Seko, not ST
            await pilot.pause()
            assert note._suggestion == "a: Boka lokal @cecilia #seko"
            await pilot.press("right", "enter")
            await settle(app, pilot)

    run(scenario())
    saved = read_toml(today_file(pinned_demo_path))["notes"][-1]
    assert (saved["kind"], saved["owner"], saved["party"], saved["text"]) == ("action", "cecilia", "seko", "Boka lokal")


def test_nothing_is_suggested_for_an_unknown_id_or_outside_a_tag(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            note = main_screen(app).query_one("#quick-note", Input)
            for typed in ("@xyz", "mail@ce", "#st ", "@"):
                note.value = ""
                await pilot.press("n", *typed)
                await pilot.pause()
                assert not note._suggestion, typed
                await pilot.press("escape")

    run(scenario())
