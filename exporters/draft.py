"""The agreement draft (or follow-up report) of a whole session, filled only from the svarsmall answers."""

from __future__ import annotations

from dataclasses import dataclass

from samverka.exporters.common import (
    MISSING,
    Names,
    clock,
    date,
    meeting_label,
    note_body,
    note_time,
    readiness,
    sorted_meetings,
    table,
)
from samverka.exporters.markdown import HARD_BREAK, inline, is_blank, paragraphs
from samverka.phases import Pack, Question
from samverka.sessions.model import Meeting, Note, Session, is_open_action

EMPTY = "*(Ej ifyllt)*"


@dataclass(frozen=True)
class _Wording:
    status: str
    intro: str


_WORDING = {
    "agreement": _Wording(
        status="Utkast",
        intro="Utkastet är sammanställt ur parternas gemensamma svar i svarsmallarna; ingen text är tillagd. "
              "Ett fält utan svar visas som (Ej ifyllt).",
    ),
    "report": _Wording(
        status="Utkast till rapport",
        intro="Rapporten är sammanställd ur parternas gemensamma svar i svarsmallarna; ingen text är tillagd. "
              "Ett fält utan svar visas som (Ej ifyllt).",
    ),
}


@dataclass
class _Record:
    """What the meetings say about the questions, gathered in one pass over every note."""

    decisions: dict[str, list[tuple[Meeting, Note]]]
    # A disagreement note, or an item's outcome ("ej_overens", or "overens" after an earlier disagreement).
    disagreements: list[tuple[Meeting, str, Note | str]]
    actions: list[tuple[Meeting, Note]]


def draft(session: Session, pack: Pack) -> str:
    """The pack's output document for `session` as Markdown: sections in order, open matters in an appendix."""
    names = Names(session, pack)
    wording = _WORDING.get(pack.output_kind, _WORDING["agreement"])
    top = len(pack.readiness_labels) - 1
    feeding: dict[str, list[Question]] = {section.id: [] for section in pack.sections}
    for question in pack.questions.values():
        feeding.setdefault(question.output_section, []).append(question)
    record = _gather(session, pack)
    sections = sorted(pack.sections, key=lambda s: s.order)
    settled_questions = sum(session.readiness(q) >= top for q in pack.questions)
    settled_sections = sum(all(session.readiness(q.id) >= top for q in feeding[s.id]) for s in sections)

    out = [f"# {inline(pack.output_title)}", ""]
    out += [
        f"- **Organisation:** {inline(session.organisation) or MISSING}",
        f"- **Process:** {inline(session.title) or MISSING}",
        f"- **Processpaket:** {inline(pack.title)}, version {pack.version}",
        f"- **Status:** {wording.status} – {settled_questions} av {len(pack.questions)} frågor och "
        f"{settled_sections} av {len(sections)} avsnitt är klara (beredskap {top}/{top}).",
        "",
        wording.intro + " Avsnitt där någon fråga inte är klar är märkta **Ej klart**. Öppna frågor, "
        "oenighet och öppna åtgärder finns i bilagan.",
        "",
    ]
    for number, section in enumerate(sections, start=1):
        out += [f"## {number}. {inline(section.title)}", ""]
        out += _section(session, pack, names, feeding[section.id], record)
    out += _appendix(session, pack, names, record)
    return "\n".join(out)


def _gather(session: Session, pack: Pack) -> _Record:
    record = _Record({}, [], [])
    pack_order = {question_id: index for index, question_id in enumerate(pack.questions)}
    disputed_before: set[str] = set()
    for meeting in sorted_meetings(session):
        notes = sorted(meeting.notes, key=note_time(session.zone))
        disputed: list[tuple[str, Note | str]] = [(n.question, n) for n in notes if n.kind == "disagreement"]
        for question_id, item in meeting.items.items():
            if item.outcome == "ej_overens" or (item.outcome == "overens" and question_id in disputed_before):
                disputed.append((question_id, item.outcome))
        # Per meeting: by question in pack order, the outcome first, then the notes in time order.
        disputed.sort(key=lambda d: (pack_order.get(d[0], len(pack_order)), d[0], isinstance(d[1], Note)))
        record.disagreements += [(meeting, question_id, entry) for question_id, entry in disputed]
        disputed_before.update(question_id for question_id, _ in disputed)
        for note in notes:
            if note.kind == "decision":
                record.decisions.setdefault(note.question, []).append((meeting, note))
            elif note.kind == "action":
                record.actions.append((meeting, note))
    return record


def _section(session: Session, pack: Pack, names: Names, questions: list[Question], record: _Record) -> list[str]:
    top = len(pack.readiness_labels) - 1
    out: list[str] = []
    open_questions = [q for q in questions if session.readiness(q.id) < top]
    if open_questions:
        lowest = min(session.readiness(q.id) for q in questions)
        out += [f"**Ej klart** — beredskap {readiness(pack, lowest)}. Frågor som inte är klara:", ""]
        for question in open_questions:
            answers = session.state(question.id).answers
            line = f"- {names.question(question.id)} – beredskap {readiness(pack, session.readiness(question.id))}"
            empty = [inline(f.label) for f in question.fields if is_blank(answers.get(f.id))]
            if empty:
                line += "; ej ifyllt: " + ", ".join(empty)
            out.append(line)
        out.append("")
    for question in questions:
        answers = session.state(question.id).answers
        for field in question.fields:
            out += [f"### {inline(field.label)}", ""]
            answer = paragraphs(answers.get(field.id) or "")
            if not answer:
                out += [EMPTY, ""]
            for paragraph in answer:
                out += [HARD_BREAK.join(paragraph), ""]
    decisions = [d for q in questions for d in record.decisions.get(q.id, [])]
    if decisions:
        decisions.sort(key=lambda d: note_time(names.zone)(d[1]))
        out += ["**Beslut i samverkan**", ""]
        out += [f"- {date(m.date)}, fråga {inline(n.question)}: {note_body(n, '  ')}".rstrip() for m, n in decisions]
        out.append("")
    return out


def _appendix(session: Session, pack: Pack, names: Names, record: _Record) -> list[str]:
    top = len(pack.readiness_labels) - 1
    out = ["## Bilaga: Öppna frågor", ""]

    out += ["### Frågor som inte är klara", ""]
    not_settled = [q for q in pack.questions if session.readiness(q) < top]
    out += [f"- {names.question(q)} – beredskap {readiness(pack, session.readiness(q))}" for q in not_settled]
    out += [] if not_settled else ["*Alla frågor är klara.*"]
    out.append("")

    out += ["### Markerade för återkomst", ""]
    marked = [q for q in pack.questions if session.state(q).revisit]
    out += [f"- {names.question(q)} – beredskap {readiness(pack, session.readiness(q))}" for q in marked]
    out += [] if marked else ["*Inga frågor är markerade för återkomst.*"]
    out.append("")

    out += ["### Antecknad oenighet", ""]
    for meeting, question_id, note in record.disagreements:
        where = f"{date(meeting.date)}, fråga {inline(question_id)}"
        if not isinstance(note, Note):
            out.append(f"- {where}: Parterna var {'inte ' if note == 'ej_overens' else ''}överens.")
            continue
        who = names.attribution(note)
        body = note_body(note, "  ")
        at = clock(note.at, names.zone)
        line = f"- {where}, kl. {at} – {who}: {body}" if who else f"- {where}, kl. {at}: {body}"
        out.append(line.rstrip())
    out += [] if record.disagreements else ["*Ingen oenighet är antecknad.*"]
    out.append("")

    out += ["### Öppna åtgärder", ""]
    if not record.actions:
        return [*out, "*Inga åtgärder är antecknade.*", ""]
    rows = [
        [
            inline(note.text) or MISSING,
            names.person(note.owner) if note.owner else MISSING,
            date(note.due) if note.due else MISSING,
            inline(note.question),
            meeting_label(meeting),
        ]
        for meeting, note in record.actions
        if is_open_action(note)
    ]
    if not rows:
        return [*out, "*Alla antecknade åtgärder är klara.*", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Möte"], rows), ""]
