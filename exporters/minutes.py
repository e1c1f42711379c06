"""Minutes of one meeting (PRODUCT.md §7, review 2026-11 (d)): the Protokoll or Mötesanteckningar the employer
and every union sign unchanged, in Markdown. What the process needs but nobody signs is in `status`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samverka.errors import UserError
from samverka.exporters.common import (
    SIGNATURE_LINE,
    Names,
    action_row,
    action_status,
    adjusters,
    approved_at_next_meeting,
    clock,
    date,
    joined,
    meeting_label,
    note_body,
    note_time,
    notes_by_question,
    party_positions,
    quote,
    signature,
    sorted_meetings,
    statement,
    table,
    topic,
)
from samverka.exporters.markdown import HARD_BREAK, inline
from samverka.phases import Pack
from samverka.sessions.model import (
    ITEM_TYPE_LABELS,
    MEETING_KIND_LABELS,
    AgendaItem,
    AgreedText,
    Meeting,
    Note,
    Session,
    absent_parties,
    item_outcome,
    meeting_basis,
    meeting_order,
    proposed_number,
)
from samverka.sessions.workflow import held
from samverka.text import one_line


@dataclass(frozen=True)
class _TitleForms:
    """The minutes' title decides the grammar of the sentences about them (neuter singular or plural)."""

    definite: str  # "Protokollet"
    adjusted: str  # "Justerat"
    not_adjusted: str  # "Ojusterat"
    previous: str  # "Föregående protokoll"


_TITLE_FORMS = {
    "Protokoll": _TitleForms("Protokollet", "Justerat", "Ojusterat", "Föregående protokoll"),
    "Mötesanteckningar": _TitleForms("Mötesanteckningarna", "Justerade", "Ojusterade",
                                     "Föregående mötesanteckningar"),
}

_MEETING_SPEC = re.compile(r"^(\d{4}-\d{2}-\d{2})(-\d+)?$")

NOT_GIVEN = "*(ej angiven)*"
TAKEN_NOTE = "Parterna har tagit del av informationen."


def select_meeting(session: Session, spec: str) -> Meeting:
    """The held meeting named by `spec`: "latest", a date "2026-11-22" or a day's later meeting "2026-11-22-2".
    A planned meeting has no minutes."""
    spec = spec.strip()
    meetings = sorted(held(session), key=meeting_order)
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


@dataclass
class _Minutes:
    """What every part of one meeting's minutes needs."""

    session: Session
    meeting: Meeting
    names: Names
    forms: _TitleForms
    title: str

    @property
    def pack(self) -> Pack:
        return self.names.pack

    def adjusters(self) -> list[tuple[str, list[str]]]:
        return adjusters(self.session, self.meeting, self.names)


def minutes(session: Session, pack: Pack, meeting: Meeting) -> str:
    """The minutes of a held `meeting` as Markdown; the same session always gives the same bytes."""
    if meeting.planned:
        raise UserError(f"mötet {meeting.id} är planerat men inte hållet: det har inget protokoll")
    title = session.minutes_title if session.minutes_title in _TITLE_FORMS else "Protokoll"
    doc = _Minutes(session, meeting, Names(session, pack), _TITLE_FORMS[title], title)
    notes = notes_by_question(meeting.notes, doc.names.zone)
    agenda = list(dict.fromkeys(meeting.agenda))
    others = _other_items(pack, meeting, notes, set(agenda))

    items: list[tuple[str, list[str]]] = [
        ("Mötets öppnande", [_opening(doc), ""]),
        ("Val av justerare", _choice_of_adjusters(doc)),
        ("Fastställande av dagordning", _agenda(doc, agenda, others)),
    ]
    earlier = _earlier(session, meeting)
    if earlier:
        items.append((f"{doc.forms.previous} och uppföljning av åtgärder", _previous_and_follow_up(doc, earlier)))
    first_question = len(items) + 1
    for question_id in agenda:
        items.append((topic(doc.names, question_id), _item(doc, question_id, notes.get(question_id, []))))
    for question_id in others:
        items.append((f"Övrig fråga: {topic(doc.names, question_id)}",
                      _item(doc, question_id, notes.get(question_id, []))))
    if not others:
        items.append(("Övriga frågor", ["Inga övriga frågor anmäls.", ""]))
    items.append(("Nästa möte", [_next_meeting(session, meeting), ""]))
    items.append(("Mötets avslutande", [_closing(doc), ""]))
    adjusted_at_once = [number for number, question_id in enumerate(agenda + others, start=first_question)
                        if (item := meeting.items.get(question_id)) is not None and item.adjusted_at_once]

    out = [f"# {_heading(doc)}", ""]
    out += _header(doc, adjusted_at_once)
    out += _attendance(doc)
    for number, (heading, body) in enumerate(items, start=1):
        out += [f"## § {number} {heading}", "", *body]
    out += _actions(doc, notes, agenda + others)
    out += _signatures(doc)
    return "\n".join(out)


def _heading(doc: _Minutes) -> str:
    """ "Protokoll från Central samverkansgrupp – möte nr 3/2026"."""
    meeting = doc.meeting
    number = meeting.number if meeting.number is not None else proposed_number(doc.session, meeting)
    group = inline(doc.session.group or "")
    title = inline(doc.session.minutes_title) or doc.title
    return f"{title}{f' från {group}' if group else ''} – möte nr {number}/{meeting.date.year}"


def _other_items(pack: Pack, meeting: Meeting, notes: dict[str, list[Note]], on_agenda: set[str]) -> list[str]:
    """Questions treated though not on the agenda (övriga frågor), in pack order."""
    extra = {q for q in (*notes, *meeting.items, *(a.question for a in meeting.agreed)) if q not in on_agenda}
    pack_order = {question_id: index for index, question_id in enumerate(pack.questions)}
    return sorted(extra, key=lambda q: (pack_order.get(q, len(pack_order)), q))


def _field(label: str, value: str) -> str:
    return f"- **{label}:** {value or NOT_GIVEN}"


def _header(doc: _Minutes, adjusted_at_once: list[int]) -> list[str]:
    session, meeting = doc.session, doc.meeting
    if meeting.start and meeting.end:
        time = f"kl. {clock(meeting.start)}–{clock(meeting.end)}"
    elif meeting.start:
        time = f"från kl. {clock(meeting.start)}"
    else:
        time = ""
    out = [_field("Organisation", inline(session.organisation))]
    if (session.registry or "").strip():
        out.append(_field("Dnr", inline(session.registry or "")))
    out.append(_field("Mötesform", MEETING_KIND_LABELS.get(meeting.kind or "", inline(meeting.kind or ""))))
    basis = inline(meeting_basis(session, meeting))
    if basis:  # a meeting without a basis (a working group) says nothing, rather than a basis it does not have
        out.append(_field("Grund", basis))
    out += [
        _field("Avser", inline(session.title)),
        _field("Datum", date(meeting.date)),
        _field("Tid", time),
        _field("Plats", inline(meeting.place)),
        _field("Status", _status(doc, adjusted_at_once)),
        "",
    ]
    return out


def _adjusted_by(meeting: Meeting, names: Names) -> str:
    """ " 2026-12-08 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)": when and by whom, as far as known."""
    when = f" {date(meeting.justified_at)}" if meeting.justified_at else ""
    signers = [names.person_with_party(p) for p in dict.fromkeys(meeting.justified_by)]
    return when + (f" av {joined(signers)}" if signers else "")


def _status(doc: _Minutes, adjusted_at_once: list[int]) -> str:
    """ "Ojusterat (§ 5 omedelbart justerad)", "Justerat 2026-12-08 av …", or for Mötesanteckningar nobody
    adjusts, "Godkänns vid nästa möte"."""
    if doc.meeting.justified:
        return doc.forms.adjusted + _adjusted_by(doc.meeting, doc.names)
    if _unadjusted_notes(doc):
        return "Godkänns vid nästa möte"
    if not adjusted_at_once:
        return doc.forms.not_adjusted
    adjusted = joined([f"§ {n}" for n in adjusted_at_once])
    form = "justerad" if len(adjusted_at_once) == 1 else "justerade"
    return f"{doc.forms.not_adjusted} ({adjusted} omedelbart {form})"


def _unadjusted_notes(doc: _Minutes) -> bool:
    return approved_at_next_meeting(doc.session, doc.meeting)


def _attendance(doc: _Minutes) -> list[str]:
    meeting, names = doc.meeting, doc.names
    out = ["## Närvarande", ""]
    attendees = list(dict.fromkeys(meeting.attendees))
    if not attendees:
        out += ["*(Ingen närvaro antecknad.)*", ""]
    groups: dict[str | None, list[str]] = {}
    for participant_id in attendees:
        party_id = names.party_of(participant_id)
        groups.setdefault(party_id if doc.session.party(party_id) else None, []).append(participant_id)
    # Parties in session order, the employer first; people without a party last, as "Övriga närvarande".
    for party_id in sorted(groups, key=lambda p: (p is None, names.party_rank(p))):
        out += [f"### {names.signs_for(party_id) if party_id else 'Övriga närvarande'}", ""]
        out += [f"- {_with_task(doc, p)}" for p in groups[party_id]]
        out.append("")
    absent = absent_parties(doc.session, meeting)
    if absent:
        out += ["### Frånvarande / anmält förhinder", ""]
        out += [f"- {names.party(party.id)}" for party in absent]
        out.append("")
    return out


def _with_task(doc: _Minutes, participant_id: str) -> str:
    """ "Anna Ek, HR-direktör, ordförande"."""
    task = {doc.meeting.chair: "ordförande", doc.meeting.secretary: "sekreterare"}.get(participant_id)
    described = doc.names.function(participant_id)
    return f"{described}, {task}" if task else described


def _opening(doc: _Minutes) -> str:
    chair = doc.meeting.chair
    return f"Ordföranden {doc.names.person(chair)} öppnar mötet." if chair else "Mötet öppnas."


def _closing(doc: _Minutes) -> str:
    return "Ordföranden avslutar mötet." if doc.meeting.chair else "Mötet avslutas."


def _choice_of_adjusters(doc: _Minutes) -> list[str]:
    if _unadjusted_notes(doc):
        return [f"{doc.forms.definite} godkänns vid nästa möte.", ""]
    chosen = [doc.names.person_with_party(p) for party, people in doc.adjusters() for p in people]
    if not chosen:
        return ["Justerare utses inte.", ""]
    return [f"Till justerare utses {joined(chosen)}.", ""]


def _agenda(doc: _Minutes, agenda: list[str], others: list[str]) -> list[str]:
    """The agenda is fixed; övriga frågor are named with the party that raised them, where one did."""
    if not others:
        return ["Dagordningen fastställs.", ""]
    raised = [_raised_by(doc, question_id) for question_id in others]
    return [f"Dagordningen fastställs med följande övriga {'frågor' if len(others) > 1 else 'fråga'}: "
            f"{joined(raised)}.", ""]


def _raised_by(doc: _Minutes, question_id: str) -> str:
    """ "Protokollens publicering (anmäld av Arbetsgivaren)": the party of the item's first note, if any."""
    first = next((n for n in sorted(doc.meeting.notes, key=note_time(doc.names.zone))
                  if n.question == question_id and (n.party or doc.names.party_of(n.by))), None)
    what = topic(doc.names, question_id)
    return f"{what} (anmäld av {doc.names.speaker(first)})" if first else what


def _earlier(session: Session, meeting: Meeting) -> list[Meeting]:
    this = meeting_order(meeting)
    return [m for m in sorted_meetings(session) if meeting_order(m) < this and not m.planned]


def _previous_and_follow_up(doc: _Minutes, earlier: list[Meeting]) -> list[str]:
    """The earlier minutes up for adjustment (if named), then the actions from earlier meetings still open when
    this one began, with their status at it. Actions done before this meeting's day were followed up at an
    earlier meeting; agreements stay in the minutes of their own meeting."""
    out: list[str] = []
    previous = doc.session.meeting(doc.meeting.previous or "")
    if previous is not None and previous.id != doc.meeting.id:
        out += [_previous(previous, doc), ""]
    rows = [
        [*action_row(note, doc.names), meeting_label(before), action_status(note, doc.meeting.date)]
        for before in earlier
        for note in sorted(before.notes, key=note_time(doc.names.zone))
        if note.kind == "action" and (note.done is None or note.done >= doc.meeting.date)
    ]
    if not rows:
        return [*out, "Inga åtgärder från tidigare möten var öppna när mötet började.", ""]
    out += ["Åtgärder från tidigare möten som var öppna när mötet började, med status vid mötet:", ""]
    return [*out, *table(["Åtgärd", "Ansvarig", "Klart senast", "Från möte", "Status"], rows), ""]


def _previous(previous: Meeting, doc: _Minutes) -> str:
    lead = f"{doc.forms.definite} från mötet {meeting_label(previous)}"
    if previous.justified:
        return f"{lead} har justerats{_adjusted_by(previous, doc.names)}."
    status = f"{lead} är ännu inte {doc.forms.adjusted.lower()}."
    adjusters = [doc.names.person_with_party(p) for p in dict.fromkeys(previous.adjusters)]
    if adjusters:  # who still has to sign
        status += f" Justerare: {joined(adjusters)}."
    return status


def _item(doc: _Minutes, question_id: str, notes: list[Note]) -> list[str]:
    """One § of the agenda: type, a summary by party, the agreement with its text, each party's position,
    the disagreement, protokollsanteckningar, and whether the paragraph was adjusted at once."""
    item = doc.meeting.items.get(question_id) or AgendaItem()
    agreed = [a for a in doc.meeting.agreed if a.question == question_id]
    outcome = item_outcome(doc.session, doc.meeting, question_id)
    if not (notes or agreed or item.positions or outcome or item.seconds or item.adjusted_at_once):
        return ["Ärendet bordläggs.", ""]
    out = [f"**Ärendetyp:** {ITEM_TYPE_LABELS.get(item.type, inline(item.type))}", ""] if item.type else []
    information = item.type == "information"
    # An information item has no agreement: what was said there, agreement notes too, is its summary.
    summary = [n for n in notes if n.kind == "note" or (information and n.kind == "decision")]
    out += [_summary_line(n, doc.names) for n in summary]
    out += [""] if summary else []

    agreements = [n for n in notes if n.kind == "decision"] if not information else []
    if agreements or agreed:
        out += ["**Parternas överenskommelse**", ""]
        out += [_summary_line(n, doc.names) for n in agreements]
        out += [""] if agreements else []
        out += _agreed_texts(doc, question_id, agreed)
        if doc.meeting.kind == "arbetsgrupp" and doc.pack.reservation:
            out += [f"*{inline(doc.pack.reservation)}*", ""]
    if information:
        out += [TAKEN_NOTE, ""]
    else:
        out += _positions(doc, question_id)
        out += _disagreement(doc, outcome, [n for n in notes if n.kind == "disagreement"])
    for note in (n for n in notes if n.kind == "statement"):
        out += statement(note, doc.names)
    if item.adjusted_at_once:
        out += ["Paragrafen förklaras omedelbart justerad.", ""]
        out += [line for party, people in doc.adjusters() for line in _adjuster_lines(doc, party, people)]
    return out


def _summary_line(note: Note, names: Names) -> str:
    """ "- OFR/ST: text": a note attributed to the party it speaks for, with no time."""
    who = names.speaker(note)
    body = note_body(note, "  ")
    return (f"- {who}: {body}" if who else f"- {body}").rstrip()


def _agreed_texts(doc: _Minutes, question_id: str, agreed: list[AgreedText]) -> list[str]:
    """Each agreed svarsmall text verbatim, as agreed in the meeting (later edits of the answer do not show)."""
    question = doc.pack.questions.get(question_id)
    labels = {f.id: f.label for f in question.fields} if question else {}
    out: list[str] = []
    for text in agreed:
        label = inline(labels.get(text.field, text.field))
        out += [f"Parterna är överens om följande text ({label}):", ""]
        out += quote(text.text, "*(Tom text.)*")
    return out


def _positions(doc: _Minutes, question_id: str) -> list[str]:
    rows = party_positions(doc.session, doc.meeting, question_id, doc.names)
    if not rows:
        return []
    return ["**Parternas ståndpunkter**", "", *[f"- {party}: {position}" for party, position in rows], ""]


def _disagreement(doc: _Minutes, outcome: str | None, disagreements: list[Note]) -> list[str]:
    """Stated jointly, then each party's view in its own paragraph; a disagreement note without a party is the
    joint statement of what the parties disagree on, in their words."""
    if outcome != "ej_overens" and not disagreements:
        return []
    joint = [n for n in disagreements if not (n.party or doc.names.party_of(n.by))]
    views = [n for n in disagreements if n not in joint]
    out = ["**Oenighet**", ""]
    out += [note_body(n, "").rstrip() for n in joint] if joint else ["Parterna är inte överens."]
    out.append("")
    for note in sorted(views, key=lambda n: doc.names.party_rank(n.party or doc.names.party_of(n.by))):
        out += [f"**{doc.names.speaker(note)}:** {note_body(note, '')}".rstrip(), ""]
    return out


def _next_meeting(session: Session, meeting: Meeting) -> str:
    later = [m for m in sorted_meetings(session) if meeting_order(m) > meeting_order(meeting)]
    if not later:
        return "Tid för nästa möte meddelas senare."
    following = later[0]
    when = date(following.date) + (f" kl. {clock(following.start)}" if following.start else "")
    place = f", {inline(following.place)}" if following.place.strip() else ""
    return f"Nästa möte hålls {when}{place}."


def _actions(doc: _Minutes, notes: dict[str, list[Note]], items: list[str]) -> list[str]:
    """This meeting's new actions: what, who (name and party), by when."""
    rows = [action_row(note, doc.names) for q in items for note in notes.get(q, []) if note.kind == "action"]
    if not rows:
        return ["## Åtgärder", "", "*Inga nya åtgärder.*", ""]
    return ["## Åtgärder", "", *table(["Åtgärd", "Ansvarig", "Klart senast"], rows), ""]


def _adjuster_lines(doc: _Minutes, party_id: str, people: list[str]) -> list[str]:
    """The signature lines of one party's justerare; a party present without one gets an empty line to fill."""
    heading = doc.names.signs_for(party_id) if party_id else "Justerare"
    if not people:
        return signature(heading, "")
    return [line for p in people for line in signature(heading, doc.names.person(p))]


def _signatures(doc: _Minutes) -> list[str]:
    """ "Vid protokollet" (the secretary), then "Justeras" with place and date and a line per justerare, at
    least one per party present. The chair signs as a justerare only if chosen as one."""
    meeting = doc.meeting
    out = ["## Underskrifter", "", "**Vid protokollet**", ""]
    secretary = doc.names.person(meeting.secretary) if meeting.secretary else ""
    out += signature("Sekreterare", secretary)
    if _unadjusted_notes(doc):
        return out
    out += ["**Justeras**", ""]
    if meeting.justified:
        out += [f"{doc.forms.definite} är {doc.forms.adjusted.lower()}{_adjusted_by(meeting, doc.names)}.", ""]
    else:
        out += [HARD_BREAK.join(["Ort och datum", SIGNATURE_LINE]), ""]
    for party_id, people in doc.adjusters():
        out += _adjuster_lines(doc, party_id, people)
    return out
