"""Results of the benchmarks: one row each, a target from PRODUCT.md §8, and the table they print as."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass


@dataclass
class Target:
    """A bar from PRODUCT.md §8: on the value itself (`limit` in the row's unit) or on value/reference."""

    text: str
    check: Callable[[float, float], bool]

    @classmethod
    def at_most(cls, limit: float, unit: str) -> Target:
        return cls(f"≤ {limit:g} {unit}", lambda value, _ratio: value <= limit)

    @classmethod
    def ratio_at_most(cls, limit: float) -> Target:
        return cls(f"≤ {limit:g}×", lambda _value, ratio: ratio <= limit)


@dataclass
class Row:
    name: str
    value: float
    unit: str
    reference: float
    reference_name: str
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.reference if self.reference else math.inf

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.target.check(self.value, self.ratio)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["target"] = self.target.text if self.target else None
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _number(value: float, unit: str) -> str:
    if unit in ("ms", "MiB") and value < 10:
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}".replace(",", " ")


def table(rows: Sequence[Row]) -> str:
    header = ("benchmark", "value", "reference", "ratio", "target", "result")
    lines = [header]
    for row in rows:
        verdict = {True: "pass", False: "FAIL", None: "info"}[row.passed]
        lines.append((
            row.name,
            _number(row.value, row.unit),
            f"{_number(row.reference, row.unit)} ({row.reference_name})",
            f"{row.ratio:.2f}×",
            row.target.text if row.target else "—",
            verdict + (f"  {row.note}" if row.note else ""),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = []
    for index, line in enumerate(lines):
        cells = [cell.ljust(width) if i != 1 else cell.rjust(width) for i, (cell, width) in
                 enumerate(zip(line[:-1], widths, strict=True))]
        out.append("  ".join([*cells, line[-1]]).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in [*widths, len(header[-1])]))
    return "\n".join(out)


def markdown(rows: Sequence[Row]) -> str:
    """The same table in Markdown, for bench/README.md."""
    out = ["| benchmark | value | reference | ratio | target | result |", "|---|--:|---|--:|---|---|"]
    for row in rows:
        verdict = {True: "pass", False: "**FAIL**", None: "info"}[row.passed]
        note = f" ({row.note})" if row.note else ""
        target = row.target.text if row.target else "—"
        out.append(f"| {row.name} | {_number(row.value, row.unit)} | {_number(row.reference, row.unit)} "
                   f"({row.reference_name}) | {row.ratio:.2f}× | {target} | {verdict}{note} |")
    return "\n".join(out)


def timed(run: Callable[[], object], repeats: int) -> list[float]:
    """Milliseconds of each of `repeats` calls of `run`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times
