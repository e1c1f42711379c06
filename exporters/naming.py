"""File names for exports: "<slug>-protokoll-2026-11-22.md", "<slug>-avtalsutkast.md", …"""

from __future__ import annotations

from samverka.sessions.model import Meeting, Session

_KIND_NAMES = {"agreement": "avtalsutkast", "report": "uppfoljningsrapport"}
_MINUTES_NAMES = {"Protokoll": "protokoll", "Mötesanteckningar": "motesanteckningar"}


def default_filename(session: Session, kind: str, meeting: Meeting | None) -> str:
    """The suggested file name for an export of `kind` ("minutes", "agreement" or "report")."""
    if kind == "minutes":
        if meeting is None:
            raise ValueError("minutes need a meeting")
        return f"{session.slug}-{_MINUTES_NAMES.get(session.minutes_title, 'protokoll')}-{meeting.id}.md"
    if kind not in _KIND_NAMES:
        raise ValueError(f"unknown export kind {kind!r}")
    return f"{session.slug}-{_KIND_NAMES[kind]}.md"
