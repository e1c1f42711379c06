"""Start to first frame in a real pty: `samverka open` on a large session against a minimal Textual app."""

from __future__ import annotations

from bench.fixtures import SLUG, Fixtures
from bench.generate import PACK
from bench.minimal_app import MARK as MINIMAL_MARK
from bench.report import Row, Target, median
from bench.terminal import Terminal, python
from samverka.phases import find_pack

# samverka opens on the pack's first question: its screen is complete when the card shows that prompt.
FRAME_MARK = next(iter(find_pack(PACK, None).questions.values())).prompt[:26]
TIMEOUT = 30.0
SIZES = ("5 notes", "2,000", "10,000")
TARGETS = {"2,000": 1.3, "10,000": 2.0}  # × the minimal app (PRODUCT.md §8 and the Performance issue)


class StartFailed(RuntimeError):
    pass


def first_frame(argv: list[str], marker: bytes) -> tuple[float, int | None]:
    """Milliseconds from spawning `argv` until `marker` is on the screen, and its peak RSS then (KiB)."""
    with Terminal(argv) as term:
        found = term.wait_for(marker, TIMEOUT)
        if found is None:
            tail = bytes(term.output[-200:]).decode("utf-8", "replace")
            raise StartFailed(f"{' '.join(argv[1:])}: no first frame within {TIMEOUT:.0f} s; last output: {tail!r}")
        return (found - term.spawned) * 1000, term.peak_rss_kib()


def samverka_argv(fixtures: Fixtures, size: str) -> list[str]:
    return python("-m", "samverka", "--dir", str(fixtures.data_dir(size)), "open", SLUG)


def startup(fixtures: Fixtures, repeats: int) -> list[Row]:
    minimal_argv = python("-m", "bench.minimal_app")
    minimal_mark = MINIMAL_MARK.encode()
    ours = FRAME_MARK.encode()
    # One unmeasured run of each: a cold page cache is not start-up (compile_sources did the byte-compiling).
    first_frame(minimal_argv, minimal_mark)
    for size in SIZES:
        first_frame(samverka_argv(fixtures, size), ours)
    times: dict[str, list[float]] = {"minimal": [], **{size: [] for size in SIZES}}
    rss: dict[str, list[int]] = {"minimal": [], **{size: [] for size in SIZES}}
    for _ in range(repeats):  # interleaved, so a slow spell of the machine hits every program alike
        ms, kib = first_frame(minimal_argv, minimal_mark)
        times["minimal"].append(ms)
        rss["minimal"].append(kib or 0)
        for size in SIZES:
            ms, kib = first_frame(samverka_argv(fixtures, size), ours)
            times[size].append(ms)
            rss[size].append(kib or 0)
    reference = median(times["minimal"])
    rows = [
        Row(f"start to first frame @{size}", median(times[size]), "ms", reference, "minimal app",
            Target.ratio_at_most(TARGETS[size]) if size in TARGETS else None)
        for size in SIZES
    ]
    rows.append(Row("peak RSS at first frame @10,000", median(rss["10,000"]) / 1024, "MiB",
                    median(rss["minimal"]) / 1024, "minimal app"))
    return rows
