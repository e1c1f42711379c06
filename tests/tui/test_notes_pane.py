"""The notes pane at 80×24 follows the newest note and scrolls by keyboard; the overview scrolls to its end."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from conftest import run
from samverka.tui.dialogs import OverviewScreen
from samverka.tui.widgets import NotesView
from samverka.tui.widgets.notes import NotesPane
from tui_helpers import main_screen, session_app, settle


def visible_notes(app) -> list[str]:
    """The lines of the notes pane a reader sees now (short notes: one line each)."""
    screen = main_screen(app)
    pane = screen.query_one(NotesPane)
    lines = str(screen.query_one(NotesView).render()).splitlines()
    top = round(pane.scroll_y)
    return lines[top:top + pane.scrollable_content_region.height]


async def type_note(pilot, text: str) -> None:
    await pilot.press(*text, "enter")


def test_after_each_note_the_newest_is_in_sight_at_80x24(pinned_demo_path: Path):
    """Question 1.1 has actions carried over from the last meeting above the fold: in the order of the
    minutes, after three notes only the first was in sight."""
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = visible_notes(app)
            assert any("Öppna åtgärder från tidigare möten" in line for line in shown)  # on arrival
            await pilot.press("n")
            for text in ("Första", "Andra", "Tredje"):
                await type_note(pilot, text)
                await settle(app, pilot)
                shown = visible_notes(app)
                assert any(line.endswith(text) for line in shown), (text, shown)
            assert [line[6:] for line in shown[1:4]] == ["Tredje", "Andra", "Första"]  # newest first
            rendered = str(main_screen(app).query_one(NotesView).render())
            assert rendered.index("Första") < rendered.index("Öppna åtgärder från tidigare möten") \
                < rendered.index("Tidigare möten\n")  # carried-over actions and earlier meetings still there

    run(scenario())


def test_a_gives_the_pane_the_focus_and_the_keys_scroll_it(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            pane = screen.query_one(NotesPane)
            await pilot.press("n")
            await type_note(pilot, "a och ingen tangent")  # `a` in the input is a letter
            assert screen.focused is screen.query_one("#quick-note", Input)
            assert "a och ingen tangent" in str(screen.query_one(NotesView).render())
            await pilot.press("escape", "a")
            assert screen.focused is pane
            assert "PgUp" in str(pane.border_title)  # the focus can be seen, and which keys scroll
            assert pane.max_scroll_y > 0 and pane.scroll_y == 0
            await pilot.press("end")
            assert pane.scroll_y == pane.max_scroll_y
            await pilot.press("home")
            assert pane.scroll_y == 0
            await pilot.press("down")
            assert pane.scroll_y == 1
            await pilot.press("up")
            assert pane.scroll_y == 0
            await pilot.press("pagedown")
            assert pane.scroll_y > 1
            await pilot.press("pageup")
            assert pane.scroll_y == 0
            await pilot.press("tab")  # Tab goes on from it
            assert screen.focused is not pane and not pane.border_title
            assert pane in screen.focus_chain  # and can come back to it

    run(scenario())


def test_the_overview_scrolls_to_the_open_actions_at_80x24(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("o")
            assert isinstance(app.screen, OverviewScreen)
            listing = app.screen.query_one(OptionList)
            body = app.screen.query_one("#overview-body")
            assert listing.region.bottom < body.region.bottom  # the list is not cut off by the dialog
            await pilot.press("end")
            await pilot.pause()
            assert listing.highlighted == listing.option_count - 1
            assert "Sammanställ exempel" in str(listing.get_option_at_index(listing.option_count - 1).prompt)
            assert listing.scroll_y == listing.max_scroll_y > 0

    run(scenario())


def test_the_overview_shows_its_last_heading_when_nothing_after_it_can_be_picked(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            for question in ("1.1", "1.4"):  # their open actions done
                await main_screen(app).go_to(question)
                await pilot.pause(0.4)  # a deliberate key, not the tail of a burst of typing
                await pilot.press("x", "enter", "escape")
            await settle(app, pilot)
            await pilot.pause(0.4)
            await pilot.press("o")
            listing = app.screen.query_one(OptionList)
            await pilot.press("end")
            await pilot.pause()
            last = str(listing.get_option_at_index(listing.option_count - 1).prompt)
            assert last == "Öppna åtgärder (0)"
            assert listing.scroll_y == listing.max_scroll_y > 0

    run(scenario())
