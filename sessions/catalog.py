"""The sessions of a sessions directory: a summary of each, and creating a new one (CLI and picker alike)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from samverka.errors import UserError
from samverka.sessions.model import readiness_percent
from samverka.sessions.store import SessionStore


@dataclass(frozen=True)
class Summary:
    """What a list of sessions shows of one."""

    path: Path
    slug: str
    title: str
    organisation: str
    pack: str
    meetings: int
    last_meeting: str | None
    notes: int
    percent: int  # mean readiness over the pack's questions
    open_actions: int


def summary(path: Path, packs_dir: Path | None) -> Summary:
    """A session's summary (reads and checks it; UserError if it is broken)."""
    from samverka.sessions.workflow import open_actions

    store = SessionStore.open(path, packs_dir)
    s = store.session
    return Summary(
        path=s.path, slug=s.slug, title=s.title, organisation=s.organisation, pack=s.pack,
        meetings=len(s.meetings), last_meeting=s.meetings[-1].id if s.meetings else None, notes=s.note_count(),
        percent=readiness_percent(s, list(store.pack.questions)), open_actions=len(open_actions(s)),
    )


def summaries(sessions_dir: Path, packs_dir: Path | None, skip: Collection[Path] = ()) -> Iterator[Summary | UserError]:
    """Each session directory's summary, or the error that keeps it from being read, by name; the
    directories in `skip` (listed otherwise, such as a follow-up's visits) are passed over unread."""
    if not sessions_dir.is_dir():
        return
    for path in sorted(p for p in sessions_dir.iterdir() if p.is_dir() and p not in skip):
        try:
            yield summary(path, packs_dir)
        except UserError as err:
            yield err


def create_session(sessions_dir: Path, slug: str, organisation: str, title: str, pack_id: str,
                   packs_dir: Path | None, *, group: str = "", registry: str = "") -> Path:
    """A new, empty session of a pack (the pack's title when `title` is empty), naming the body that meets
    (`group`, in the minutes' heading) and its diarienummer if given; its directory."""
    from samverka.phases import find_pack

    pack = find_pack(pack_id, packs_dir)
    organisation = organisation.strip()
    if not organisation:
        raise UserError("organisationen får inte vara tom")
    return SessionStore.create(sessions_dir, slug, organisation, title.strip() or pack.title, pack,
                               group=group.strip() or None, registry=registry.strip() or None).session.path
