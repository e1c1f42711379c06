"""Start-up: the latest day's meetings first, the earlier ones later (a forked reader, then the UI takes them in)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import pickle
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from pty_app import PtyApp
from textual.command import CommandPalette

from bench.generate import generate
from conftest import ROOT
from samverka.errors import UserError
from samverka.fileio import SessionLock
from sessions.model import Note
from sessions.store import History, Opened, SessionStore, lock_session, open_session, read_session
from sessions.workflow import propose_agenda
from tui.app import SamverkaApp
from tui.widgets import Guidance, KeyBar, NotesView
from tui_helpers import NOW, clock, main_screen, pinned_demo, read_toml, session_app, settle, today_file

TODAY = NOW.date()
EARLIER = ("2026-11-02", "2026-11-09", "2026-11-16")  # history_session's meetings before today's
BROKEN_LINE = 27  # the first note's kind in history_session's first meeting file


def history_session(data_dir: Path, today: dt.date = TODAY, slug: str = "historik") -> Path:
    """Four weekly meetings of five notes each, the last on `today`."""
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    return generate(sessions, slug, 4, 5, today=today)


def break_first_meeting(path: Path) -> Path:
    """Make the first meeting's first note unreadable (an unknown kind, at BROKEN_LINE); return the file."""
    broken = min((path / "meetings").glob("*.toml"))
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[BROKEN_LINE - 1] == 'kind = "note"\n'
    lines[BROKEN_LINE - 1] = 'kind = "gåta"\n'
    broken.write_text("".join(lines), encoding="utf-8")
    return broken


def files(directory: Path) -> dict[str, bytes]:
    """Every file's bytes but the lock's (which says who holds the session)."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.name != SessionLock.NAME}


def meetings(store: SessionStore) -> list[tuple[str, list[str]]]:
    return [(m.id, [n.text for n in m.notes]) for m in store.session.meetings]


def snapshot_values(store: SessionStore) -> list[tuple[str, dict[str, Any]]]:
    return [(str(p.path), p.values) for p in store.snapshot(store.session.meetings)]


def as_json(value: Any) -> Any:
    """`value` as it comes back from a subprocess's JSON (dates as strings, tuples as lists)."""
    return json.loads(json.dumps(value, default=str))


def run(coro):
    return asyncio.run(coro)


# --- the store: the latest day now, the rest on demand ----------------------------------------


def test_without_history_only_the_latest_day_is_read_and_the_rest_comes_in_whole(data_dir: Path):
    path = history_session(data_dir)
    second = path / "meetings" / f"{TODAY}-2.toml"  # a second meeting the same day belongs to the latest day
    second.write_bytes((path / "meetings" / f"{TODAY}.toml").read_bytes())
    before = files(path)
    full = SessionStore.open(path, None)
    store = SessionStore.open(path, None, history=False)
    assert [m.id for m in store.session.meetings] == [str(TODAY), f"{TODAY}-2"]
    assert store.history_pending
    store.ensure_history()
    assert not store.history_pending
    assert meetings(store) == meetings(full)
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY), f"{TODAY}-2"]
    assert snapshot_values(store) == snapshot_values(full)
    assert store.unsaved() == {"notes": [], "answers": {}, "canvas": {}}
    assert store.save() == []  # the earlier files are known as read: nothing to write, nothing refused
    assert files(path) == before


def test_a_session_of_one_day_has_no_history_to_wait_for(demo_path: Path):
    store = SessionStore.open(demo_path, None, history=False)
    assert not store.history_pending
    assert meetings(store) == meetings(SessionStore.open(demo_path, None))


def test_an_earlier_meeting_file_is_written_faithfully_once_taken_in(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    store.ensure_history()
    first = store.session.meeting(EARLIER[0])
    action = next(n for n in first.notes if n.kind == "action")
    action.done = dt.date(2026, 11, 20)
    assert store.save() == [path / "meetings" / f"{EARLIER[0]}.toml"]
    after = files(path)
    assert {k: v for k, v in after.items() if EARLIER[0] not in k} == {
        k: v for k, v in before.items() if EARLIER[0] not in k}
    reread = SessionStore.open(path, None).session.meeting(EARLIER[0])
    assert [n.done for n in reread.notes if n.text == action.text] == [dt.date(2026, 11, 20)]


def test_a_new_meeting_takes_in_history_first(data_dir: Path):
    path = history_session(data_dir)
    # A disagreement left open in the first meeting puts its question on the next agenda.
    full = SessionStore.open(path, None)
    full.session.meeting(EARLIER[0]).notes.append(
        Note(dt.datetime(2026, 11, 2, 14, 0, tzinfo=NOW.tzinfo), "3.1", "disagreement", "Oenighet om nivån."))
    full.save()
    assert "3.1" in propose_agenda(full.session, full.pack)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    assert "3.1" not in propose_agenda(store.session, store.pack)  # what the latest day alone would give
    later = TODAY + dt.timedelta(days=7)
    meeting = store.meeting_today(later, start=dt.time(9, 5))
    assert not store.history_pending
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY), str(later)]
    assert meeting is store.session.meetings[-1] and meeting.id == str(later)
    assert meeting.agenda == propose_agenda(full.session, full.pack)
    last = full.session.meetings[-1]
    assert (meeting.place, meeting.chair, meeting.secretary) == (last.place, last.chair, last.secretary)
    assert meeting.previous == str(TODAY)  # today's minutes are not signed yet
    store.save()
    assert {k: v for k, v in files(path).items() if str(later) not in k} == before
    assert read_toml(path / "meetings" / f"{later}.toml")["agenda"] == meeting.agenda


def test_a_meeting_day_among_the_earlier_ones_is_found_not_made_again(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    day = dt.date.fromisoformat(EARLIER[1])
    assert EARLIER[1] not in [m.id for m in store.session.meetings]
    meeting = store.meeting_today(day)
    assert meeting.id == EARLIER[1] and len(meeting.notes) == 5
    assert len(store.session.meetings) == 4
    assert store.save() == []
    assert files(path) == before


def test_an_unreadable_earlier_meeting_fails_at_ensure_history_not_at_open(data_dir: Path):
    path = history_session(data_dir)
    broken = break_first_meeting(path)
    with pytest.raises(UserError) as full:
        SessionStore.open(path, None)
    store = SessionStore.open(path, None, history=False)
    assert [m.id for m in store.session.meetings] == [str(TODAY)]
    for _ in range(2):  # the same error each time: the store never works on half a session
        with pytest.raises(UserError) as later:
            store.ensure_history()
        assert (later.value.path, later.value.line) == (broken, BROKEN_LINE)
        assert str(later.value) == str(full.value)
        assert store.history_pending
    with pytest.raises(UserError):
        store.meeting_today(TODAY + dt.timedelta(days=7))
    assert [m.id for m in store.session.meetings] == [str(TODAY)]


def test_history_from_a_source_is_fetched_once_and_its_error_kept(data_dir: Path):
    path = history_session(data_dir)
    store = SessionStore.open(path, None, history=False)
    calls: list[str] = []

    def source() -> History:
        calls.append(threading.current_thread().name)
        return History.joined(store.read_history())

    store.history_from(source)
    worker = threading.Thread(target=store.prefetch_history, name="worker")
    worker.start()
    worker.join(5)
    assert calls == ["worker"] and store.history_pending  # read, not yet taken in
    store.ensure_history()
    assert calls == ["worker"] and not store.history_pending
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY)]

    def unreadable() -> History:
        raise UserError("trasig", path, 3, 4)

    failing = SessionStore.open(path, None, history=False)
    failing.history_from(unreadable)
    failing.prefetch_history()  # waits, never raises: the UI thread gets the error
    with pytest.raises(UserError, match="trasig"):
        failing.ensure_history()


def test_user_error_and_store_survive_pickling(data_dir: Path):
    err = pickle.loads(pickle.dumps(UserError("fel här", Path("/x/möte.toml"), 12, 5)))
    assert (err.message, err.path, err.line, err.col) == ("fel här", Path("/x/möte.toml"), 12, 5)
    assert str(err) == "/x/möte.toml:12:5: fel här"
    path = history_session(data_dir)
    store = pickle.loads(pickle.dumps(SessionStore.open(path, None, history=False)))
    assert store.history_pending
    store.ensure_history()
    assert snapshot_values(store) == snapshot_values(SessionStore.open(path, None))
    assert store.save() == []


# --- preload: a forked child reads (run in a subprocess: no fork inside pytest's threads) -----

PRELUDE = """
import json, os, sys
from pathlib import Path
from samverka.errors import UserError
from sessions.preload import preload
from sessions.store import SessionStore, open_session
path = Path(sys.argv[1])
out = {}

def meetings(store):
    return [(m.id, [n.text for n in m.notes]) for m in store.session.meetings]

def values(store):
    return [(str(p.path), p.values) for p in store.snapshot(store.session.meetings)]

def error(err):
    return {"text": str(err), "path": str(err.path), "line": err.line}

def children():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return "none"
    return "left"
"""


def in_subprocess(code: str, path: Path) -> dict[str, Any]:
    """Run PRELUDE + `code` in a fresh interpreter on `path`; what it put in `out`."""
    done = subprocess.run([sys.executable, "-c", PRELUDE + code + "\nprint(json.dumps(out, default=str))\n",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_preload_gives_the_latest_day_first_then_the_same_session_as_open(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    out = in_subprocess("""
opened = preload(path, None)()
store = opened.store
out["read_only"] = opened.read_only
out["first"] = [m.id for m in store.session.meetings]
out["pending"] = store.history_pending
out["second_opener_read_only"] = open_session(path, None).read_only
store.ensure_history()
out["pending_after"] = store.history_pending
out["meetings"] = meetings(store)
out["values"] = values(store)
out["saved"] = [str(p) for p in store.save()]
out["children"] = children()
opened.lock.release()
again = open_session(path, None)
out["free_after_release"] = not again.read_only
again.lock.release()
viewer = preload(path, None, read_only=True)()
out["viewer"] = [viewer.read_only, viewer.holder is None]
out["free_while_viewing"] = not open_session(path, None).read_only
""", path)
    full = SessionStore.open(path, None)
    assert out["read_only"] is False and out["second_opener_read_only"] is True  # the lock is ours
    assert out["first"] == [str(TODAY)] and out["pending"] is True
    assert out["pending_after"] is False
    assert out["meetings"] == as_json(meetings(full))
    assert out["values"] == as_json(snapshot_values(full))
    assert out["saved"] == []
    assert out["children"] == "none"  # the reader was waited for
    assert out["free_after_release"] is True
    assert out["viewer"] == [True, True] and out["free_while_viewing"] is True  # read-only takes no lock
    assert files(path) == before


def test_preload_of_a_broken_session_file_raises_what_open_raises_and_frees_the_lock(data_dir: Path):
    path = history_session(data_dir)
    session_file = path / "session.toml"
    session_file.write_text(session_file.read_text(encoding="utf-8").replace("title = ", "title = = ", 1),
                            encoding="utf-8")
    with pytest.raises(UserError) as expected:
        open_session(path, None)
    out = in_subprocess("""
try:
    preload(path, None)()
except UserError as err:
    out["error"] = error(err)
out["children"] = children()
from sessions.store import lock_session
out["free"] = lock_session(path, False)[0] is not None
""", path)
    assert expected.value.line is not None
    assert out["error"] == {"text": str(expected.value), "path": str(session_file), "line": expected.value.line}
    assert out["children"] == "none"
    assert out["free"] is True


def test_preload_of_a_broken_earlier_meeting_raises_at_ensure_history(data_dir: Path):
    path = history_session(data_dir)
    broken = break_first_meeting(path)
    with pytest.raises(UserError) as expected:
        open_session(path, None)
    out = in_subprocess("""
store = preload(path, None)().store
out["first"] = [m.id for m in store.session.meetings]
store.prefetch_history()
out["errors"] = []
for _ in range(2):
    try:
        store.ensure_history()
    except UserError as err:
        out["errors"].append(error(err))
out["pending"] = store.history_pending
out["children"] = children()
""", path)
    assert out["first"] == [str(TODAY)]
    assert out["errors"] == [{"text": str(expected.value), "path": str(broken), "line": BROKEN_LINE}] * 2
    assert out["pending"] is True
    assert out["children"] == "none"


FALLBACKS = {
    "no fork": "del os.fork\n",
    "child dies at once": """
import sessions.preload
parent, real = os.getpid(), sessions.preload.read_session
def dying(*args, **kwargs):
    if os.getpid() != parent:
        os._exit(3)
    return real(*args, **kwargs)
sessions.preload.read_session = dying
""",
    "child dies after the first part": """
parent, real = os.getpid(), SessionStore.read_history
def dying(self):
    if os.getpid() != parent:
        os._exit(3)
    return real(self)
SessionStore.read_history = dying
""",
}


@pytest.mark.parametrize("how", FALLBACKS)
def test_preload_reads_in_process_when_the_child_cannot(data_dir: Path, how: str):
    path = history_session(data_dir)
    out = in_subprocess(FALLBACKS[how] + """
opened = preload(path, None)()
out["pending"] = opened.store.history_pending
opened.store.ensure_history()
out["meetings"] = meetings(opened.store)
out["values"] = values(opened.store)
out["locked"] = open_session(path, None).read_only
out["children"] = children()
""", path)
    full = SessionStore.open(path, None)
    assert out["pending"] is (how == "child dies after the first part")
    assert out["meetings"] == as_json(meetings(full))
    assert out["values"] == as_json(snapshot_values(full))
    assert out["locked"] is True
    assert out["children"] == "none"


def test_preload_of_a_session_without_history_leaves_no_child_behind(demo_path: Path):
    out = in_subprocess("""
import time
opened = preload(path, None)()
out["pending"] = opened.store.history_pending
time.sleep(0.3)  # the child has sent both parts and exited by now
out["children"] = children()
""", demo_path)
    assert out["pending"] is False
    assert out["children"] == "none"


def test_the_lock_goes_when_released_though_the_reader_is_still_sending(data_dir: Path):
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True)
    path = generate(sessions, "stor", 12, 100, today=TODAY)  # history far beyond a pipe's 64 KiB
    out = in_subprocess("""
opened = preload(path, None)()
out["pending"] = opened.store.history_pending
opened.lock.release()  # the child is still blocked writing the earlier meetings into the pipe
again = open_session(path, None)
out["free"] = not again.read_only
""", path)
    assert out == {"pending": True, "free": True}


def test_preload_reads_in_process_and_leaks_nothing_when_fork_fails(data_dir: Path, monkeypatch):
    import os

    from sessions import preload

    path = history_session(data_dir)

    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    descriptors = len(os.listdir("/proc/self/fd"))
    opened = preload.preload(path, None)()
    assert not opened.store.history_pending and not opened.read_only
    opened.lock.release()
    assert len(os.listdir("/proc/self/fd")) == descriptors


# --- the TUI: first frame without history, then the rest --------------------------------------


def opened_without_history(path: Path, gate: threading.Event | None = None) -> Opened:
    """Opened as `samverka open` opens it, the earlier meetings held back until `gate` is set."""
    lock, holder = lock_session(path, False)
    store, warnings = read_session(path, None, writer=True, history=False)
    if gate is not None:
        def source() -> History:
            assert gate.wait(10)
            return History.joined(store.read_history())

        store.history_from(source)
    return Opened(store, lock, holder, warnings)


def notes_shown(app: SamverkaApp) -> str:
    return str(main_screen(app).query_one(NotesView).render())


async def wait_until(pilot, condition, tries: int = 50) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


def test_notes_pane_says_earlier_meetings_are_being_read_then_shows_them(data_dir: Path):
    path = history_session(data_dir)
    earlier_note = SessionStore.open(path, None).session.meeting(EARLIER[0]).notes[0]
    assert earlier_note.question == "1.1"
    gate = threading.Event()

    async def scenario():
        app = SamverkaApp(opened=opened_without_history(path, gate), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await pilot.pause()
                assert main_screen(app).current == "1.1"
                shown = notes_shown(app)
                assert "Läser tidigare möten" in shown
                assert "Tidigare möten" not in shown.replace("Läser tidigare möten", "")
                assert earlier_note.text[:40] not in shown
            finally:
                gate.set()  # also when an assertion failed: the reader thread must not hold up the exit
            await wait_until(pilot, lambda: "Läser" not in notes_shown(app))
            shown = notes_shown(app)
            assert "Tidigare möten" in shown and earlier_note.text[:40] in shown
            assert not main_screen(app).store.history_pending

    run(scenario())


def edit_while_history_is_held(path: Path, first: str, *then: str) -> dict[str, Any]:
    """Open without history, press `first` while the earlier meetings are held back for 0.3 s (the edit
    waits: the UI thread blocks until they are in), then `then`; what was seen right after `first`."""
    gate = threading.Event()
    seen: dict[str, Any] = {}

    async def scenario():
        opened = opened_without_history(path, gate)
        app = SamverkaApp(opened=opened, clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            seen["pending before"] = opened.store.history_pending
            seen["today before"] = opened.store.meeting_today(TODAY, create=False)
            release = threading.Timer(0.3, gate.set)
            release.start()
            await pilot.press(first)
            seen["pending after"] = opened.store.history_pending
            seen["meetings"] = len(opened.store.session.meetings)
            seen["notes"] = notes_shown(app)
            await pilot.press(*then)
            await settle(app, pilot)
            release.join()

    run(scenario())
    return seen


def test_an_edit_waits_for_history_and_saves_only_todays_files(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    seen = edit_while_history_is_held(path, "3", "n", *"Ny tanke", "enter")
    assert seen["pending before"] and not seen["pending after"]
    assert seen["meetings"] == 4 and "Tidigare möten" in seen["notes"]
    after = files(path)
    for day in EARLIER:
        name = f"meetings/{day}.toml"
        assert after[name] == before[name]
    assert read_toml(path / "session.toml")["questions"]["1.1"]["readiness"] == 3
    today = read_toml(today_file(path))
    assert today["notes"][-1]["text"] == "Ny tanke" and today["notes"][-1]["question"] == "1.1"
    assert [(c["question"], c["to"]) for c in today["readiness_changes"]][-1] == ("1.1", 3)
    assert [m.id for m in SessionStore.open(path, None).session.meetings] == [*EARLIER, str(TODAY)]


def test_the_first_edit_on_a_new_day_starts_a_meeting_after_the_history(data_dir: Path):
    last_day = TODAY - dt.timedelta(days=7)
    path = history_session(data_dir, today=last_day)
    before = files(path)
    seen = edit_while_history_is_held(path, "plus")
    assert seen["pending before"] and seen["today before"] is None and not seen["pending after"]
    after = files(path)
    for name in before:
        if name.startswith("meetings/"):
            assert after[name] == before[name]
    full = SessionStore.open(path, None)
    assert full.session.readiness("1.1") == 1
    assert [m.id for m in full.session.meetings][-2:] == [str(last_day), str(TODAY)]
    assert len(full.session.meetings) == 5
    assert full.session.meetings[-1].previous == str(last_day)


def test_an_unreadable_earlier_meeting_ends_the_app_with_its_error(data_dir: Path):
    path = history_session(data_dir)
    broken = break_first_meeting(path)
    before = files(path)

    async def scenario() -> SamverkaApp:
        app = SamverkaApp(opened=opened_without_history(path), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.failed is not None)
        return app

    app = run(scenario())
    assert isinstance(app.failed, UserError)
    assert (app.failed.path, app.failed.line) == (broken, BROKEN_LINE)
    assert app.return_value == 1
    assert files(path) == before  # nothing to save, so nothing written (no recovery file either)


def test_a_note_entered_as_an_earlier_meeting_fails_to_read_is_kept_for_recovery(data_dir: Path):
    from sessions import recovery

    path = history_session(data_dir)
    break_first_meeting(path)
    gate = threading.Event()

    async def scenario() -> SamverkaApp:
        app = SamverkaApp(opened=opened_without_history(path, gate), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await pilot.click("#quick-note")  # focused by mouse: nothing has waited for history yet
                await pilot.press(*"Viktig rad")
                threading.Timer(0.3, gate.set).start()
                await pilot.press("enter")  # the input empties at once; the note waits for history, which fails
                await wait_until(pilot, lambda: app.failed is not None)
            finally:
                gate.set()
        return app

    assert run(scenario()).failed is not None
    kept = read_toml(path / recovery.NAME)
    assert kept["half_typed"] == {"question": "1.1", "text": "Viktig rad"}


def test_cli_open_with_an_unreadable_earlier_meeting_exits_1_with_one_line(data_dir: Path):
    path = history_session(data_dir, slug="trasig")
    broken = break_first_meeting(path)
    before = files(path)
    app = PtyApp(["open", "trasig"], data_dir, size=(200, 40))
    try:
        app.wait_for(f"samverka: {broken}:")
        assert app.wait_exit(10) == 1
    finally:
        app.close()
    lines = [line for line in app.text.splitlines() if "samverka: " in line]
    assert len(lines) == 1, lines
    match = re.search(r"samverka: (.+?):(\d+): (.+)$", lines[0].strip())
    assert match is not None, lines[0]
    assert (match.group(1), int(match.group(2))) == (str(broken), BROKEN_LINE)
    assert "gåta" in match.group(3)
    assert "Traceback" not in app.text
    assert files(path) == before


# --- guidance and the key bar ------------------------------------------------------------------


def test_a_recovery_file_is_offered_at_once_even_for_an_earlier_meeting(data_dir: Path):
    from sessions import recovery
    from sessions.store import now
    from tui.screens import RestoreScreen

    path = history_session(data_dir)
    store = SessionStore.open(path, None)
    first = store.session.meeting(EARLIER[0])
    first.notes.append(Note(now(), "1.2", "note", "Glömd i första mötet"))
    recovery.write_recovery(store, None, "SIGHUP")

    async def scenario():
        app = SamverkaApp(opened=opened_without_history(path), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)  # before a key can change what it restores
            await pilot.press("j")
            await settle(app, pilot)

    run(scenario())
    assert not (path / recovery.NAME).exists()
    notes = read_toml(path / "meetings" / f"{EARLIER[0]}.toml")["notes"]
    assert notes[-1]["text"] == "Glömd i första mötet"


def test_g_and_a_click_fold_the_guidance_in_and_out(data_dir: Path):
    path = pinned_demo(data_dir)

    async def scenario():
        app = session_app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            first_line = screen.pack.questions["1.1"].guidance.strip().splitlines()[0][:40]
            guidance = screen.query_one(Guidance)
            assert first_line not in str(guidance.render()) and guidance.size.height == 1
            await pilot.press("g")
            await pilot.pause()
            assert first_line in str(guidance.render()) and guidance.size.height > 1
            await pilot.press("g")
            await pilot.pause()
            assert first_line not in str(guidance.render()) and guidance.size.height == 1
            await pilot.click(Guidance)
            await pilot.pause()
            assert first_line in str(screen.query_one(Guidance).render())
            await pilot.press("j")  # it stays open on the next question's card
            next_line = screen.pack.questions["1.2"].guidance.strip().splitlines()[0][:40]
            assert next_line in str(screen.query_one(Guidance).render())
            await pilot.click(Guidance)
            await pilot.pause()
            assert next_line not in str(screen.query_one(Guidance).render())

    run(scenario())


def test_clicking_a_key_in_the_key_bar_runs_it(data_dir: Path):
    path = pinned_demo(data_dir)

    async def scenario():
        app = session_app(path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            bar = screen.query_one("#keys", KeyBar)
            shown = bar.render().plain
            assert len(shown) == 80 and shown.endswith(" ^p palett ")
            await pilot.click("#keys", offset=(shown.index(" j ") + 1, 0))
            assert screen.current == "1.2"
            await pilot.click("#keys", offset=(shown.index("Nästa fråga") + 2, 0))
            assert screen.current == "1.3"
            await pilot.click("#keys", offset=(shown.index(" k ") + 1, 0))
            assert screen.current == "1.2"
            gap = len(shown.rstrip().removesuffix("^p palett").rstrip()) + 1
            await pilot.click("#keys", offset=(gap, 0))
            assert screen.current == "1.2" and app.screen is screen  # between the keys: nothing
            await pilot.click("#keys", offset=(shown.index("^p") + 1, 0))
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)

    run(scenario())
