"""Time (issue 14, class 4): clocks that step back or jump, meetings past midnight, DST days, mixed offsets.

Every clock here is injected; the session's zone is Europe/Stockholm (PRODUCT.md §4), whatever the clock's.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markdown_it import MarkdownIt

from conftest import run
from samverka import exporters
from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.demo import ensure_demo
from samverka.sessions.edits import NoteDraft
from samverka.sessions.model import Note
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
from samverka.tui.app import SamverkaApp
from tui_helpers import main_screen, settle

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock:
    """A clock the test sets: any aware moment, in any zone."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def sthlm(*args: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STOCKHOLM, fold=fold)


def demo(tmp_path: Path, when: dt.datetime) -> Path:
    return ensure_demo(tmp_path / "sessions" / "demo", None, when=when)


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def meeting_files(path: Path) -> list[str]:
    return sorted(p.name for p in (path / "meetings").glob("*.toml"))


# --- a clock that steps back or jumps ----------------------------------------------------------


def test_a_clock_set_back_keeps_the_record_in_order_and_openable(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    clock = Clock(sthlm(2026, 11, 23, 10, 0))
    opened = open_session(path, None, clock=clock)
    opened.add_note("1.1", NoteDraft("note", "Först"))
    meeting = opened.today()
    opened.apply(edits.set_readiness(opened.session, meeting, "1.1", 2, opened.now()))
    clock.moment = sthlm(2026, 11, 23, 9, 0)  # NTP or a resumed VM sets the clock back an hour
    opened.add_note("1.1", NoteDraft("note", "Sedan"))
    opened.apply(edits.set_readiness(opened.session, meeting, "1.1", 3, opened.now()))
    opened.apply(edits.record_time(meeting, "1.1", -3600))
    opened.close(reason="test")

    saved = read(path / "meetings" / "2026-11-23.toml")
    times = [n["at"] for n in saved["notes"]]
    assert [n["text"] for n in saved["notes"]] == ["Först", "Sedan"]
    assert times == sorted(times), "a note never comes before one typed earlier"
    changes = [c["at"] for c in saved["readiness_changes"]]
    assert changes == sorted(changes) and changes[0] >= times[0]
    assert all(item.get("seconds", 0) >= 0 for item in saved.get("items", {}).values())
    assert SessionStore.open(path, None).session.meeting("2026-11-23") is not None


def test_time_spent_never_grows_past_what_the_loader_accepts(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    opened = open_session(path, None, clock=Clock(sthlm(2026, 11, 23, 10, 0)))
    meeting = opened.today(create=True)
    meeting.agenda.append("1.1")
    # A clock that jumps ahead by months (faketime, a dead RTC battery) between two looks at a question.
    for _ in range(2):
        opened.apply(edits.record_time(meeting, "1.1", 200 * 24 * 3600))
    opened.close(reason="test")
    store = SessionStore.open(path, None)  # refused before: 'seconds' above the loader's bound (10**7)
    assert 0 < store.session.meeting("2026-11-23").items["1.1"].seconds <= 10**7


# --- midnight ----------------------------------------------------------------------------------


def test_a_meeting_going_on_past_midnight_stays_one_meeting(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    clock = Clock(sthlm(2026, 11, 23, 23, 30))
    opened = open_session(path, None, clock=clock)
    opened.add_note("1.1", NoteDraft("note", "Före midnatt"))
    evening = opened.today()
    clock.moment = sthlm(2026, 11, 24, 0, 20)
    assert opened.today() is evening
    opened.add_note("1.2", NoteDraft("note", "Efter midnatt"))
    opened.close(reason="test")
    assert meeting_files(path)[-1] == "2026-11-23.toml" and "2026-11-24.toml" not in meeting_files(path)
    notes = read(path / "meetings" / "2026-11-23.toml")["notes"]
    assert [n["text"] for n in notes] == ["Före midnatt", "Efter midnatt"]

    # The CLI the next morning (a new process, reading only the latest day) starts the next meeting, in
    # which the evening's minutes come up for justering: a new sitting, not the night's second half.
    clock.moment = sthlm(2026, 11, 24, 9, 0)
    morning = open_session(path, None, clock=clock, history=False)
    morning.add_note("1.3", NoteDraft("note", "Nästa möte"))
    assert morning.today().id == "2026-11-24" and morning.today().previous == "2026-11-23"
    morning.close(reason="test")


def test_a_meeting_with_an_end_past_midnight_ends_there(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    clock = Clock(sthlm(2026, 11, 23, 22, 0))
    opened = open_session(path, None, clock=clock)
    meeting = opened.today(create=True)
    meeting.end = dt.time(0, 30)  # an end before the start is on the next day
    clock.moment = sthlm(2026, 11, 24, 0, 15)
    assert opened.today() is meeting
    clock.moment = sthlm(2026, 11, 24, 0, 45)
    assert opened.today() is None  # ended: the next change starts the 24th's meeting
    opened.close(reason="test")


def test_a_clock_set_back_across_midnight_stays_in_the_meeting(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    clock = Clock(sthlm(2026, 11, 24, 0, 5))
    opened = open_session(path, None, clock=clock)
    opened.add_note("1.1", NoteDraft("note", "Efter midnatt"))
    clock.moment = sthlm(2026, 11, 23, 23, 55)
    opened.add_note("1.1", NoteDraft("note", "Klockan backade"))
    opened.close(reason="test")
    assert "2026-11-23.toml" not in meeting_files(path)
    assert [n["text"] for n in read(path / "meetings" / "2026-11-24.toml")["notes"]] == ["Efter midnatt",
                                                                                     "Klockan backade"]


# --- the session's zone, whatever the clock's ------------------------------------------------


def test_times_are_stored_in_the_sessions_zone_whatever_the_clocks(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    utc = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)  # already the 24th in Stockholm
    opened = open_session(path, None, clock=Clock(utc))
    note = opened.add_note("1.1", NoteDraft("note", "Sent"))
    opened.close(reason="test")
    assert note.at.utcoffset() == dt.timedelta(hours=1) and note.at.hour == 0
    saved = read(path / "meetings" / "2026-11-24.toml")["notes"][0]["at"]
    assert saved == utc and saved.utcoffset() == dt.timedelta(hours=1)
    assert "timezone" not in read(path / "session.toml")  # a file without the key is not rewritten with it


def test_a_session_in_another_zone_keeps_its_own_time(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    session_toml = path / "session.toml"
    session_toml.write_text('timezone = "Europe/Helsinki"\n' + session_toml.read_text(encoding="utf-8"),
                            encoding="utf-8")
    opened = open_session(path, None, clock=Clock(sthlm(2026, 11, 23, 10, 0)))
    assert opened.session.timezone == "Europe/Helsinki"
    note = opened.add_note("1.1", NoteDraft("note", "I Helsingfors"))
    opened.apply(edits.toggle_revisit(opened.session, "1.1"))  # session.toml saved: the key stays
    opened.close(reason="test")
    assert note.at.hour == 11 and note.at.utcoffset() == dt.timedelta(hours=2)
    assert read(session_toml)["timezone"] == "Europe/Helsinki"


def test_an_unknown_zone_is_refused_with_its_line(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    session_toml = path / "session.toml"
    session_toml.write_text('timezone = "Mars/Olympus"\n' + session_toml.read_text(encoding="utf-8"),
                            encoding="utf-8")
    with pytest.raises(UserError, match="tidszon 'Mars/Olympus'") as raised:
        SessionStore.open(path, None)
    assert "session.toml:1" in str(raised.value)


def test_notes_written_with_different_offsets_come_in_the_order_they_were_taken(tmp_path: Path):
    path = demo(tmp_path, sthlm(2026, 11, 23, 10, 0))
    opened = open_session(path, None, clock=Clock(sthlm(2026, 11, 23, 10, 0)))
    meeting = opened.today(create=True)
    opened.close(reason="test")
    store = SessionStore.open(path, None)
    meeting = store.session.meeting(meeting.id)
    # As files written by CLIs under different TZ (before the session's zone was kept) have them: UTC,
    # New York, Stockholm; in the file in the order their wall-clock times sort.
    meeting.notes += [
        Note(dt.datetime(2026, 11, 23, 4, 45, tzinfo=ZoneInfo("America/New_York")), "1.1", "note", "Tredje"),
        Note(dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC), "1.1", "note", "Andra"),  # 10.30 in Stockholm
        Note(sthlm(2026, 11, 23, 10, 15), "1.1", "note", "Första"),
        Note(dt.datetime(2026, 11, 23, 10, 40), "1.1", "note", "Handskriven"),  # no offset: Stockholm time
    ]
    text = exporters.minutes(store.session, store.pack, meeting)  # the signed record has no clock times: the order
    shown = [t.content for t in MarkdownIt().parse(text) if t.type == "inline"
             and t.content in ("Första", "Andra", "Handskriven", "Tredje")]
    assert shown == ["Första", "Andra", "Handskriven", "Tredje"]


# --- DST days: the meeting bar's clocks --------------------------------------------------------


@pytest.mark.parametrize(("start", "later", "elapsed"), [
    # 2026-03-29: 02:00 CET becomes 03:00 CEST; 01:30 to 03:10 is 40 minutes.
    (sthlm(2026, 3, 29, 1, 30), sthlm(2026, 3, 29, 3, 10), "40:00"),
    # 2026-10-25: 03:00 CEST becomes 02:00 CET; 01:30 CEST to the second 02:15 (CET) is 1 h 45 min.
    (sthlm(2026, 10, 25, 1, 30), sthlm(2026, 10, 25, 2, 15, fold=1), "1:45:00"),
])
def test_the_meeting_bar_counts_elapsed_time_across_a_dst_change(tmp_path: Path, start, later, elapsed):
    path = demo(tmp_path, start)
    clock = Clock(start)

    async def scenario():
        app = SamverkaApp(opened=open_session(path, None), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await pilot.press("n", *"Nattmöte", "enter")
            await settle(app, pilot)
            clock.moment = later
            bar = screen.query_one("#meeting-bar")
            bar.repaint()
            shown = str(bar.render())
            await pilot.press("escape", "j")  # leave the question: its time is recorded
            await settle(app, pilot)
            return shown

    shown = run(scenario())
    assert f"möte {start:%H:%M} ({elapsed})" in shown
    assert f"fråga 1.1: {elapsed}" in shown
    saved = read(path / "meetings" / f"{start.date()}.toml")
    expected = (later.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds()
    assert saved["items"]["1.1"]["seconds"] == expected


def test_who_holds_a_session_is_told_with_the_sessions_time():
    """The lock records the server's time (UTC on many servers); the banner and the CLI show Swedish time."""
    from zoneinfo import ZoneInfo

    from samverka.fileio import Holder

    holder = Holder("anna", "server", 4711, "2026-11-27T17:30:25+00:00")
    assert holder.describe(ZoneInfo("Europe/Stockholm")) == "anna@server sedan 2026-11-27 18:30"
    assert holder.describe() == "anna@server sedan 2026-11-27 17:30"
