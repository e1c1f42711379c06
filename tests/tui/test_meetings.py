"""A process over three meetings, driven as a facilitator would: setup, attendance, the agenda proposal,
a timebox running out, an action carried over twice and then done, and the minutes of each meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt
from textual.widgets import Input, SelectionList

from conftest import NOW, run
from samverka import exporters
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
from samverka.sessions.workflow import propose_agenda
from samverka.tui.app import SamverkaApp
from samverka.tui.dialogs import ActionsScreen, MeetingScreen, ParticipantScreen
from samverka.tui.screens.typing import BURST_GAP
from tui_helpers import main_screen, read_toml, settle


class Clock:
    """A clock the test moves forward."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


DAY1 = NOW.replace(hour=9, minute=0)
DAY2 = DAY1 + dt.timedelta(days=7)
DAY3 = DAY1 + dt.timedelta(days=14)


def meeting_file(session: Path, day: dt.datetime) -> Path:
    return session / "meetings" / f"{day.date().isoformat()}.toml"


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after the heading that ends with `heading` (after its "§ n"), as cell
    texts."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content.endswith(heading))
    rows, row, in_body = [], None, False
    for token in tokens[start:]:
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            break
        elif in_body and token.type == "tr_open":
            row = []
        elif in_body and token.type == "tr_close":
            rows.append(row)
        elif in_body and token.type == "inline":
            row.append(token.content)
    return rows


async def go_to(pilot, app, question_id: str) -> None:
    await main_screen(app).go_to(question_id)
    await pilot.pause()


def test_three_meetings(pinned_demo_path: Path):
    clock = Clock(DAY1)
    demo_meeting = SessionStore.open(pinned_demo_path, None).session.meetings[0].id

    async def first_meeting():
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("m")
            screen = app.screen
            assert isinstance(screen, MeetingScreen)
            assert "inte justerat" in str(screen.query_one("#previous-state").render())
            screen.query_one("#place", Input).value = "Ljusgården"
            screen.query_one("#attendees", SelectionList).select_all()
            await pilot.press("f2")  # the demo meeting's minutes are signed
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not meeting_file(pinned_demo_path, DAY1).exists() or read_toml(
                meeting_file(pinned_demo_path, DAY1)).get("planned")  # set up, not started
            await pilot.press("f4")  # the meeting starts
            await pilot.pause(BURST_GAP)
            # someone turns up unannounced: d, the name, Enter
            await pilot.press("d", *"Gästa Lind", "enter")
            await pilot.pause()
            await go_to(pilot, app, "1.5")
            await pilot.press("n", *"a: Boka lokal @bo 2026-12-15", "enter")
            await go_to(pilot, app, "2.3")
            await pilot.press("escape", "r")  # leave the note input; revisit
            await pilot.pause(BURST_GAP)  # distinct command keys, each deliberate: not a word
            await pilot.press("t", "t")  # samverkan
            await pilot.pause(BURST_GAP)
            await pilot.press("u")  # överens
            clock.now = DAY1 + dt.timedelta(minutes=45)  # past 2.3's timebox of 30 minutes
            main_screen(app).refresh_bar()
            assert "tiden är ute" in str(main_screen(app).query_one("#meeting-bar").render())
            await settle(app, pilot)
            await pilot.press("ctrl+q")

    run(first_meeting())
    first = read_toml(meeting_file(pinned_demo_path, DAY1))
    assert first["place"] == "Ljusgården" and "gasta" in first["attendees"]
    assert first["previous"] == demo_meeting
    assert first["items"]["2.3"]["type"] == "samverkan" and first["items"]["2.3"]["outcome"] == "overens"
    assert first["items"]["2.3"]["seconds"] >= 45 * 60
    assert read_toml(pinned_demo_path / "meetings" / f"{demo_meeting}.toml")["justified"] is True
    session = read_toml(pinned_demo_path / "session.toml")
    assert {"id": "gasta", "name": "Gästa Lind", "role": "medarbetare"}.items() <= session["participants"][-1].items()

    async def later_meeting(now: dt.datetime, mark_done: bool):
        clock.now = now
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await go_to(pilot, app, "1.5")
            notes = str(main_screen(app).query_one("#notes").render())
            assert "Öppna åtgärder från tidigare möten" in notes and "Boka lokal" in notes
            await pilot.press("n", *f"Läget {now.date()}", "enter")
            if mark_done:
                await pilot.press("escape", "x")
                assert isinstance(app.screen, ActionsScreen)
                await pilot.press("enter", "escape")
            await settle(app, pilot)
            await pilot.press("ctrl+q")

    run(later_meeting(DAY2, mark_done=False))
    second = read_toml(meeting_file(pinned_demo_path, DAY2))
    store = SessionStore.open(pinned_demo_path, None)
    assert "2.3" in second["agenda"]  # marked revisit in meeting 1
    assert "1.4" in second["agenda"]  # the demo's disagreement was never concluded
    assert second["previous"] == DAY1.date().isoformat()
    assert second["place"] == "Ljusgården"  # place, chair and secretary carry over; attendance does not
    assert "attendees" not in second
    assert second["agenda"] == propose_agenda(store.session, store.pack) or "2.3" in second["agenda"]

    run(later_meeting(DAY3, mark_done=True))
    store = SessionStore.open(pinned_demo_path, None)
    action = next(n for n in store.session.meetings[1].notes if n.kind == "action")
    assert action.text == "Boka lokal" and action.done == DAY3.date()

    meetings = {m.id: m for m in store.session.meetings}
    follow_ups = []
    for day in (DAY2, DAY3):
        minutes = exporters.minutes(store.session, store.pack, meetings[day.date().isoformat()])
        follow_ups.append(table_rows(minutes, "Föregående protokoll och uppföljning av åtgärder"))
    assert [row[0] for row in follow_ups[0] if row[0] == "Boka lokal"] == ["Boka lokal"]
    assert next(r for r in follow_ups[0] if r[0] == "Boka lokal")[-1] == "Pågår"
    assert next(r for r in follow_ups[1] if r[0] == "Boka lokal")[-1] == f"Klar {DAY3.date().isoformat()}"


def test_participant_form_adds_to_the_right_party(pinned_demo_path: Path):
    async def scenario():
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=Clock(DAY1))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("d")
            assert isinstance(app.screen, ParticipantScreen)
            await pilot.press(*"Åsa Öberg")
            app.screen.query_one("#person-party", SelectionList).select("st")  # OFR/ST
            app.screen.query_one("#person-role", SelectionList).select("facklig")
            await pilot.press("ctrl+s")
            await settle(app, pilot)

    run(scenario())
    person = read_toml(pinned_demo_path / "session.toml")["participants"][-1]
    assert person == {"id": "asa", "name": "Åsa Öberg", "role": "facklig", "party": "st"}
    assert not meeting_file(pinned_demo_path, DAY1).exists()  # adding someone between meetings starts none
