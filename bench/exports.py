"""Exporting the latest meeting's minutes and the agreement draft, against the same exports of the 5-note session."""

from __future__ import annotations

from bench.fixtures import Fixtures
from bench.report import Row, Target, median, timed
from samverka.sessions.store import SessionStore

REFERENCE = "5 notes"
TARGETS = {"minutes": 100, "draft": 200}  # ms at 2,000 notes (PRODUCT.md §8)


def export(fixtures: Fixtures, repeats: int) -> list[Row]:
    from samverka import exporters

    def runs(size: str) -> dict[str, float]:
        store = SessionStore.open(fixtures.session(size), None)
        session, pack = store.session, store.pack

        def minutes() -> str:
            return exporters.minutes(session, pack, exporters.select_meeting(session, "latest"))

        def draft() -> str:
            return exporters.draft(session, pack)

        minutes(), draft()  # the exporters' own imports are not what we measure
        return {"minutes": median(timed(minutes, repeats)), "draft": median(timed(draft, repeats))}

    ms = {size: runs(size) for size in (REFERENCE, "2,000", "10,000")}
    rows = []
    for kind, label in (("minutes", "export minutes (latest meeting)"), ("draft", "export agreement draft")):
        for size in ("2,000", "10,000"):
            target = Target.at_most(TARGETS[kind], "ms") if size == "2,000" else None
            rows.append(Row(f"{label} @{size}", ms[size][kind], "ms", ms[REFERENCE][kind], REFERENCE, target))
    return rows
