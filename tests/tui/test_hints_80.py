"""At 80×24 every one-line hint and header shows what it is for: the quick note's syntax whole (`p:` and `#part`
too), the read-only banner's ctrl+t, a failed save's ctrl+s, and the meeting bar's question timebox and
parties by name; with no meeting going on, the bar says so and no clock runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget

from conftest import NOW, meeting_on, run
from samverka.errors import UserError
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
from samverka.tui.app import SamverkaApp
from samverka.tui.widgets import MeetingBar, StatusLine
from samverka.tui.widgets.banner import FOLLOW_INTERVAL
from tui_helpers import clock, main_screen, session_app

SIZE = (80, 24)


def drawn(widget: Widget) -> str:
    """The widget's first line as the terminal gets it, at its width on this screen."""
    return widget.render_lines(Region(0, 0, widget.outer_size.width, 1))[0].text.rstrip()


def test_the_quick_note_hint_is_whole_at_80_columns(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=SIZE) as pilot:
            note = main_screen(app).query_one("#quick-note")
            shown = drawn(note)
            await pilot.press("n")  # focused and empty: the hint stays, the cursor on its first cell
            return shown, drawn(note)

    for shown in run(scenario()):
        assert shown.endswith("p: prot.ant.  #part"), shown
        assert "…" not in shown


def test_the_read_only_banner_shows_ctrl_t_at_80_columns_when_the_holder_lets_go(demo_path: Path):
    holder = open_session(demo_path, None)

    async def scenario():
        app = SamverkaApp(opened=open_session(demo_path, None), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            banner = main_screen(app).query_one("#banner")
            held = drawn(banner)
            holder.lock.release()
            await pilot.pause(FOLLOW_INTERVAL + 0.5)
            return held, drawn(banner)

    held, free = run(scenario())
    assert held.startswith(" Skrivskyddad — öppen hos ")
    assert free.startswith(" Skrivskyddad — tryck ctrl+t för att ta över"), free


def test_a_failed_save_shows_ctrl_s_at_80_columns(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=SIZE):
            status = main_screen(app).query_one(StatusLine)
            status.saved(False, UserError("disken är full", pinned_demo_path / "meetings" / "2026-11-23.toml"), NOW)
            return drawn(status)

    shown = run(scenario())
    assert "Kunde inte spara (ctrl+s försöker igen)" in shown, shown


def test_the_meeting_bar_shows_the_timebox_first_and_parties_by_name_at_80_columns(pinned_demo_path: Path):
    store = SessionStore.open(pinned_demo_path, None)
    meeting = meeting_on(store, NOW.date(), NOW.time())
    meeting.attendees = ["anna", "bo", "cecilia", "eva"]  # Saco-S (david) has nobody here
    meeting.agenda = ["1.1", "1.2"]
    store.save()
    now = [NOW]

    async def scenario():
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=lambda: now[0])
        async with app.run_test(size=SIZE) as pilot:
            bar = main_screen(app).query_one(MeetingBar)
            now[0] += dt.timedelta(minutes=3)
            bar.repaint()
            await pilot.pause()
            return drawn(bar)

    shown = run(scenario())
    assert shown.startswith(" fråga 1.1: 03:00 av 20 min · möte 10:00 (03:00) · frånvarande: Saco-S "), shown
    assert "saco" not in shown


def test_with_no_meeting_going_on_the_bar_says_so_and_no_clock_runs(pinned_demo_path: Path):
    now = [NOW]

    async def scenario():
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=lambda: now[0])
        async with app.run_test(size=SIZE) as pilot:
            screen = main_screen(app)
            bar = screen.query_one(MeetingBar)
            now[0] += dt.timedelta(minutes=10)  # setting up: no meeting's time
            bar._tick()
            await pilot.pause()
            before = drawn(bar)
            await pilot.press("n", *"Vi börjar", "enter")  # the first note starts the meeting
            await pilot.pause()
            now[0] += dt.timedelta(seconds=30)
            bar.repaint()
            await pilot.pause()
            return before, drawn(bar)

    before, during = run(scenario())
    assert before.startswith(" 23 nov 2026 · inget möte än — första anteckningen eller F4 startar det"), before
    assert "fråga" not in before and "möte 10" not in before
    assert during.startswith(" fråga 1.1: 00:30 av 20 min · möte 10:10 (00:30)"), during
