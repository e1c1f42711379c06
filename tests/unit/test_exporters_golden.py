"""The exports of the realistic sessions, byte for byte, against reviewed files in tests/unit/golden/.

After an intended change to the exports (or to the packs' wording), regenerate the files with

    SAMVERKA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/unit/test_exporters_golden.py

then read the diff as the parties would before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from export_fixture import agreement_session, followup_session, pack, workflow_session
from samverka import exporters
from samverka.sessions.model import Session

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("SAMVERKA_UPDATE_GOLDEN") == "1"


def _cases() -> list[tuple[str, Callable[[Path], Session], str, str | None]]:
    """(pack id, session builder, export kind, meeting id) for every golden file."""
    minutes = [("lokalt-samverkansavtal", agreement_session, "minutes", m)
               for m in ("2026-11-24", "2026-12-08", "2026-12-08-2")]
    minutes += [("lokalt-samverkansavtal", workflow_session, "minutes", m)
                for m in ("2027-01-12", "2027-02-02", "2027-02-23")]
    return [
        *minutes,
        ("lokalt-samverkansavtal", agreement_session, "agreement", None),
        ("lokalt-samverkansavtal", agreement_session, "status", "2026-12-08"),
        ("lokalt-samverkansavtal", workflow_session, "status", None),
        ("uppfoljning", followup_session, "minutes", "2026-10-06"),
        ("uppfoljning", followup_session, "report", None),
    ]


@pytest.mark.parametrize(("pack_id", "build", "kind", "meeting_id"), _cases(),
                         ids=lambda value: getattr(value, "__name__", value))
def test_export_matches_golden_file(tmp_path: Path, pack_id: str, build: Callable[[Path], Session], kind: str,
                                    meeting_id: str | None):
    session = build(tmp_path)
    meeting = session.meeting(meeting_id) if meeting_id else None
    if kind == "status":
        text = exporters.status(session, pack(pack_id), meeting)
    elif meeting is not None:
        text = exporters.minutes(session, pack(pack_id), meeting)
    else:
        text = exporters.draft(session, pack(pack_id))
    path = GOLDEN / exporters.default_filename(session, kind, meeting)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path.name} saknas: kör med SAMVERKA_UPDATE_GOLDEN=1"
    assert path.read_bytes() == text.encode("utf-8")


def test_every_golden_file_is_checked():
    """A golden file nobody compares against would rot silently."""
    names = set()
    for _, build, kind, meeting_id in _cases():
        session = build(Path("unused"))
        names.add(exporters.default_filename(session, kind, session.meeting(meeting_id) if meeting_id else None))
    assert {path.name for path in GOLDEN.glob("*.md")} == names
