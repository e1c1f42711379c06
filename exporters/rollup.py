"""The central follow-up across many groups (PRODUCT.md §9): the visits gathered into one structure, rendered
as a Markdown report or as the groups × areas matrix in CSV.

Never invents text: every answer, note and statement is the group's own, quoted with the group named;
a missing answer shows as missing. The only words added are the pack's (area titles, theme labels,
ratings) and the report's own headings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samverka.exporters.common import MISSING, Names, date, joined, note_time, table
from samverka.exporters.markdown import HARD_BREAK, inline, is_blank, lines, paragraphs
from samverka.phases import Pack
from samverka.phases.pack import ActionLevel, Rating, Theme, VisitArea, VisitGuide
from samverka.sessions.model import Note, Session, is_open_action
from samverka.sessions.rollup import Gathered, Plan, gather, visit_day

NOT_RATED = "Saknas"
UNCLEAR = "Oklar"


@dataclass(frozen=True)
class Visit:
    """One visited group, as the roll-up uses it."""

    session: Session
    group: str
    day: dt.date | None
    ratings: dict[str, Rating | None]  # area phase id -> the agreed rating (None: missing or unclear)
    unclear: dict[str, str]  # area phase id -> rating text that names no rating on the scale


@dataclass(frozen=True)
class Coverage:
    group: str
    administration: str | None
    visit: Visit | None
    note: str | None  # why not visited, or that the group is not in the plan


@dataclass(frozen=True)
class Quote:
    visit: Visit
    text: str | None  # None: not answered


@dataclass(frozen=True)
class FieldAnswers:
    question: str
    field: str
    label: str
    quotes: list[Quote]


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    visits: list[Visit]


@dataclass(frozen=True)
class View:
    """A disagreement noted in a visit, with who said it."""

    visit: Visit
    names: Names
    note: Note


@dataclass(frozen=True)
class Area:
    area: VisitArea
    themes: list[ThemeCount]
    answers: list[FieldAnswers]
    views: list[View]


@dataclass(frozen=True)
class Action:
    visit: Visit
    names: Names
    note: Note
    text: str  # the note's text without its level prefix


@dataclass(frozen=True)
class Statement:
    visit: Visit
    note: Note


@dataclass
class RollUp:
    """The whole roll-up, built once; rendered by `markdown` and `matrix_csv`."""

    pack: Pack
    guide: VisitGuide
    plan: Plan
    title: str
    organisation: str
    period: str
    visits: list[Visit]
    coverage: list[Coverage]
    overall: list[FieldAnswers]
    areas: list[Area]
    examples: list[Quote]
    actions: dict[str, list[Action]]  # level id -> actions
    statements: dict[str, list[Statement]]  # party name -> statements
    employers: set[str] = field(default_factory=set)  # the party names of the employer side, shown first
    missing: dict[int, list[str]] = field(default_factory=dict)  # index in visits -> what is missing


def build(sessions: list[Session], pack: Pack, plan: Plan) -> RollUp:
    """The roll-up of `sessions` (visits of one pack with a [visit] guide, in the order to show them)."""
    guide = pack.visit
    if guide is None:
        raise ValueError(f"pack {pack.id} has no visit guide")
    visits = [_visit(s, guide) for s in sessions]
    names = {id(v): Names(v.session, pack) for v in visits}
    notes = {id(v): sorted((n for m in v.session.meetings for n in m.notes), key=note_time(v.session.zone))
             for v in visits}

    rollup = RollUp(
        pack=pack, guide=guide, plan=plan,
        title=plan.title or _common([s.title for s in sessions]) or guide.title,
        organisation=plan.organisation or _common([s.organisation for s in sessions]) or "",
        period=plan.period or _period([v.day for v in visits]),
        visits=visits,
        coverage=_coverage(visits, plan),
        overall=[a for q in guide.overall for a in _answers(pack, q, visits)],
        areas=[],
        examples=[Quote(v, _text(v.session.state(guide.examples[0]).answers.get(guide.examples[1])))
                  for v in visits],
        actions={level.id: [] for level in guide.levels},
        statements={},
    )
    for area in guide.areas:
        answers = [a for q in area.questions for a in _answers(pack, q, visits)]
        phase_questions = {q.id for q in next(p for p in pack.phases if p.id == area.phase_id).questions}
        views = [View(v, names[id(v)], n) for v in visits for n in notes[id(v)]
                 if n.kind == "disagreement" and n.question in phase_questions]
        rollup.areas.append(Area(area, _themes(area, answers, visits), answers, views))
    for v in visits:
        for note in notes[id(v)]:
            if note.kind == "action":
                level, text = action_level(guide.levels, note.text)
                rollup.actions[level.id].append(Action(v, names[id(v)], note, text))
            elif note.kind == "statement":
                party = v.session.party(note.party) if note.party else None
                rollup.statements.setdefault(party.name if party else "", []).append(Statement(v, note))
                if party is not None and party.kind == "arbetsgivare":
                    rollup.employers.add(party.name)
    for index, v in enumerate(visits):
        missing = _missing(pack, guide, v)
        if missing:
            rollup.missing[index] = missing
    return rollup


def _visit(session: Session, guide: VisitGuide) -> Visit:
    ratings: dict[str, Rating | None] = {}
    unclear: dict[str, str] = {}
    for area in guide.areas:
        text = session.state(area.questions[0]).answers.get(guide.rating_field)
        ratings[area.phase_id] = guide.rating(text)
        if ratings[area.phase_id] is None and not is_blank(text):
            unclear[area.phase_id] = text or ""
    return Visit(session, (session.group or "").strip(), visit_day(session), ratings, unclear)


def _text(answer: str | None) -> str | None:
    return None if is_blank(answer) else answer


def _answers(pack: Pack, question_id: str, visits: list[Visit]) -> list[FieldAnswers]:
    question = pack.questions[question_id]
    return [
        FieldAnswers(question_id, f.id, f.label,
                     [Quote(v, _text(v.session.state(question_id).answers.get(f.id))) for v in visits])
        for f in question.fields
    ]


def _themes(area: VisitArea, answers: list[FieldAnswers], visits: list[Visit]) -> list[ThemeCount]:
    said: dict[int, str] = {}
    for answer in answers:
        for quote in answer.quotes:
            if quote.text:
                said[id(quote.visit)] = said.get(id(quote.visit), "") + "\n" + quote.text.casefold()
    counts = []
    for theme in area.themes:
        pattern = re.compile("|".join(r"(?<!\w)" + re.escape(word) for word in theme.words))
        found = [v for v in visits if pattern.search(said.get(id(v), ""))]
        if found:
            counts.append(ThemeCount(theme, found))
    counts.sort(key=lambda c: -len(c.visits))  # stable: the pack's order among equals
    return counts


def action_level(levels: tuple[ActionLevel, ...], text: str) -> tuple[ActionLevel, str]:
    """The level an action's text names with a leading "<prefix>:", and the text without it."""
    stripped = text.lstrip()
    for level in levels:
        prefix = level.prefix.casefold() + ":"
        if stripped.casefold().startswith(prefix):
            return level, stripped[len(prefix):].strip()
    return levels[0], text


def _missing(pack: Pack, guide: VisitGuide, visit: Visit) -> list[str]:
    out = []
    if visit.day is None:
        out.append("besöksdatum")
    for area in guide.areas:
        if visit.ratings[area.phase_id] is None:
            what = "oklar bedömning" if area.phase_id in visit.unclear else "bedömning"
            out.append(f"{what} av {area.title}")
    for question_id in [*guide.overall, *(q for a in guide.areas for q in a.questions)]:
        question = pack.questions[question_id]
        answers = visit.session.state(question_id).answers
        for f in question.fields:
            if is_blank(answers.get(f.id)):
                out.append(f"{question_id} {question.title} – {f.label}")
    return out


def _coverage(visits: list[Visit], plan: Plan) -> list[Coverage]:
    rows = []
    for planned in plan.groups:
        found = [v for v in visits if v.group.casefold() == planned.name.strip().casefold()]
        if not found:
            rows.append(Coverage(planned.name, planned.administration, None, planned.not_visited))
        rows += [Coverage(planned.name, planned.administration, v, None) for v in found]
    for v in visits:
        if plan.groups and plan.group(v.group) is None:
            rows.append(Coverage(v.group, None, v, "Finns inte med i uppföljningsplanen."))
        elif not plan.groups:
            rows.append(Coverage(v.group, None, v, None))
    return rows


def _common(values: list[str]) -> str | None:
    distinct = {v.strip() for v in values if v.strip()}
    return distinct.pop() if len(distinct) == 1 else None


def _period(days: list[dt.date | None]) -> str:
    known = sorted(d for d in days if d is not None)
    if not known:
        return ""
    return date(known[0]) if known[0] == known[-1] else f"{date(known[0])} – {date(known[-1])}"


# --- Markdown ----------------------------------------------------------------------------------


def markdown(rollup: RollUp) -> str:
    guide, plan = rollup.guide, rollup.plan
    visited = {id(v) for v in rollup.visits}
    planned = len(plan.groups)
    out = [f"# {inline(rollup.title) or MISSING}", ""]
    out += [
        "- **Dokument:** Sammanställning av besöken i förvaltningsgrupperna",
        f"- **Organisation:** {inline(rollup.organisation) or MISSING}",
        f"- **Genomförd av:** {inline(plan.central_group or '') or MISSING}",
        f"- **Period:** {inline(rollup.period) or MISSING}",
        f"- **Underlag:** {len(visited)} besök" + (f" av {planned} planerade grupper" if planned else ""),
        "",
    ]

    out += ["## Metod", ""]
    out += [HARD_BREAK.join(p) for p in paragraphs(guide.method)] + [""]
    out += ["Samma frågor ställdes i alla grupper:", ""]
    if guide.overall:
        out.append("- Övergripande: " + "; ".join(_question(rollup.pack, q) for q in guide.overall))
    out += [f"- {inline(a.title)}: " + "; ".join(_question(rollup.pack, q) for q in a.questions) for a in guide.areas]
    out.append("")
    scale = ", ".join(inline(r.label) for r in guide.ratings)
    out += [f"Gruppens parter enades om en bedömning per utvecklingsområde: {scale}. {inline(guide.rating_source)}",
            ""]
    out += ["Sammanställningen återger gruppernas egna svar ordagrant och med gruppen namngiven; ingen text är "
            "tillagd eller omskriven, och ett svar som saknas visas som saknat. Ett tema räknas för en grupp när "
            "gruppens svar inom området innehåller något av temats sökord; läs citaten innan slutsatser dras.", ""]

    out += ["## Täckning", ""]
    rows = [[inline(c.group) or MISSING, inline(c.administration or "") or MISSING,
             date(c.visit.day) if c.visit and c.visit.day else ("Datum saknas" if c.visit else "Ej besökt"),
             inline(c.note or "") or MISSING, inline(c.visit.session.slug) if c.visit else MISSING]
            for c in rollup.coverage]
    out += [*table(["Förvaltningsgrupp", "Förvaltning", "Besökt", "Kommentar", "Session"], rows), ""]
    if planned:
        not_visited = [inline(c.group) for c in rollup.coverage if c.visit is None]
        count = sum(1 for g in plan.groups if any(c.visit for c in rollup.coverage if c.group == g.name))
        line = f"**{count} av {planned} planerade grupper besöktes.**"
        if not_visited:
            line += f" Ej besökta: {joined(not_visited)}."
        out += [line, ""]
    else:
        out += [f"**{len(rollup.visits)} grupper besöktes.** Ingen uppföljningsplan angavs, så grupper som inte "
                "besöktes kan inte visas.", ""]

    out += ["## Bedömning per utvecklingsområde", ""]
    headers = ["Förvaltningsgrupp", *(inline(a.title) for a in guide.areas)]
    out += [*table(headers, [[inline(v.group), *(_rating_cell(v, a) for a in guide.areas)]
                             for v in rollup.visits]), ""]

    if rollup.overall:
        out += ["## Övergripande bild", ""]
        # the good examples have a section of their own
        overall = [a for a in rollup.overall if (a.question, a.field) != guide.examples]
        out += _answer_blocks(rollup, overall, None, "###")
    for number, area in enumerate(rollup.areas, start=1):
        out += [f"## {number}. {inline(area.area.title)}", ""]
        spread = []
        for rating in guide.ratings:
            groups = [inline(v.group) for v in rollup.visits if v.ratings[area.area.phase_id] == rating]
            if groups:
                spread.append(f"{inline(rating.label)}: {joined(groups)}")
        unrated = [inline(v.group) for v in rollup.visits if v.ratings[area.area.phase_id] is None]
        if unrated:
            spread.append(f"Bedömning saknas: {joined(unrated)}")
        out += ["**Bedömningar:** " + "; ".join(spread) + ".", ""]
        out += ["### Teman i svaren", ""]
        total = len(rollup.visits)
        out += [f"- {inline(c.theme.label)} – {len(c.visits)} av {total}: {joined([inline(v.group) for v in c.visits])}"
                for c in area.themes]
        out += [] if area.themes else ["*Inget av områdets teman nämns i svaren.*"]
        out.append("")
        out += ["### Gruppernas svar", ""]
        out += _answer_blocks(rollup, area.answers, area.area.phase_id, "####")
        out += ["### Skilda uppfattningar inom grupperna", ""]
        for view in area.views:
            who = view.names.attribution(view.note)
            body = (HARD_BREAK + "  ").join(lines(view.note.text))
            out.append(f"- **{inline(view.visit.group)}**" + (f", {who}" if who else "") + f": {body}")
        out += [] if area.views else ["*Ingen oenighet är antecknad.*"]
        out.append("")

    out += ["## Goda exempel", ""]
    examples = [q for q in rollup.examples if q.text]
    for quote in examples:
        out += _quote(quote.visit.group, None, quote.text)
    out += [] if examples else ["*Inga goda exempel är antecknade.*"]
    out.append("")

    out += ["## Åtgärder per nivå", ""]
    for level in guide.levels:
        out += [f"### {inline(level.title)}", ""]
        actions = rollup.actions[level.id]
        if not actions:
            out += ["*Inga åtgärder.*", ""]
            continue
        rows = [[inline(a.text) or MISSING, inline(a.visit.group),
                 a.names.person_with_party(a.note.owner) if a.note.owner else MISSING,
                 date(a.note.due) if a.note.due else MISSING,
                 "Pågår" if is_open_action(a.note) else f"Klar {date(a.note.done)}"]
                for a in actions]
        out += [*table(["Åtgärd", "Förvaltningsgrupp", "Ansvarig", "Klart senast", "Status"], rows), ""]

    out += ["## Protokollsanteckningar", ""]
    for party in sorted(rollup.statements, key=lambda p: (p not in rollup.employers, p == "", p.casefold())):
        out += [f"### {inline(party) or 'Utan angiven part'}", ""]
        for statement in rollup.statements[party]:
            when = statement.visit.day or statement.note.at.date()
            out += _quote(f"{statement.visit.group}, {date(when)}", None, statement.note.text)
        out.append("")
    if not rollup.statements:
        out += ["*Inga protokollsanteckningar.*", ""]

    out += ["## Saknade svar", ""]
    for index, missing in rollup.missing.items():
        out.append(f"- **{inline(rollup.visits[index].group)}:** " + "; ".join(inline(m) for m in missing) + ".")
    for visit in rollup.visits:
        for area_id, text in visit.unclear.items():
            area = next(a for a in guide.areas if a.phase_id == area_id)
            out.append(f"- **{inline(visit.group)}:** bedömningen av {inline(area.title)} är skriven som "
                       f"”{inline(text)}”, som inte finns på skalan.")
    out += [] if rollup.missing else ["*Alla besökta grupper har svarat på alla frågor.*"]
    out.append("")
    return "\n".join(out)


def _question(pack: Pack, question_id: str) -> str:
    return f"{inline(question_id)} {inline(pack.questions[question_id].title)}"


def _rating_cell(visit: Visit, area: VisitArea) -> str:
    rating = visit.ratings[area.phase_id]
    if rating is not None:
        return inline(rating.label)
    return UNCLEAR if area.phase_id in visit.unclear else NOT_RATED


def _answer_blocks(rollup: RollUp, answers: list[FieldAnswers], area_id: str | None, heading: str) -> list[str]:
    out: list[str] = []
    for answer in answers:
        out += [f"{heading} {_question(rollup.pack, answer.question)} – {inline(answer.label)}", ""]
        for quote in answer.quotes:
            rating = quote.visit.ratings.get(area_id) if area_id else None
            out += _quote(quote.visit.group, rating.label if rating else None, quote.text)
        out.append("")
    return out


def _quote(who: str, rating: str | None, text: str | None) -> list[str]:
    """A list item: who said it in bold (with the group's rating of the area), then the words as written,
    or that the answer is missing."""
    label = f"**{inline(who)}**"
    if rating:
        label += f" ({inline(rating)})"
    if text is None:
        return [f"- {label}: *Svar saknas.*"]
    blocks = paragraphs(text)
    out = [f"- {label}:" + HARD_BREAK + "  " + (HARD_BREAK + "  ").join(blocks[0])]
    for block in blocks[1:]:
        out += ["", "  " + (HARD_BREAK + "  ").join(block)]
    return out


# --- CSV ---------------------------------------------------------------------------------------


def matrix_csv(rollup: RollUp) -> str:
    """The groups × areas matrix for a spreadsheet: one row per visit, ";"-separated, as Swedish
    spreadsheets expect. Text that a spreadsheet would take for a formula is prefixed with "'"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Förvaltningsgrupp", "Besökt", "Session", *(a.title for a in rollup.guide.areas)])
    for visit in rollup.visits:
        cells = [_rating_cell(visit, a) for a in rollup.guide.areas]
        writer.writerow([_cell(visit.group), date(visit.day) if visit.day else "", _cell(visit.session.slug),
                         *cells])
    return buffer.getvalue()


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# --- the report of gathered visits, for the CLI and the picker -----------------------------------


def render(found: Gathered, kind: str = "md") -> str:
    """The roll-up of the visits `gather` found: the Markdown report, or the matrix with `kind` "csv"."""
    built = build([s.session for s in found.stores], found.stores[0].pack, found.plan)
    return matrix_csv(built) if kind == "csv" else markdown(built)


def write(found: Gathered, path: Path, packs_dir: Path | None, kind: str = "md") -> None:
    """The roll-up written to `path`, never over a session's file, a pack or the plan it read."""
    from samverka.exporters.target import write_export

    write_export(path, render(found, kind), packs_dir, [p for p in [found.plan.path] if p is not None])


def write_follow_up(visits: Sequence[Path], sessions_dir: Path, packs_dir: Path | None, directory: Path) -> Path:
    """The Markdown roll-up of one follow-up's visits (the picker's), written into `directory`; its path."""
    from samverka.exporters.naming import rollup_filename

    found = gather(list(visits), [], sessions_dir, packs_dir)
    path = directory / rollup_filename(found.plan.title or found.stores[0].session.title)
    write(found, path, packs_dir)
    return path
