"""Arbetsläge (PRODUCT.md §7, `--status`): where the process stands, for the facilitator and the parties. Never
signed: hur klara är vi, återkom marks, time against timeboxes, open actions and what the minutes still lack
all live here and not in the minutes."""

from __future__ import annotations

from samverka.exporters.common import (
    MISSING,
    Names,
    action_row,
    adjusters,
    approved_at_next_meeting,
    duration,
    how_ready,
    meeting_label,
    party_positions,
    table,
)
from samverka.exporters.markdown import inline
from samverka.phases import Pack
from samverka.sessions.model import Meeting, Session, item_outcome, meeting_order
from samverka.sessions.workflow import held, open_actions


def status(session: Session, pack: Pack, meeting: Meeting | None = None) -> str:
    """The Arbetsläge of `session` as Markdown; with a held `meeting`, also what changed at it, its time per
    question and what its minutes still lack before they can be signed."""
    names = Names(session, pack)
    meetings = [meeting] if meeting is not None else held(session)
    out = [f"# Arbetsläge – {inline(session.title) or MISSING}", ""]
    out += [f"- **Organisation:** {inline(session.organisation) or MISSING}"]
    if (session.group or "").strip():
        out.append(f"- **Grupp:** {inline(session.group or '')}")
    if meeting is not None:
        out.append(f"- **Möte:** {meeting_label(meeting)}")
    out += ["", "Arbetsläget är ett underlag för processledaren och parterna. Det undertecknas inte och hör inte "
                "till protokollet.", ""]
    out += _how_ready(session, pack, names, meetings)
    if meeting is not None:
        out += _changes(meeting, pack, names)
    out += _revisits(session, pack, names)
    out += _open_actions(session, names)
    out += _disagreements(session, names, meetings)
    if meeting is not None:
        out += _minutes_gaps(session, meeting, names)
    return "\n".join(out)


def _seconds(meetings: list[Meeting], question_id: str) -> int:
    return sum(m.items[question_id].seconds for m in meetings if question_id in m.items)


def _how_ready(session: Session, pack: Pack, names: Names, meetings: list[Meeting]) -> list[str]:
    """Per phase, each question: hur klara, återkom, time spent (in the meetings shown) against its timebox."""
    out = ["## Hur klara är vi?", ""]
    for phase in pack.phases:
        out += [f"### Fas {phase.number}. {inline(phase.title)}", ""]
        rows = []
        for question in phase.questions:
            spent = _seconds(meetings, question.id)
            box = f"{question.timebox_minutes} min" if question.timebox_minutes else MISSING
            rows.append([names.question(question.id), how_ready(pack, session.readiness(question.id)),
                         "Ja" if session.state(question.id).revisit else "",
                         duration(spent) if spent else MISSING, box])
        out += [*table(["Fråga", "Hur klara", "Återkom", "Tid", "Tidsram"], rows), ""]
    return out


def _changes(meeting: Meeting, pack: Pack, names: Names) -> list[str]:
    out = ["## Ändrat vid mötet", ""]
    rows = [[names.question(c.question), how_ready(pack, c.before), how_ready(pack, c.after)]
            for c in meeting.readiness_changes]
    if not rows:
        return [*out, "*Ingen fråga ändrades.*", ""]
    return [*out, *table(["Fråga", "Från", "Till"], rows), ""]


def _revisits(session: Session, pack: Pack, names: Names) -> list[str]:
    out = ["## Frågor att återkomma till", ""]
    marked = [q for q in pack.questions if session.state(q).revisit]
    marked += sorted(q for q, state in session.questions.items() if state.revisit and q not in pack.questions)
    if not marked:
        return [*out, "*Inga frågor är markerade för återkomst.*", ""]
    return [*out, *(f"- {names.question(q)} – {how_ready(pack, session.readiness(q))}" for q in marked), ""]


def _open_actions(session: Session, names: Names) -> list[str]:
    out = ["## Öppna åtgärder", ""]
    rows = [[*action_row(n, names), meeting_label(m)] for m, n in open_actions(session) if not m.planned]
    if not rows:
        return [*out, "*Inga öppna åtgärder.*", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Möte"], rows), ""]


def _disagreements(session: Session, names: Names, meetings: list[Meeting]) -> list[str]:
    """Each item concluded in disagreement, with the parties' positions, newest meeting last."""
    out = ["## Oenighet", ""]
    rows = []
    for meeting in sorted(meetings, key=meeting_order):
        for question_id in meeting.items:
            if item_outcome(session, meeting, question_id) == "ej_overens":
                positions = party_positions(session, meeting, question_id, names)
                rows.append([meeting_label(meeting), names.question(question_id),
                             "; ".join(f"{p}: {v}" for p, v in positions) or MISSING])
    if not rows:
        return [*out, "*Ingen oenighet.*", ""]
    return [*out, *table(["Möte", "Fråga", "Ståndpunkter"], rows), ""]


def _minutes_gaps(session: Session, meeting: Meeting, names: Names) -> list[str]:
    """What the minutes of `meeting` still lack before both sides can sign them."""
    gaps = [] if approved_at_next_meeting(session, meeting) else [
        f"{names.party(party)} är närvarande men har ingen justerare."
        for party, people in adjusters(session, meeting, names) if party and not people]
    for question_id in meeting.items:
        notes = [n for n in meeting.notes if n.question == question_id and n.kind in ("disagreement", "statement")]
        if item_outcome(session, meeting, question_id) == "ej_overens" and not notes:
            gaps.append(f"{names.question(question_id)}: oenigheten är inte beskriven.")
    gaps += [f"Åtgärden ”{inline(n.text)}” saknar {'ansvarig' if not n.owner else 'datum'}."
             for n in meeting.notes if n.kind == "action" and not (n.owner and n.due)]
    out = ["## Innan protokollet justeras", ""]
    if not gaps:
        return [*out, "*Inget saknas.*", ""]
    return [*out, *(f"- {gap}" for gap in gaps), ""]
