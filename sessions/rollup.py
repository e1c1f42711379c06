"""The visits of a central follow-up (PRODUCT.md §9): each visit's day and how complete it is, the plan of
groups to visit, and finding the sessions a roll-up reads — for the CLI and the picker alike.

A visit (`model.is_visit`) is a session of the `uppfoljning` pack whose session.toml names the `group` visited (and,
optionally, the day it was `visited`). A plan file, `uppfoljningsplan.toml`, lists the groups the
follow-up meant to visit, so that the roll-up can say which were not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from samverka import tomlfile
from samverka.errors import UserError
from samverka.phases import Pack
from samverka.schema import Source, Table
from samverka.sessions.model import Session, is_visit
from samverka.sessions.store import SESSION_FILE, SessionStore

PACK = "uppfoljning"
PLAN_FILE = "uppfoljningsplan.toml"


# --- a visit's day and how complete it is ---------------------------------------------------


def visit_day(session: Session) -> dt.date | None:
    """The day of the visit: `visited`, else the day of the session's first meeting."""
    if session.visited is not None:
        return session.visited
    return min((m.date for m in session.meetings), default=None)


@dataclass(frozen=True)
class Progress:
    """How complete a visit's record is: guide fields answered and areas rated."""

    answered: int
    fields: int
    rated: int
    areas: int

    @property
    def percent(self) -> int:
        total = self.fields + self.areas
        return round(100 * (self.answered + self.rated) / total) if total else 0


def progress(session: Session, pack: Pack) -> Progress:
    guide = pack.visit
    if guide is None:
        return Progress(0, 0, 0, 0)
    questions = [*guide.overall, *(q for area in guide.areas for q in area.questions)]
    fields = [(q, f.id) for q in questions for f in pack.questions[q].fields]
    answered = sum(bool((session.state(q).answers.get(f) or "").strip()) for q, f in fields)
    rated = sum(guide.rating(session.state(a.questions[0]).answers.get(guide.rating_field)) is not None
                for a in guide.areas)
    return Progress(answered, len(fields), rated, len(guide.areas))


# --- the visits in a sessions directory, for a picker -----------------------------------------


@dataclass(frozen=True)
class VisitSummary:
    """What a list of visits shows of one."""

    path: Path
    slug: str
    title: str
    organisation: str
    group: str
    day: dt.date | None
    progress: Progress


@dataclass(frozen=True)
class FollowUp:
    """The visits of one follow-up: those sharing organisation and title, by day and group."""

    organisation: str
    title: str
    visits: tuple[VisitSummary, ...]


def visits(sessions_dir: Path, packs_dir: Path | None) -> list[FollowUp | UserError]:
    """The follow-ups with visits in a sessions directory, and the errors of visits that cannot be read."""
    found: dict[tuple[str, str], list[VisitSummary]] = {}
    errors: list[FollowUp | UserError] = []
    for path in _session_dirs(sessions_dir):
        try:
            if _pack_of(path) != PACK:
                continue
            store = SessionStore.open(path, packs_dir)
        except UserError as err:
            errors.append(err)
            continue
        s = store.session
        if is_visit(s):
            summary = VisitSummary(s.path, s.slug, s.title, s.organisation, (s.group or "").strip(),
                                   visit_day(s), progress(s, store.pack))
            found.setdefault((s.organisation, s.title), []).append(summary)
    follow_ups: list[FollowUp | UserError] = [
        FollowUp(organisation, title, tuple(sorted(group, key=_visit_order)))
        for (organisation, title), group in sorted(found.items())
    ]
    return follow_ups + errors


def _visit_order(visit: VisitSummary) -> tuple:
    return (visit.day or dt.date.max, visit.group.casefold(), visit.slug)


# --- the sessions one roll-up reads --------------------------------------------------------------


@dataclass(frozen=True)
class Gathered:
    """The visits a roll-up reads, and the plan found beside them (or given)."""

    stores: list[SessionStore]
    plan: Plan


def gather(names: list[Path], dirs: list[Path], sessions_dir: Path, packs_dir: Path | None,
           plan_file: Path | None = None) -> Gathered:
    """Read the visits of one roll-up: the sessions named, else every session in each of `dirs`, else
    every visit in the sessions directory (which must then hold the visits of one follow-up only).

    A session of another pack, or one named that is no visit, is refused. In a directory, sessions of
    the pack that are no visit (the central group's own follow-up, say) are passed over.
    """
    stores: list[SessionStore] = []
    seen: set[Path] = set()
    places: list[Path] = []

    def take(path: Path, *, named: bool) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        store = SessionStore.open(path, packs_dir)
        if store.pack.id != PACK:
            raise UserError(f"sessionen '{store.session.slug}' hör till paketet '{store.pack.id}', inte "
                            f"'{PACK}': bara besök i uppföljningen kan sammanställas", path)
        if store.pack.visit is None:
            raise UserError(f"paketet '{PACK}' saknar [visit]: det beskriver inte besöken", store.pack.path)
        if is_visit(store.session):
            stores.append(store)
        elif named:
            raise UserError(f"sessionen '{store.session.slug}' är inget besök: 'group' saknas i {SESSION_FILE}",
                            path)

    for path in names:
        take(path, named=True)
        places.append(path.parent)
    for directory in dirs:
        if (directory / SESSION_FILE).is_file():
            take(directory, named=True)
            places.append(directory.parent)
            continue
        folder = directory / "sessions" if (directory / "sessions").is_dir() else directory
        if not folder.is_dir():
            raise UserError("katalogen finns inte", directory)
        places += [directory, folder]
        for path in _session_dirs(folder):
            take(path, named=False)
    if not names and not dirs:
        places.append(sessions_dir)
        for path in _session_dirs(sessions_dir):
            if _pack_of(path) == PACK:
                take(path, named=False)
        _one_follow_up(stores)
    if not stores:
        raise UserError("inga besök att sammanställa: ingen session i paketet 'uppfoljning' anger 'group'")
    if plan_file is None:
        plan_file = next((p / PLAN_FILE for p in places if (p / PLAN_FILE).is_file()), None)
    plan = read_plan(plan_file) if plan_file is not None else Plan()
    stores.sort(key=lambda s: (visit_day(s.session) or dt.date.max, (s.session.group or "").casefold(),
                               s.session.slug))
    return Gathered(stores, plan)


def _one_follow_up(stores: list[SessionStore]) -> None:
    """Refuse to mix the visits of different follow-ups (another year's, say) found in one directory."""
    titles: dict[tuple[str, str], int] = {}
    for store in stores:
        key = (store.session.organisation, store.session.title)
        titles[key] = titles.get(key, 0) + 1
    if len(titles) > 1:
        listed = "; ".join(f"{org} – {title} ({count} besök)" for (org, title), count in sorted(titles.items()))
        raise UserError(f"datakatalogen har besök från flera uppföljningar ({listed}); ange sessionerna eller --dir")


def _session_dirs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / SESSION_FILE).is_file())


def _pack_of(path: Path) -> str | None:
    """A session's pack id, read without checking the rest: to pass over other packs' sessions cheaply."""
    _, data = tomlfile.load(path / SESSION_FILE)
    pack = data.get("pack")
    return pack if isinstance(pack, str) else None


# --- the plan: which groups the follow-up meant to visit ---------------------------------------


@dataclass(frozen=True)
class PlannedGroup:
    name: str
    administration: str | None = None  # the förvaltning the group belongs to
    not_visited: str | None = None  # why it was not visited, when it was not


@dataclass(frozen=True)
class Plan:
    """`uppfoljningsplan.toml`: the follow-up's title, who makes it, its period and the groups to visit.

    Every key is optional; without a plan the roll-up takes what the visits say and cannot name the
    groups that were not visited."""

    path: Path | None = None
    title: str | None = None
    organisation: str | None = None
    central_group: str | None = None
    period: str | None = None
    groups: tuple[PlannedGroup, ...] = ()

    def group(self, name: str) -> PlannedGroup | None:
        wanted = name.strip().casefold()
        return next((g for g in self.groups if g.name.strip().casefold() == wanted), None)


def read_plan(path: Path) -> Plan:
    """Read and check a plan file; an error names its file and line."""
    text, data = tomlfile.load(path)
    top = Table(Source(path, text), data)
    top.only({"title", "organisation", "central_group", "period", "groups"})
    groups: list[PlannedGroup] = []
    for t in top.tables("groups"):
        t.only({"name", "forvaltning", "not_visited"})
        name = t.text("name").strip()
        if not name:
            t.fail("gruppens namn är tomt", "name")
        if any(g.name.casefold() == name.casefold() for g in groups):
            t.fail(f"gruppen '{name}' finns redan i planen", "name")
        groups.append(PlannedGroup(name, t.text("forvaltning", None), t.text("not_visited", None)))
    return Plan(path, top.text("title", None), top.text("organisation", None), top.text("central_group", None),
                top.text("period", None), tuple(groups))
