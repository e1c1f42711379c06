"""The agreement draft (or follow-up report) of a whole session, filled only from the svarsmall answers: only
agreement text, then the signatures; open questions, disagreements and protokollsanteckningar in an appendix."""

from __future__ import annotations

from dataclasses import dataclass

from samverka.exporters.common import (
    MISSING,
    SIGNATURE_LINE,
    Names,
    action_row,
    date,
    how_ready,
    is_done,
    joined,
    meeting_label,
    note_body,
    note_time,
    party_positions,
    signature,
    sorted_meetings,
    statement,
    table,
    topic,
)
from samverka.exporters.markdown import HARD_BREAK, inline, is_blank, paragraphs
from samverka.phases import Pack, Question
from samverka.sessions.model import Meeting, Note, Session, is_open_action, item_outcome

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
class _Disagreement:
    """One disagreement: an item of one meeting concluded in disagreement, or with disagreement notes."""

    meeting: Meeting
    question: str
    notes: list[Note]


@dataclass
class _Record:
    """What the held meetings say about the questions, gathered in one pass over every note."""

    agreements: dict[str, list[tuple[Meeting, Note]]]
    disagreements: list[_Disagreement]
    statements: list[tuple[Meeting, Note]]
    actions: list[tuple[Meeting, Note]]


def draft(session: Session, pack: Pack) -> str:
    """The pack's main output document for `session` as Markdown: its preamble, its sections in order (those of
    separate documents, e.g. an implementation plan, only named), signatures, open matters in an appendix."""
    names = Names(session, pack)
    wording = _WORDING.get(pack.output_kind, _WORDING["agreement"])
    feeding: dict[str, list[Question]] = {section.id: [] for section in pack.sections}
    for question in pack.questions.values():
        feeding.setdefault(question.output_section, []).append(question)
    record = _gather(session, pack)
    sections = sorted((s for s in pack.sections if s.document is None), key=lambda s: s.order)
    done = sum(all(is_done(pack, session.readiness(q.id)) for q in feeding[s.id]) for s in sections)

    out = [f"# {inline(pack.output_title)}", ""]
    out += [
        f"- **Organisation:** {inline(session.organisation) or MISSING}",
        f"- **Avser:** {inline(session.title) or MISSING}",
        f"- **Status:** {wording.status} – {done} av {len(sections)} avsnitt är klara",
        "",
        wording.intro + " Avsnitt där någon fråga inte är klar är märkta **Ej klart**. Öppna frågor, "
        "oenighet, protokollsanteckningar och öppna åtgärder finns i bilagan.",
        "",
    ]
    out += _separate_documents(pack)
    if pack.preamble:
        out += [*(HARD_BREAK.join(p) for p in paragraphs(pack.preamble)), ""]
    for number, section in enumerate(sections, start=1):
        out += [f"## {number}. {inline(section.title)}", ""]
        out += _section(session, pack, names, feeding[section.id], record)
    if pack.output_kind == "agreement":
        out += _signatures(session, names)
    out += _appendix(session, pack, names, record)
    return "\n".join(out)


def _separate_documents(pack: Pack) -> list[str]:
    """Which answers are left out because they belong to a separate document (process material, not
    agreement text)."""
    kept = [d for d in pack.documents if any(s.document == d.id for s in pack.sections)]
    if not kept:
        return []
    titles = [f"{inline(d.title)}" for d in kept]
    return [f"Svar som hör till {joined(titles)} ingår inte här: de sammanställs som separata dokument.", ""]


def _gather(session: Session, pack: Pack) -> _Record:
    record = _Record({}, [], [], [])
    pack_order = {question_id: index for index, question_id in enumerate(pack.questions)}
    for meeting in sorted_meetings(session):
        if meeting.planned:
            continue
        notes = sorted(meeting.notes, key=note_time(session.zone))
        disputed = {n.question for n in notes if n.kind == "disagreement"}
        disputed |= {q for q in meeting.items if item_outcome(session, meeting, q) == "ej_overens"}
        for question_id in sorted(disputed, key=lambda q: (pack_order.get(q, len(pack_order)), q)):
            own = [n for n in notes if n.question == question_id and n.kind == "disagreement"]
            record.disagreements.append(_Disagreement(meeting, question_id, own))
        for note in notes:
            if note.kind == "decision":
                record.agreements.setdefault(note.question, []).append((meeting, note))
            elif note.kind == "statement":
                record.statements.append((meeting, note))
            elif note.kind == "action":
                record.actions.append((meeting, note))
    return record


def _section(session: Session, pack: Pack, names: Names, questions: list[Question], record: _Record) -> list[str]:
    out: list[str] = []
    open_questions = [q for q in questions if not is_done(pack, session.readiness(q.id))]
    if open_questions:
        out += ["**Ej klart** – frågor som inte är klara:", ""]
        for question in open_questions:
            answers = session.state(question.id).answers
            line = f"- {topic(names, question.id)} – hur klara: {how_ready(pack, session.readiness(question.id))}"
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
    agreements = [a for q in questions for a in record.agreements.get(q.id, [])]
    if agreements:
        agreements.sort(key=lambda a: note_time(names.zone)(a[1]))
        out += ["**Parternas överenskommelser**", ""]
        out += [f"- {date(m.date)}: {note_body(n, '  ')}".rstrip() for m, n in agreements]
        out.append("")
    return out


def _signatures(session: Session, names: Names) -> list[str]:
    """A signature block for every party, the employer first."""
    out = ["## Underskrifter", "", HARD_BREAK.join(["Ort och datum", SIGNATURE_LINE]), ""]
    for party in sorted(session.parties, key=lambda p: names.party_rank(p.id)):
        out += signature(names.signs_for(party.id), "")
    return out


def _appendix(session: Session, pack: Pack, names: Names, record: _Record) -> list[str]:
    out = ["## Bilaga: Öppna frågor", ""]

    out += ["### Frågor som inte är klara", ""]
    not_done = [q for q in pack.questions if not is_done(pack, session.readiness(q))]
    out += [f"- {topic(names, q)} – hur klara: {how_ready(pack, session.readiness(q))}" for q in not_done]
    out += [] if not_done else ["*Alla frågor är klara.*"]
    out.append("")

    out += ["### Markerade för återkomst", ""]
    marked = [q for q in pack.questions if session.state(q).revisit]
    out += [f"- {topic(names, q)} – hur klara: {how_ready(pack, session.readiness(q))}" for q in marked]
    out += [] if marked else ["*Inga frågor är markerade för återkomst.*"]
    out.append("")

    out += ["### Oenighet", ""]
    for disagreement in record.disagreements:
        out += _disagreement(session, names, disagreement)
    out += [] if record.disagreements else ["*Ingen oenighet är antecknad.*", ""]

    out += ["### Parternas protokollsanteckningar", ""]
    for meeting, note in record.statements:
        out += [f"*{meeting_label(meeting)}, {topic(names, note.question)}*", "", *statement(note, names)]
    out += [] if record.statements else ["*Inga protokollsanteckningar.*", ""]

    out += ["### Öppna åtgärder", ""]
    if not record.actions:
        return [*out, "*Inga åtgärder är antecknade.*", ""]
    rows = [[*action_row(note, names), meeting_label(meeting)] for meeting, note in record.actions
            if is_open_action(note)]
    if not rows:
        return [*out, "*Alla antecknade åtgärder är klara.*", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Möte"], rows), ""]


def _disagreement(session: Session, names: Names, disagreement: _Disagreement) -> list[str]:
    """One disagreement on its own: where, what (in the parties' joint words), each party's position and view."""
    meeting, question_id = disagreement.meeting, disagreement.question
    joint = [n for n in disagreement.notes if not (n.party or names.party_of(n.by))]
    what = " ".join(note_body(n, "") for n in joint) or "Parterna är inte överens."
    out = [f"- {meeting_label(meeting)}, {topic(names, question_id)}: {what}".rstrip()]
    positions = party_positions(session, meeting, question_id, names)
    if positions:
        out.append("  - Ståndpunkter: " + "; ".join(f"{party} {position.lower()}" for party, position in positions))
    out += [f"  - {names.speaker(n)}: {note_body(n, '    ')}".rstrip() for n in disagreement.notes if n not in joint]
    return [*out, ""]
