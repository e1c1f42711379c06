"""Starting samverka on a session with history: a forked child reads it (run in a fresh interpreter, never
inside pytest's threads), and `samverka open` in a terminal ends with one line when the history is unreadable."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, files
from history_fixture import TODAY, break_first_meeting, history_session, meetings, snapshot_values
from pty_app import PtyApp
from samverka.errors import UserError
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore


def as_json(value: Any) -> Any:
    """`value` as it comes back from a subprocess's JSON (dates as strings, tuples as lists)."""
    return json.loads(json.dumps(value, default=str))


# --- preload: a forked child reads (run in a subprocess: no fork inside pytest's threads) -----

PRELUDE = """
import json, os, sys
from pathlib import Path
from samverka.errors import UserError
from samverka.sessions.preload import preload
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
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
from samverka.sessions.opened import lock_session
out["free"] = lock_session(path, False)[0] is not None
""", path)
    assert expected.value.line is not None
    assert out["error"] == {"text": str(expected.value), "path": str(session_file), "line": expected.value.line}
    assert out["children"] == "none"
    assert out["free"] is True


def test_preload_of_a_broken_earlier_meeting_raises_at_ensure_history(data_dir: Path):
    path = history_session(data_dir)
    broken, line = break_first_meeting(path)
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
    assert out["errors"] == [{"text": str(expected.value), "path": str(broken), "line": line}] * 2
    assert out["pending"] is True
    assert out["children"] == "none"


FALLBACKS = {
    "no fork": "del os.fork\n",
    "child dies at once": """
import samverka.sessions.preload
parent, real = os.getpid(), samverka.sessions.preload.read_session
def dying(*args, **kwargs):
    if os.getpid() != parent:
        os._exit(3)
    return real(*args, **kwargs)
samverka.sessions.preload.read_session = dying
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
    path = history_session(data_dir, slug="stor", meetings=12, notes=100)
    earlier = [p for p in (path / "meetings").glob("*.toml") if p.stem != str(TODAY)]
    assert sum(p.stat().st_size for p in earlier) > 2 * 2**16  # history far beyond a pipe's 64 KiB
    out = in_subprocess("""
opened = preload(path, None)()
out["pending"] = opened.store.history_pending
opened.lock.release()  # the child is still blocked writing the earlier meetings into the pipe
again = open_session(path, None)
out["free"] = not again.read_only
""", path)
    assert out == {"pending": True, "free": True}


# --- samverka open ----------------------------------------------------------------------------


def test_cli_open_with_an_unreadable_earlier_meeting_exits_1_with_one_line(data_dir: Path):
    path = history_session(data_dir, slug="trasig")
    broken, line = break_first_meeting(path)
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
    assert (match.group(1), int(match.group(2))) == (str(broken), line)
    assert "gåta" in match.group(3)
    assert "Traceback" not in app.text
    assert files(path) == before
