"""Where the time goes: a stopwatch over start-up, and pyinstrument reports (install pyinstrument into the
venv for those; the benchmarks themselves do not need it).

    python -m bench.profile phases [--size S]   start-up step by step (median of 5), next to the minimal app
    python -m bench.profile start  [--size S]   pyinstrument: start-up to the first frame, in a pty
    python -m bench.profile typing [--size S]   pyinstrument: typing and entering 4 notes, in a pty,
                                                with every garbage collection that took ≥ 2 ms
    python -m bench.profile save   [--size S]   pyinstrument: only the note saves, first after open and later
    python -m bench.profile gc     [--size S]   no profiler: garbage-collection pauses while typing as `typing`,
                                                as it is and with gc.freeze() after the first frame

S is 2,000 (default) or 10,000 notes. --html FILE also writes pyinstrument's HTML report; --all shows
library frames (Textual, tomlkit) in the tree.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.fixtures import SIZES, Fixtures
from bench.minimal_app import MARK as MINIMAL_MARK
from bench.startup import FRAME_MARK, samverka_argv
from bench.terminal import Terminal, compile_sources, python

INTERVAL = 0.0005
RUNS = 5


def _child(args: list[str], argv: list[str], marker: bytes, drive=None) -> None:
    """Run bench.profile_child in a pty until it exits by itself (after `drive` has typed, if given)."""
    with Terminal(python("-m", "bench.profile_child", *args, "--", *argv)) as term:
        if term.wait_for(marker, 60) is None:
            raise SystemExit(f"no first frame; output: {bytes(term.output[-500:])!r}")
        if drive is not None:
            drive(term)
        deadline = time.monotonic() + 60
        while not term.exited and time.monotonic() < deadline:
            term.read(0.5)


def _samverka(fixtures: Fixtures, size: str) -> list[str]:
    return samverka_argv(fixtures, size)[3:]  # what follows "python -m samverka"


def _type_notes(term: Terminal) -> None:
    from bench import keystrokes

    term.settle(keystrokes.SETTLE)
    term.send(b"n")
    term.settle(keystrokes.SETTLE)
    for sentence in keystrokes.SENTENCES[:4]:
        for char in sentence:
            term.send(char.encode())
            term.settle(keystrokes.PAUSE)
        term.send(keystrokes.ENTER)
        term.settle(0.5)
    term.send(b"\x11")  # ctrl+q: save and quit, so the profiler gets to write its report


def pyinstrument_report(what: str, fixtures: Fixtures, size: str, html: Path | None, show_all: bool) -> str:
    out = Path(tempfile.mkstemp(prefix="samverka-profile-")[1])
    flags = ["all"] if show_all else []
    try:
        _child(["profile", what, str(out), str(html or ""), *flags], _samverka(fixtures, size), FRAME_MARK.encode(),
               _type_notes if what == "typing" else None)
        return out.read_text()
    finally:
        out.unlink()


def gc_pauses(fixtures: Fixtures, size: str) -> str:
    out = Path(tempfile.mkstemp(prefix="samverka-gc-")[1])
    try:
        lines = []
        for flags, label in (([], "as it is"), (["freeze"], "with gc.freeze() after the first frame")):
            _child(["gc", str(out), *flags], _samverka(fixtures, size), FRAME_MARK.encode(), _type_notes)
            lines.append(f"{label}: {out.read_text()}")
        return "".join(lines)
    finally:
        out.unlink()


def _phases_once(argv: list[str], marker: bytes) -> list[tuple[str, float]]:
    out = Path(tempfile.mkstemp(prefix="samverka-phases-")[1])
    try:
        spawned = time.time()
        _child(["phases", str(out)], argv, marker)
        rows = [line.split("\t") for line in out.read_text().splitlines()]
        return [(label, (float(at) - spawned) * 1000) for at, label in rows]
    finally:
        out.unlink()


def phases(fixtures: Fixtures, size: str) -> str:
    """Median time from spawn to each step, for samverka and for the minimal app, interleaved runs."""
    ours: list[list[tuple[str, float]]] = []
    minimal: list[list[tuple[str, float]]] = []
    _phases_once(_samverka(fixtures, size), FRAME_MARK.encode())  # warm-up
    for _ in range(RUNS):
        minimal.append(_phases_once(["minimal"], MINIMAL_MARK.encode()))
        ours.append(_phases_once(_samverka(fixtures, size), FRAME_MARK.encode()))
    lines = []
    for name, runs in ((f"samverka open @{size}", ours), ("minimal app", minimal)):
        lines.append(f"{name} (ms from spawn, median of {len(runs)}; step = since the line before)")
        before = 0.0
        for index, (label, _) in enumerate(runs[0]):
            at = statistics.median(run[index][1] for run in runs)
            lines.append(f"  {at:7.1f}  step {at - before:6.1f}  {label}")
            before = at
    return "\n".join(lines)


def _saves(fixtures: Fixtures, size: str, html: Path | None) -> str:
    """Profile only the save_meeting calls: 5 first saves (each after a fresh open), then 20 later saves."""
    from pyinstrument import Profiler

    from bench.disk import _note
    from samverka.sessions.store import SessionStore

    path = fixtures.session(size)
    reports = []
    for label, fresh_open, repeats in (("first note save after open", True, 5), ("later note saves", False, 20)):
        profiler = Profiler(interval=INTERVAL)
        store = SessionStore.open(path, None)
        meeting = store.session.meetings[-1]  # the fixtures' last meeting is today's
        if not fresh_open:
            meeting.notes.append(_note(0))
            store.save_meeting(meeting)
        for number in range(repeats):
            if fresh_open:
                store = SessionStore.open(path, None)
                meeting = store.session.meetings[-1]  # the fixtures' last meeting is today's
            meeting.notes.append(_note(number + 1))
            profiler.start()  # a stopped profiler resumes, adding to what it has
            store.save_meeting(meeting)
            profiler.stop()
        if html is not None:
            html.with_stem(f"{html.stem}-{'first' if fresh_open else 'later'}").write_text(profiler.output_html())
        reports.append(f"=== {label} × {repeats} @{size}\n{profiler.output_text(unicode=True, color=False)}")
    return "\n".join(reports)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("phases", "start", "typing", "save", "gc"))
    parser.add_argument("--size", default="2,000", choices=list(SIZES))
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write pyinstrument's HTML report")
    parser.add_argument("--all", action="store_true", help="show library frames too (Textual, tomlkit, …)")
    args = parser.parse_args(argv)
    compile_sources()
    fixtures = Fixtures.create()
    try:
        if args.what == "phases":
            print(phases(fixtures, args.size))
        elif args.what == "gc":
            print(gc_pauses(fixtures, args.size))
        elif args.what == "save":
            print(_saves(fixtures, args.size, args.html))
        else:
            print(pyinstrument_report(args.what, fixtures, args.size, args.html, args.all))
    finally:
        fixtures.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
