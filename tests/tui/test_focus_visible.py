"""Where typing goes is always visible: the focused region framed, a cursor in every text field, the status
line naming the field (or "Kommandon"), and Tab from anywhere outside a text field reaching the first
svarsmall field in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.widgets import Input, TextArea

from conftest import run
from samverka.tui.screens.typing import COMMANDS_HERE
from samverka.tui.widgets import PhaseNav, StatusLine
from samverka.tui.widgets.question_card import FieldArea
from tui_helpers import main_screen, session_app


def where(screen) -> str:
    return screen.query_one(StatusLine).where


def test_the_status_line_says_where_typing_goes_on_every_focus_change(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            status = screen.query_one(StatusLine)
            assert where(screen) == COMMANDS_HERE and not status.typing
            await pilot.press("tab")
            assert where(screen) == "Skriver i: Svarsmall › Arbetsgivarpart" and status.typing
            await pilot.press("tab")
            assert where(screen) == "Skriver i: Svarsmall › Arbetstagarparter"
            await pilot.press("escape", "n")
            await pilot.pause()
            assert where(screen) == "Skriver i: Anteckning" and status.typing
            await pilot.press("escape")
            await pilot.pause()
            assert where(screen) == COMMANDS_HERE
            status.say("Sparat 10:00:00")  # a save message leaves the mode in sight
            assert str(status.render()).startswith(COMMANDS_HERE) and "Sparat 10:00:00" in str(status.render())

    run(scenario())


@pytest.mark.parametrize("start", ["#card", "#notes-scroll", "#slider"])  # the phase list: see the next test
def test_tab_from_outside_a_text_field_reaches_the_first_svarsmall_field(pinned_demo_path: Path, start: str):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press("j")  # another question than the first: its own first field
            await pilot.pause()
            screen.query_one(start).focus()
            await pilot.pause()
            await pilot.press("tab")
            first = screen.focused
            assert isinstance(first, FieldArea) and first is screen.query(FieldArea).first()
            assert first.kind == "answer"
            await pilot.press("tab")  # from a field, the next field
            assert isinstance(screen.focused, FieldArea) and screen.focused is not first

    run(scenario())


def test_tab_from_the_narrow_navigation_closes_it_and_the_next_tab_reaches_the_first_field(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await pilot.press("v")
            await pilot.pause()
            assert screen.nav_open and screen.focused is screen.query_one(PhaseNav)
            await pilot.press("down")
            await pilot.pause()
            await pilot.press("tab")  # back to the card the list chose a question for
            await pilot.pause()
            assert not screen.nav_open and screen.focused is screen.query_one("#card") and screen.current == "1.2"
            await pilot.press("tab")  # as from the card: the first svarsmall field
            await pilot.pause()
            assert screen.focused is screen.query(FieldArea).first()

    run(scenario())


def test_every_focused_region_is_framed_in_the_accent_colour(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            accent = Color.parse(app.theme_variables["accent"])
            card = screen.query_one("#card")
            assert card.styles.border_left[0] == "heavy"  # the card has the focus at start
            for selector, edge in (("#nav", "border_right"), ("#notes-scroll", "border_left"),
                                   ("FieldArea", "border_left")):
                widget = screen.query(selector).first()
                widget.focus()
                await pilot.pause()
                style, colour = getattr(widget.styles, edge)
                assert style and colour == accent, selector
                assert card.styles.border_left[0] in ("", "none")  # one frame at a time

    run(scenario())


def test_every_text_field_shows_a_steady_cursor(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press("tab")
            field = screen.focused
            assert isinstance(field, TextArea) and not field.cursor_blink and field._draw_cursor
            await pilot.press("escape", "n")
            await pilot.pause()
            note = screen.focused
            assert isinstance(note, Input) and not note.cursor_blink and note._cursor_visible

    run(scenario())
