"""File names for exports: "<slug>-protokoll-2026-11-22.md", "<slug>-avtalsutkast.md", …, and a roll-up's
"sammanstallning-<title>.md"."""

from __future__ import annotations

from samverka.sessions.model import Meeting, Session
from samverka.text import ascii_slug

_KIND_NAMES = {"agreement": "avtalsutkast", "report": "uppfoljningsrapport", "feedback": "aterkoppling",
               "status": "arbetslage"}
_MINUTES_NAMES = {"Protokoll": "protokoll", "Mötesanteckningar": "motesanteckningar"}


def default_filename(session: Session, kind: str, meeting: Meeting | None) -> str:
    """The suggested file name for an export of `kind` ("minutes", "status", "agreement", "report" or
    "feedback"); the Arbetsläge of one meeting is named after it."""
    if kind == "minutes":
        if meeting is None:
            raise ValueError("minutes need a meeting")
        return f"{session.slug}-{_MINUTES_NAMES.get(session.minutes_title, 'protokoll')}-{meeting.id}.md"
    if kind == "status" and meeting is not None:
        return f"{session.slug}-arbetslage-{meeting.id}.md"
    if kind not in _KIND_NAMES:
        raise ValueError(f"unknown export kind {kind!r}")
    return f"{session.slug}-{_KIND_NAMES[kind]}.md"


def rollup_filename(title: str) -> str:
    """The roll-up of a follow-up's visits, named after the follow-up."""
    return f"sammanstallning-{ascii_slug(title) or 'uppfoljning'}.md"
