"""`samverka note` from the shell: what one note costs at 2,000 notes next to a 5-note session."""

from __future__ import annotations

import subprocess
import time

from bench.fixtures import SLUG, Fixtures
from bench.report import Row, Target, median
from bench.terminal import python

SIZES = ("5 notes", "2,000", "10,000")
TARGET = 1.25  # × the 5-note session: a note's cost must not grow with the session's history


def _note_ms(data_dir, number: int) -> float:
    argv = python("-m", "samverka", "--dir", str(data_dir), "note", SLUG, "--question", "1.1",
                  f"Anteckning {number} från skriptet")
    began = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def note(fixtures: Fixtures, repeats: int) -> list[Row]:
    """Each size's session gets `repeats` notes in today's meeting (the fixtures' last meeting is today's),
    interleaved so a slow spell of the machine hits every size alike."""
    dirs = {size: fixtures.data_dir(size) for size in SIZES}
    for size in SIZES:  # unmeasured: a cold page cache is not a note's cost
        _note_ms(dirs[size], 0)
    times: dict[str, list[float]] = {size: [] for size in SIZES}
    for number in range(1, repeats + 1):
        for size in SIZES:
            times[size].append(_note_ms(dirs[size], number))
    reference = median(times["5 notes"])
    return [
        Row(f"CLI note @{size}", median(times[size]), "ms", reference, "5-note session",
            Target.ratio_at_most(TARGET) if size == "2,000" else None)
        for size in SIZES
    ]
