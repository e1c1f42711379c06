"""Opening a session, saving one note, and peak memory: in-process, against the 5-note session."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from bench.fixtures import Fixtures
from bench.report import Row, Target, median, timed
from samverka.sessions.model import Note
from samverka.sessions.store import SessionStore

REFERENCE = "5 notes"
SAVE_MS = 30


def _open(path: Path, history: bool = True) -> SessionStore:
    return SessionStore.open(path, None, history=history)


def load(fixtures: Fixtures, repeats: int) -> list[Row]:
    paths = {size: fixtures.session(size) for size in (REFERENCE, "2,000", "10,000")}
    _open(paths[REFERENCE])  # imports and the pack's first read are not what we measure
    ms = {size: median(timed(lambda p=path: _open(p), repeats)) for size, path in paths.items()}
    # What the TUI's first frame waits for: session.toml and the latest day's meetings (the rest follows).
    latest = {size: median(timed(lambda p=path: _open(p, history=False), repeats)) for size, path in paths.items()}
    return [
        *(Row(f"open session @{size}", ms[size], "ms", ms[REFERENCE], REFERENCE) for size in ("2,000", "10,000")),
        *(Row(f"open latest day only @{size}", latest[size], "ms", latest[REFERENCE], REFERENCE,
              note="what the first frame needs") for size in ("2,000", "10,000")),
    ]


def _note(number: int) -> Note:
    at = dt.datetime.now().astimezone().replace(microsecond=0)
    return Note(at, "1.1", "note", f"Parterna går vidare med punkt {number} på dagordningen; åtgärden följs upp.",
                party="st", by="cecilia")


def _first_saves(path: Path, repeats: int) -> list[float]:
    """One note saved right after opening: the store has not parsed the meeting file for editing yet."""
    times = []
    for number in range(repeats):
        store = _open(path)
        meeting = store.session.meetings[-1]  # the fixtures' last meeting is today's
        meeting.notes.append(_note(number))
        times += timed(lambda s=store, m=meeting: s.save_meeting(m), 1)
    return times


def _later_saves(path: Path, repeats: int) -> list[float]:
    """Notes saved one by one in an open session, as during a meeting."""
    store = _open(path)
    meeting = store.session.meetings[-1]  # the fixtures' last meeting is today's
    meeting.notes.append(_note(0))
    store.save_meeting(meeting)
    times = []
    for number in range(1, repeats + 1):
        meeting.notes.append(_note(number))
        times += timed(lambda: store.save_meeting(meeting), 1)
    return times


def save(fixtures: Fixtures, repeats: int, first_repeats: int) -> list[Row]:
    sizes = (REFERENCE, "2,000", "10,000")
    paths = {size: fixtures.session(size) for size in sizes}
    later = {size: median(_later_saves(paths[size], repeats)) for size in sizes}
    first = {size: median(_first_saves(paths[size], first_repeats)) for size in sizes}
    bar = Target.at_most(SAVE_MS, "ms")
    rows = [
        Row("note save @2,000", later["2,000"], "ms", later[REFERENCE], REFERENCE, bar),
        Row("note save @10,000", later["10,000"], "ms", later[REFERENCE], REFERENCE),
        Row("note save growth 10,000 vs 2,000", later["10,000"], "ms", later["2,000"], "@2,000",
            Target.ratio_at_most(1.5), "same meeting size, 5× history"),
        Row("first note save after open @2,000", first["2,000"], "ms", first[REFERENCE], REFERENCE, bar),
        Row("first note save after open @10,000", first["10,000"], "ms", first[REFERENCE], REFERENCE),
    ]
    return rows


# VmHWM rather than getrusage's ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of
# this (large) benchmark process would report the parent's peak.
_PEAK = """
import sys
from pathlib import Path
from samverka.sessions.store import SessionStore
store = SessionStore.open(Path(sys.argv[1]), None)
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
"""


def _peak_mib(path: Path) -> float:
    done = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024  # KiB


def memory(fixtures: Fixtures) -> list[Row]:
    reference = _peak_mib(fixtures.session(REFERENCE))
    return [Row("peak RSS, open session @10,000", _peak_mib(fixtures.session("10,000")), "MiB", reference, REFERENCE)]
