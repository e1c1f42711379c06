"""Run the benchmarks and print one table: `python -m bench [--quick] [--only NAME ...] [--json FILE]`.

Exit status 0 when every benchmark ran (whatever its result; --strict: and met its target), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.fixtures import SIZES, Fixtures
from bench.report import Row, markdown, table
from bench.terminal import compile_sources


@dataclass(frozen=True)
class Repeats:
    start: int
    typing_runs: int
    keys: int
    notes: int
    load: int
    save: int
    first_save: int
    export: int
    note: int
    rollup: int


FULL = Repeats(start=5, typing_runs=2, keys=100, notes=6, load=5, save=20, first_save=5, export=10, note=10, rollup=5)
QUICK = Repeats(start=3, typing_runs=1, keys=60, notes=4, load=3, save=10, first_save=3, export=5, note=5, rollup=3)


def _benchmarks(fixtures: Fixtures, r: Repeats) -> dict[str, Callable[[], list[Row]]]:
    from bench import cli, disk, exports, keystrokes, rollup, startup

    return {
        "start": lambda: startup.startup(fixtures, r.start),
        "typing": lambda: keystrokes.keystrokes(fixtures, r.typing_runs, r.keys, r.notes),
        "save": lambda: disk.save(fixtures, r.save, r.first_save),
        "export": lambda: exports.export(fixtures, r.export),
        "note": lambda: cli.note(fixtures, r.note),
        "rollup": lambda: rollup.rollup(fixtures, r.rollup),
        "load": lambda: disk.load(fixtures, r.load),
        "memory": lambda: disk.memory(fixtures),
    }


NAMES = ("start", "typing", "save", "export", "note", "rollup", "load", "memory")


def machine() -> str:
    import textual

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs, {cpu}; Python {platform.python_version()}, Textual {textual.__version__}; "
            f"{platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0].split(":")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a rough figure in about half the time)")
    parser.add_argument("--only", action="append", choices=NAMES, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON to FILE")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for bench/README.md)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a row misses its target")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate the sessions into DIR and keep them (default: a temporary directory)")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("bench: needs Linux (pseudo-terminals, /proc)", file=sys.stderr)
        return 2

    began = time.perf_counter()
    print(f"bench: {machine()}", file=sys.stderr)
    compile_sources()
    print(f"bench: generating sessions ({', '.join(SIZES)} notes) …", file=sys.stderr)
    fixtures = Fixtures.create(args.keep)
    rows: list[Row] = []
    failed: list[str] = []
    try:
        benchmarks = _benchmarks(fixtures, QUICK if args.quick else FULL)
        for name in args.only or NAMES:
            started = time.perf_counter()
            print(f"bench: {name} …", file=sys.stderr, end="", flush=True)
            try:
                found = benchmarks[name]()
            except Exception as err:  # one broken benchmark must not hide the others' figures
                print(f" failed: {err}", file=sys.stderr)
                failed.append(f"{name}: {err}")
                continue
            rows += found
            print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        if args.keep is None:
            fixtures.cleanup()
    print(markdown(rows) if args.markdown else table(rows))
    print(f"\n{len(rows)} rows in {time.perf_counter() - began:.0f} s; "
          f"{sum(r.passed is False for r in rows)} below target")
    for failure in failed:
        print(f"benchmark failed: {failure}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "rows": [r.as_dict() for r in rows]},
                                        indent=2, ensure_ascii=False) + "\n")
    missed = args.strict and any(r.passed is False for r in rows)
    return 1 if failed or missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
