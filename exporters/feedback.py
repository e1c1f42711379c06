"""The feedback sheet a visited group gets back (PRODUCT.md §9): its own answers and ratings from the visit,
and the central group's feedback to it when that is written. Never invents text."""

from __future__ import annotations

from dataclasses import replace

from samverka.exporters.common import MISSING, Names, action_row, date, note_time, statement, table
from samverka.exporters.markdown import HARD_BREAK, inline, paragraphs
from samverka.exporters.rollup import NOT_RATED, UNCLEAR, action_level
from samverka.phases import Pack
from samverka.sessions.model import Session, is_open_action, is_visit
from samverka.sessions.rollup import visit_day

EMPTY = "*(Ej ifyllt)*"


def report(session: Session, pack: Pack) -> str:
    """The report of a session of a report pack: for a visit, the group's feedback sheet; else the follow-up
    report of the whole session (`draft`). The CLI and the TUI's export both ask here."""
    if pack.visit is not None and is_visit(session):
        return feedback(session, pack)
    from samverka.exporters.draft import draft

    return draft(session, pack)


def feedback(session: Session, pack: Pack) -> str:
    """The sheet for the group `session` visited, as Markdown."""
    guide = pack.visit
    if guide is None:
        raise ValueError(f"pack {pack.id} has no visit guide")
    names = Names(session, pack)
    day = visit_day(session)
    present: list[str] = []
    for meeting in session.meetings:
        present += [p for p in meeting.attendees if p not in present]

    out = [f"# Återkoppling till {inline(session.group or '') or MISSING}", ""]
    out += [
        f"- **Organisation:** {inline(session.organisation) or MISSING}",
        f"- **Uppföljning:** {inline(session.title) or MISSING}",
        f"- **Besök:** {date(day) if day else MISSING}",
        f"- **Vid besöket:** {', '.join(names.person_with_party(p) for p in present) or MISSING}",
        "",
        "Här är gruppens egna svar från besöket, så som de skrevs in, och den centrala samverkansgruppens "
        "återkoppling. Ingen text är tillagd; ett fält utan svar visas som (Ej ifyllt).",
        "",
        "## Gruppens bedömning",
        "",
    ]
    rows = []
    for area in guide.areas:
        text = session.state(area.questions[0]).answers.get(guide.rating_field)
        rating = guide.rating(text)
        cell = inline(rating.label) if rating else (UNCLEAR + f": ”{inline(text or '')}”" if (text or "").strip()
                                                    else NOT_RATED)
        rows.append([inline(area.title), cell])
    out += [*table(["Utvecklingsområde", "Bedömning"], rows), ""]

    sections = [("Övergripande bild", guide.overall)] if guide.overall else []
    sections += [(area.title, area.questions) for area in guide.areas]
    for title, questions in sections:
        out += [f"## {inline(title)}", ""]
        for question_id in questions:
            out += _answers(session, pack, question_id, "###")

    out += ["## Den centrala samverkansgruppens återkoppling", ""]
    answers = session.state(guide.feedback).answers
    written = [f for f in pack.questions[guide.feedback].fields if (answers.get(f.id) or "").strip()]
    if written:
        out += _answers(session, pack, guide.feedback, None)
    else:
        out += ["*Återkopplingen är inte skriven ännu.*", ""]

    out += ["## Åtgärder", ""]
    notes = sorted((n for m in session.meetings for n in m.notes), key=note_time(session.zone))
    rows = []
    for note in notes:
        if note.kind == "action":
            level, text = action_level(guide.levels, note.text)
            rows.append([inline(level.title), *action_row(replace(note, text=text), names),
                         "Pågår" if is_open_action(note) else f"Klar {date(note.done)}"])
    out += [*table(["Nivå", "Åtgärd", "Ansvarig", "Klart senast", "Status"], rows), ""] if rows else \
        ["*Inga åtgärder är antecknade.*", ""]

    out += ["## Protokollsanteckningar", ""]
    statements = [n for n in notes if n.kind == "statement"]
    for note in statements:
        out += statement(note, names)
    out += [] if statements else ["*Inga protokollsanteckningar.*", ""]
    return "\n".join(out)


def _answers(session: Session, pack: Pack, question_id: str, heading: str | None) -> list[str]:
    question = pack.questions[question_id]
    answers = session.state(question_id).answers
    out = [f"{heading} {inline(question.title)}", ""] if heading else []
    for f in question.fields:
        out += [f"**{inline(f.label)}**", ""]
        blocks = paragraphs(answers.get(f.id) or "")
        out += [HARD_BREAK.join(b) + "\n" for b in blocks] if blocks else [EMPTY, ""]
    return out
