"""`samverka rollup` over 30 visit sessions of 200 notes each (PRODUCT.md §9, issue 15): within 2 s.

The visits are generated through the real model and store (seeded, so repeatable) into the fixtures'
directory; the measured figure is the whole command as a user runs it, start to report on disk.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import time
from pathlib import Path

from bench.fixtures import Fixtures
from bench.generate import paragraph, sentence
from bench.report import Row, Target, median, timed
from bench.terminal import python
from samverka.phases import find_pack
from samverka.sessions.edits import set_visit
from samverka.sessions.model import Meeting, Note, Participant, Party
from samverka.sessions.store import SessionStore

VISITS = 30
NOTES = 200
TARGET_MS = 2000
KINDS = {"note": 60, "decision": 8, "action": 14, "disagreement": 8, "statement": 10}
LEVEL_PREFIXES = ("", "", "Förvaltning: ", "Central: ")
TZ = dt.timezone(dt.timedelta(hours=1))


def generate_visits(sessions_dir: Path, visits: int, notes: int, seed: int = 15) -> None:
    """`visits` visit sessions of one follow-up, each with one meeting of `notes` notes."""
    rng = random.Random(seed)
    pack = find_pack("uppfoljning", None)
    guide = pack.visit
    assert guide is not None
    questions = [*guide.overall, *(q for area in guide.areas for q in area.questions)]
    for number in range(1, visits + 1):
        store = SessionStore.create(sessions_dir, f"besok-{number:02d}", "Benchby stad",
                                    "Uppföljning av samverkansavtalet 2026", pack)
        session = store.session
        day = dt.date(2026, 9, 1) + dt.timedelta(days=2 * number)
        set_visit(session, f"Förvaltningsgrupp {number:02d}", day)
        session.parties = [Party("ag", "arbetsgivare", "Benchby stad"), Party("kommunal", "arbetstagare", "Kommunal"),
                           Party("vision", "arbetstagare", "Vision")]
        session.participants = [Participant("chef", "Chef Chefsson", "chef", "ag"),
                                Participant("hr", "Hanna Rådh", "arbetsgivarforetradare", "ag"),
                                Participant("k", "Kim Öberg", "facklig", "kommunal"),
                                Participant("v", "Vera Åström", "facklig", "vision")]
        for question_id in questions:
            state = session.edit_state(question_id)
            state.readiness = 4
            for field in pack.questions[question_id].fields:
                if rng.random() < 0.95:
                    state.answers[field.id] = paragraph(rng, 1, 3)
        for area in guide.areas:
            if rng.random() < 0.95:
                session.edit_state(area.questions[0]).answers[guide.rating_field] = rng.choice(guide.ratings).id
        meeting = Meeting(id=day.isoformat(), date=day, place="Sal 1", chair="chef", secretary="hr",
                          attendees=["chef", "hr", "k", "v"], agenda=list(questions))
        start = dt.datetime.combine(day, dt.time(9), TZ)
        for index in range(notes):
            kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
            text = sentence(rng)
            party = rng.choice(("ag", "kommunal", "vision")) if kind in ("statement", "disagreement") else None
            if kind == "action":
                text = rng.choice(LEVEL_PREFIXES) + text
            meeting.notes.append(Note(start + dt.timedelta(seconds=30 * index), rng.choice(questions), kind, text,
                                      party=party, owner="hr" if kind == "action" else None,
                                      due=day + dt.timedelta(days=60) if kind == "action" else None))
        session.meetings.append(meeting)
        store.save()


def _cli_ms(data_dir: Path, out: Path) -> float:
    argv = python("-m", "samverka", "--dir", str(data_dir), "rollup", "-o", str(out))
    began = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def rollup(fixtures: Fixtures, repeats: int) -> list[Row]:
    from samverka.exporters import rollup as report
    from samverka.sessions.rollup import gather

    dirs = {}
    for count in (1, VISITS):
        data = fixtures.root / f"rollup-{count}"
        generate_visits(data / "sessions", count, NOTES)
        dirs[count] = data

    def in_process() -> str:
        found = gather([], [], dirs[VISITS] / "sessions", None)
        return report.markdown(report.build([s.session for s in found.stores], found.stores[0].pack, found.plan))

    in_process()  # the modules' imports are not what we measure
    cli = {count: [] for count in dirs}
    for _ in range(repeats):
        for count, data in dirs.items():
            cli[count].append(_cli_ms(data, data / "rapport.md"))
    one = median(cli[1])
    return [
        Row(f"CLI rollup, {VISITS} visits × {NOTES} notes", median(cli[VISITS]), "ms", one, "1 visit",
            Target.at_most(TARGET_MS, "ms")),
        Row(f"rollup in process, {VISITS} visits × {NOTES} notes", median(timed(in_process, repeats)), "ms", one,
            "CLI, 1 visit", Target.at_most(TARGET_MS, "ms")),
    ]
