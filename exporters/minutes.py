"""Minutes of one meeting (PRODUCT.md §7, DOMAIN.md §3): Protokoll or Mötesanteckningar in Markdown."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samverka.errors import UserError
from samverka.exporters.common import (
    KIND_LABELS,
    MISSING,
    Names,
    action_status,
    clock,
    date,
    duration,
    joined,
    meeting_key,
    meeting_label,
    note_body,
    note_time,
    notes_by_question,
    readiness,
    sorted_meetings,
    table,
)
from samverka.exporters.markdown import HARD_BREAK, inline, paragraphs
from samverka.phases import Pack
from samverka.sessions.model import ITEM_TYPE_LABELS, AgendaItem, Meeting, Note, Session
from samverka.text import one_line


@dataclass(frozen=True)
class _TitleForms:
    """The minutes' title decides the grammar of the sentences about them (neuter singular or plural)."""

    definite: str  # "Protokollet"
    adjusted: str  # "Justerat"
    not_adjusted: str  # "Ojusterat"
    previous: str  # "föregående protokoll"


_TITLE_FORMS = {
    "Protokoll": _TitleForms("Protokollet", "Justerat", "Ojusterat", "föregående protokoll"),
    "Mötesanteckningar": _TitleForms("Mötesanteckningarna", "Justerade", "Ojusterade",
                                     "föregående mötesanteckningar"),
}

_MEETING_SPEC = re.compile(r"^(\d{4}-\d{2}-\d{2})(-\d+)?$")

NOT_GIVEN = "*(ej angiven)*"
NOT_APPOINTED = "*(ej utsedd)*"


def select_meeting(session: Session, spec: str) -> Meeting:
    """The meeting named by `spec`: "latest", a date "2026-11-22" or a day's later meeting "2026-11-22-2"."""
    spec = spec.strip()
    meetings = sorted_meetings(session)
    if not meetings:
        raise UserError("sessionen har inga möten än")
    if spec == "latest":
        return meetings[-1]
    match = _MEETING_SPEC.match(spec)
    if match is None:
        raise UserError(f"ogiltigt möte '{one_line(spec)}': ange latest, ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD-2")
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise UserError(f"ogiltigt datum '{one_line(spec)}': ange ett datum som ÅÅÅÅ-MM-DD") from None
    for meeting in meetings:
        if meeting.id == spec:
            return meeting
    known = ", ".join(one_line(m.id) for m in meetings[-5:])
    more = "…, " if len(meetings) > 5 else ""
    raise UserError(f"inget möte {spec} i sessionen (möten: {more}{known})")


def minutes(session: Session, pack: Pack, meeting: Meeting) -> str:
    """The minutes of `meeting` as Markdown; the same session always gives the same bytes."""
    names = Names(session, pack)
    title = session.minutes_title if session.minutes_title in _TITLE_FORMS else "Protokoll"
    forms = _TITLE_FORMS[title]
    notes = notes_by_question(meeting.notes, names.zone)
    items = _item_order(pack, meeting, notes)
    previous = _previous(session, meeting)
    first = 2 if previous is not None else 1
    numbers = {question_id: number for number, question_id in enumerate(items, start=first)}

    out = [f"# {inline(session.minutes_title) or title}", ""]
    out += _header(session, meeting, names, _status(meeting, names, forms))
    out += _attendance(meeting, names)
    if previous is not None:
        out += _adjustment_item(previous, names, forms)
    on_agenda = set(meeting.agenda)
    for question_id in items:
        out += _item(numbers[question_id], question_id, meeting.items.get(question_id),
                     notes.get(question_id, []), names, question_id in on_agenda)
    out += _follow_up(session, meeting, names)
    out += _actions(meeting, notes, items, names)
    out += _readiness_changes(meeting, pack, names)
    out += _revisits(session, pack, names)
    out += _signatures(meeting, names, forms)
    return "\n".join(out)


def _previous(session: Session, meeting: Meeting) -> Meeting | None:
    """The earlier meeting whose minutes come up for adjustment at `meeting`, if it names one of the session."""
    if not meeting.previous or meeting.previous == meeting.id:
        return None
    return session.meeting(meeting.previous)


def _adjusted_by(meeting: Meeting, names: Names) -> str:
    """ " 2026-12-08 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)": when and by whom, as far as known."""
    when = f" {date(meeting.justified_at)}" if meeting.justified_at else ""
    signers = [names.person_with_party(p) for p in dict.fromkeys(meeting.justified_by)]
    return when + (f" av {joined(signers)}" if signers else "")


def _status(meeting: Meeting, names: Names, forms: _TitleForms) -> str:
    """ "Ojusterat", or "Justerat 2026-12-08 av Bo Berg (Arbetsgivaren) och …"."""
    if not meeting.justified:
        return forms.not_adjusted
    return forms.adjusted + _adjusted_by(meeting, names)


def _item_order(pack: Pack, meeting: Meeting, notes: dict[str, list[Note]]) -> list[str]:
    """The agenda in its order, then other questions this meeting noted or concluded, in pack order."""
    order = list(dict.fromkeys(meeting.agenda))
    on_agenda = set(order)
    extra = {q for q in (*notes, *meeting.items) if q not in on_agenda}
    pack_order = {question_id: index for index, question_id in enumerate(pack.questions)}
    order += sorted(extra, key=lambda q: (pack_order.get(q, len(pack_order)), q))
    return order


def _field(label: str, value: str, missing: str = NOT_GIVEN) -> str:
    return f"- **{label}:** {value or missing}"


def _header(session: Session, meeting: Meeting, names: Names, status: str) -> list[str]:
    if meeting.start and meeting.end:
        time = f"kl. {clock(meeting.start)}–{clock(meeting.end)}"
    elif meeting.start:
        time = f"från kl. {clock(meeting.start)}"
    else:
        time = ""
    adjusters = ", ".join(names.person_with_party(p) for p in meeting.adjusters)
    return [
        _field("Organisation", inline(session.organisation)),
        _field("Mötesform", "Samverkansmöte"),
        _field("Grund", inline(session.basis)),
        _field("Avser", inline(session.title)),
        _field("Datum", meeting_label(meeting)),
        _field("Tid", time),
        _field("Plats", inline(meeting.place)),
        _field("Ordförande", names.person_with_party(meeting.chair) if meeting.chair else "", NOT_APPOINTED),
        _field("Sekreterare", names.person_with_party(meeting.secretary) if meeting.secretary else "",
               NOT_APPOINTED),
        _field("Justerare", adjusters, "*(ej utsedda)*"),
        _field("Status", status),
        "",
    ]


def _attendance(meeting: Meeting, names: Names) -> list[str]:
    out = ["## Närvarande", ""]
    attendees = list(dict.fromkeys(meeting.attendees))
    if not attendees:
        return [*out, "*(Ingen närvaro antecknad.)*", ""]
    groups: dict[str | None, list[str]] = {}
    for participant_id in attendees:
        groups.setdefault(names.party_of(participant_id), []).append(participant_id)
    # Parties in session order, the employer first; people without a party last, under "Övriga".
    for party_id in sorted(groups, key=lambda p: (p is None, names.party_rank(p))):
        out += [f"### {names.party(party_id) if party_id else 'Övriga'}", ""]
        for participant_id in groups[party_id]:
            role = names.role(participant_id)
            person = names.person(participant_id)
            out.append(f"- {person}, {role}" if role else f"- {person}")
        out.append("")
    return out


def _item(number: int, question_id: str, item: AgendaItem | None, notes: list[Note], names: Names,
          on_agenda: bool) -> list[str]:
    question = names.pack.questions.get(question_id)
    title = inline(question.title) if question else ""
    qid = inline(question_id)
    out = [f"## § {number} {title} (fråga {qid})" if title else f"## § {number} Fråga {qid}", ""]
    if not on_agenda:
        out += ["*Frågan stod inte på dagordningen.*", ""]
    item = item or AgendaItem()
    facts = []
    if item.type:
        facts.append(f"**Ärendetyp:** {ITEM_TYPE_LABELS.get(item.type, inline(item.type))}")
    if item.seconds > 0:
        facts.append(f"**Tidsåtgång:** {duration(item.seconds)}")
    if facts:
        out += [HARD_BREAK.join(facts), ""]

    by_kind: dict[str, list[Note]] = {kind: [] for kind in KIND_LABELS}
    for note in notes:
        by_kind.setdefault(note.kind, []).append(note)
    running = [n for n in notes if n.kind not in ("decision", "disagreement", "statement")]
    if not notes:
        out += ["*(Inga anteckningar.)*", ""]
    if running:
        out += ["**Anteckningar**", ""]
        out += [_note_line(note, names, with_kind=True) for note in running]
        out.append("")
    if by_kind["decision"]:
        out += ["**Beslut**", ""]
        out += [_note_line(note, names) for note in by_kind["decision"]]
        out.append("")
    if item.outcome == "overens":
        out += ["**Parterna är överens.**", ""]
    elif item.outcome == "ej_overens":
        out.append("**Parterna är inte överens.**")
        if not by_kind["disagreement"] and not by_kind["statement"]:
            out.append("Vad oenigheten gäller är inte antecknat.")
        out.append("")
    if by_kind["disagreement"]:
        out += ["**Oenighet**", ""]
        out += [_note_line(note, names) for note in by_kind["disagreement"]]
        out.append("")
    for note in by_kind["statement"]:
        out += _statement(note, names)
    if item.adjusted_at_once:
        out += [f"*§ {number} förklarades omedelbart justerad.*", ""]
    return out


def _note_line(note: Note, names: Names, *, with_kind: bool = False) -> str:
    """ "- 09.12 – Åtgärd, Bo Berg (Arbetsgivaren): text (ansvarig: …, klart senast …)"."""
    lead = [KIND_LABELS.get(note.kind, inline(note.kind))] if with_kind else []
    lead.append(names.attribution(note))
    who = ", ".join(part for part in lead if part)
    body = note_body(note, "  ")
    at = clock(note.at, names.zone)
    line = f"- {at} – {who}: {body}" if who else f"- {at} – {body}"
    if note.kind == "action":
        owner = names.person(note.owner) if note.owner else MISSING
        due = date(note.due) if note.due else MISSING
        line += f" (ansvarig: {owner}, klart senast: {due})"
    return line.rstrip()


def _statement(note: Note, names: Names) -> list[str]:
    """A protokollsanteckning: attributed to its party by name, its text quoted verbatim."""
    party_id = note.party or names.party_of(note.by)
    lead = "**Protokollsanteckning**"
    if party_id:
        lead += f" från {names.party(party_id)}"
    if note.by:
        lead += f" ({names.person(note.by)})"
    out = [f"{lead}, kl. {clock(note.at, names.zone)}:", ""]
    quoted = paragraphs(note.text)
    if not quoted:
        return [*out, "> *(Tom protokollsanteckning.)*", ""]
    for index, paragraph in enumerate(quoted):
        if index:
            out.append(">")
        out.append("> " + (HARD_BREAK + "> ").join(paragraph))
    out.append("")
    return out


def _adjustment_item(previous: Meeting, names: Names, forms: _TitleForms) -> list[str]:
    """§ 1 when the minutes of an earlier meeting come up for adjustment: which meeting, and whether they are."""
    out = [f"## § 1 Justering av {forms.previous}", ""]
    lead = f"{forms.definite} från mötet {meeting_label(previous)}"
    if previous.justified:
        return [*out, f"{lead} har justerats{_adjusted_by(previous, names)}.", ""]
    status = f"{lead} är ännu inte {forms.adjusted.lower()}."
    adjusters = [names.person_with_party(p) for p in dict.fromkeys(previous.adjusters)]
    if adjusters:  # who still has to sign
        status += f" Justerare: {joined(adjusters)}."
    return [*out, status, ""]


def _follow_up(session: Session, meeting: Meeting, names: Names) -> list[str]:
    """Actions from earlier meetings that were still open when this one began, with their status at it.

    Actions done before this meeting's day were followed up at an earlier meeting and are left out;
    decisions stay in the minutes of their own meeting. The first meeting of a session has no section.
    """
    this = meeting_key(meeting)
    earlier = [m for m in sorted_meetings(session) if meeting_key(m) < this]
    if not earlier:
        return []
    out = ["## Uppföljning av åtgärder", ""]
    rows = [
        _action_row(note, meeting_label(before), meeting, names)
        for before in earlier
        for note in sorted(before.notes, key=note_time(names.zone))
        if note.kind == "action" and (note.done is None or note.done >= meeting.date)
    ]
    if not rows:
        return [*out, "*Inga åtgärder från tidigare möten var öppna när mötet började.*", ""]
    out += ["Åtgärder från tidigare möten som var öppna när mötet började, med status vid mötet.", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Från möte", "Status"], rows), ""]


def _actions(meeting: Meeting, notes: dict[str, list[Note]], items: list[str], names: Names) -> list[str]:
    """This meeting's new actions, with their status as of the meeting's day (so signed minutes stay as signed)."""
    out = ["## Åtgärder", ""]
    rows = [
        _action_row(note, inline(question_id), meeting, names)
        for question_id in items
        for note in notes.get(question_id, [])
        if note.kind == "action"
    ]
    if not rows:
        return [*out, "*Inga åtgärder antecknades.*", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Status"], rows), ""]


def _action_row(note: Note, where: str, meeting: Meeting, names: Names) -> list[str]:
    """One action as table cells: text, owner, due date, where it comes from, status at `meeting`."""
    return [
        inline(note.text) or MISSING,
        names.person(note.owner) if note.owner else MISSING,
        date(note.due) if note.due else MISSING,
        where,
        action_status(note, meeting.date),
    ]


def _readiness_changes(meeting: Meeting, pack: Pack, names: Names) -> list[str]:
    out = ["## Ändrad beredskap", ""]
    rows = [
        [names.question(c.question), readiness(pack, c.before), readiness(pack, c.after), clock(c.at, names.zone)]
        for c in meeting.readiness_changes
    ]
    if not rows:
        return [*out, "*Ingen beredskap ändrades.*", ""]
    return [*out, *table(["Fråga", "Från", "Till", "Kl."], rows), ""]


def _revisits(session: Session, pack: Pack, names: Names) -> list[str]:
    out = ["## Frågor att återkomma till", ""]
    marked = [q for q in pack.questions if session.state(q).revisit]
    marked += sorted(q for q, state in session.questions.items() if state.revisit and q not in pack.questions)
    if not marked:
        return [*out, "*Inga frågor är markerade för återkomst.*", ""]
    out += [f"- {names.question(q)} – beredskap {readiness(pack, session.readiness(q))}" for q in marked]
    return [*out, ""]


def _signatures(meeting: Meeting, names: Names, forms: _TitleForms) -> list[str]:
    out = ["## Justering", ""]
    if meeting.justified:
        out += [f"{forms.definite} är {forms.adjusted.lower()}{_adjusted_by(meeting, names)}.", ""]
    rows = []
    for role, participant_id in (("Ordförande", meeting.chair), ("Sekreterare", meeting.secretary)):
        if participant_id:
            rows.append([role, *_name_and_party(participant_id, names), "", ""])
    rows += [["Justerare", *_name_and_party(p, names), "", ""] for p in meeting.adjusters]
    if not rows:
        return [*out, "*(Ordförande, sekreterare och justerare är inte utsedda.)*", ""]
    return [*out, *table(["Roll", "Namn", "Part", "Datum", "Underskrift"], rows), ""]


def _name_and_party(participant_id: str, names: Names) -> list[str]:
    party_id = names.party_of(participant_id)
    return [names.person(participant_id), names.party(party_id) if party_id else MISSING]
