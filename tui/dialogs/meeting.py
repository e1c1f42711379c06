"""Meeting setup: place and times, attendance, roles, agenda, adjusting the previous minutes; for a meeting not yet
started its date and starting it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Label, Static
from textual.widgets.selection_list import Selection

from samverka.errors import UserError
from samverka.phases import Pack
from samverka.sessions.edits import MeetingSetup, Registration, day_from_text
from samverka.sessions.model import MEETING_KIND_LABELS, Meeting, Participant, Session
from samverka.text import one_line, sentence
from samverka.tui.dialogs.base import Checklist, Dialog, Field, command
from samverka.tui.dialogs.participant import ParticipantScreen

PEOPLE_LISTS = {"attendees": True, "chair": False, "secretary": False, "adjusters": True}  # id → with the role


class MeetingScreen(Dialog):
    """A meeting's setup: place and times, attendance per party, chair, secretary, adjusters, agenda, and the
    adjustment of the previous minutes; for a meeting not yet started also its date and whether to start it."""

    DEFAULT_CSS = """
    .row {
        height: 1;
    }

    .row Label {
        width: auto;
    }

    .row Input {
        width: 24;
    }

    .row #start, .row #end {
        width: 8;
    }

    .row #date {
        width: 12;
    }

    .row #place, .row #basis, .row #group {
        width: 1fr;
    }

    .row #registry {
        width: 16;
    }

    .row #number {
        width: 6;
    }
    """

    BINDINGS = [
        *Dialog.BINDINGS,
        command("ctrl+s", "apply", "Spara", id="apply"),
        command("f2", "justify_previous", "Justera föregående", id="justify"),
        command("f3", "add_person", "Ny deltagare", id="add-person"),
        command("f4", "toggle_begin", "Starta mötet nu", id="begin"),
    ]
    ON_ENTER = {"apply": "apply", "cancel": "close"}

    def __init__(self, session: Session, pack: Pack, meeting: Meeting,
                 register: Callable[[Registration], str | None]) -> None:
        """`register` applies what the participant dialog (F3) returns and gives the new person's id."""
        super().__init__()
        self.session = session
        self.pack = pack
        self.meeting = meeting
        self.register = register
        self.setup = MeetingSetup.of(meeting)  # the form; the meeting changes only when it is saved
        self.planned = self.setup.date is not None  # not started yet: its date can change, and it can start

    def compose(self) -> ComposeResult:
        setup = self.setup
        people = sorted(self.session.participants, key=self._party_order)
        previous = self.session.meeting(self.meeting.previous) if self.meeting.previous else None

        def choices(list_id: str, selected: list[str]) -> list[Selection]:
            return [self._entry(list_id, p, p.id in selected) for p in people]

        def one(list_id: str, selected: str | None) -> Checklist:
            return Checklist(Selection(Text("ingen vald"), None, selected is None), *choices(list_id, [selected]),
                             one=True, id=list_id)

        with VerticalScroll(id="meeting-body", classes="dialog"):
            yield Label(Text("Planerat möte" if self.planned else f"Möte {self.meeting.id}", "bold"))
            if previous is not None:
                yield Label(self._previous_state(previous), id="previous-state")
            with Horizontal(classes="row"):
                yield Label("Grupp ")
                yield Field(self.session.group or "", id="group", compact=True,
                            placeholder="det organ som möts, i protokollets rubrik")
                yield Label("  Dnr ")
                yield Field(self.session.registry or "", id="registry", compact=True)
            with Horizontal(classes="row"):
                yield Label("Plats ")
                yield Field(setup.place, id="place", compact=True)
            with Horizontal(classes="row"):
                if self.planned:
                    yield Label("Datum ")
                    yield Field(setup.date.isoformat(), id="date", compact=True, placeholder="ÅÅÅÅ-MM-DD",
                                restrict=r"[0-9-]*", max_length=10)
                yield Label("  Start " if self.planned else "Start ")
                yield Field(_hhmm(setup.start), id="start", compact=True, restrict=r"[0-9:.]*", max_length=5)
                yield Label("  Slut ")
                yield Field(_hhmm(setup.end), id="end", compact=True, restrict=r"[0-9:.]*", max_length=5)
            if self.planned:
                yield Checklist(Selection(Text("Starta mötet nu (F4)"), "begin", setup.begin), id="begin")
            with Horizontal(classes="row"):
                yield Label("Protokoll nr ")
                yield Field(str(setup.number or ""), id="number", compact=True, restrict=r"[0-9]*", max_length=4)
                yield Label("  Grund ")
                yield Field(self.session.basis if setup.basis is None else setup.basis, id="basis", compact=True,
                            placeholder="ingen (t.ex. en arbetsgrupp)")
            yield Label("Mötesform")
            yield Checklist(Selection(Text("ej vald"), None, setup.kind is None),
                            *[Selection(Text(label), kind, kind == setup.kind)
                              for kind, label in MEETING_KIND_LABELS.items()], one=True, id="kind")
            yield Label("Anmält förhinder (parter)")
            yield Checklist(*[Selection(Text(one_line(party.name)), party.id, party.id in setup.absent)
                              for party in self.session.parties], id="absent")
            yield Label("Närvarande (F3: ny deltagare)")
            yield Checklist(*choices("attendees", setup.attendees), id="attendees")
            yield Label("Ordförande")
            yield one("chair", setup.chair)
            yield Label("Sekreterare")
            yield one("secretary", setup.secretary)
            yield Label("Justerare (en per part)")
            yield Checklist(*choices("adjusters", setup.adjusters), id="adjusters")
            yield Label("Dagordning")
            yield Checklist(
                *[Selection(Text(f"{q.id} {one_line(q.title)}"), q.id, q.id in setup.agenda)
                  for q in self.pack.questions.values()],
                id="agenda",
            )
            yield Static(id="meeting-error")
            with Horizontal(classes="buttons"):
                yield Button("Spara (ctrl+s)", id="apply", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

    def _previous_state(self, previous: Meeting) -> Text:
        if previous.justified:
            state = "justerat"
        elif self.setup.justify_previous:
            state = "justeras när du sparar (ctrl+s)"
        else:
            state = "inte justerat — F2 justerar det nu"
        return Text(f"Föregående {self.session.minutes_title.lower()} ({previous.id}): {state}")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#place"))  # at once: the keys typed next may be on their way

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # F4 starts a meeting not yet started; a meeting going on has nothing to start.
        return self.planned or parameters != ("toggle_begin",)

    def _party_order(self, person: Participant) -> tuple[int, str]:
        index = next((i for i, p in enumerate(self.session.parties) if p.id == person.party), len(self.session.parties))
        return index, person.name

    def _who(self, participant_id: str, *, role: bool = False) -> str:
        person = self.session.participant(participant_id)
        assert person is not None
        party = self.session.party(person.party)
        details = [party.name if party else "", (self.pack.role(person.role).title if role and self.pack.role(
            person.role) else "")]
        details = [d for d in details if d]
        return one_line(f"{person.name} ({', '.join(details)})" if details else person.name)

    def _entry(self, list_id: str, person: Participant, ticked: bool) -> Selection:
        return Selection(Text(self._who(person.id, role=PEOPLE_LISTS[list_id])), person.id, ticked)

    def _read_form(self) -> bool:
        """The form's fields into `setup` (not the meeting); False (and a message) if a time or the date is
        not right."""
        error = self.query_one("#meeting-error", Static)
        times = {}
        for key in ("start", "end"):
            value = self.query_one(f"#{key}", Field).value.strip().replace(".", ":")
            try:
                times[key] = dt.time.fromisoformat(value) if value else None
            except ValueError:
                error.update(Text(f"Skriv tiden som TT:MM, inte '{value}'.", "bold"))
                return False
        setup = self.setup
        if self.planned:
            try:
                day = day_from_text(self.query_one("#date", Field).value)
            except UserError as err:
                error.update(Text(sentence(one_line(err.message)), "bold"))
                return False
            if day is None:
                error.update(Text("Skriv mötets datum som ÅÅÅÅ-MM-DD.", "bold"))
                return False
            setup.date = day
            setup.begin = bool(self.query_one("#begin", Checklist).selected)
        number = self.query_one("#number", Field).value.strip()
        if number and int(number) < 1:
            error.update(Text("Protokollets nummer börjar på 1.", "bold"))
            return False
        setup.number = int(number) if number else None
        basis = self.query_one("#basis", Field).value.strip()
        setup.basis = None if basis == self.session.basis else basis  # the session's, or the meeting's own
        setup.kind = self.query_one("#kind", Checklist).chosen
        setup.group = self.query_one("#group", Field).value.strip()  # the session's, shown here with the heading's
        setup.registry = self.query_one("#registry", Field).value.strip()
        setup.absent = list(self.query_one("#absent", Checklist).selected)
        setup.start, setup.end = times["start"], times["end"]
        setup.place = self.query_one("#place", Field).value.strip()
        setup.attendees = list(self.query_one("#attendees", Checklist).selected)
        setup.adjusters = list(self.query_one("#adjusters", Checklist).selected)
        setup.chair = self.query_one("#chair", Checklist).chosen
        setup.secretary = self.query_one("#secretary", Checklist).chosen
        setup.agenda = list(self.query_one("#agenda", Checklist).selected)
        return True

    def action_apply(self) -> None:
        """Save: the form is what the meeting becomes."""
        if self._read_form():
            self.dismiss(self.setup)

    def action_justify_previous(self) -> None:
        """Sign the previous minutes when the form is saved."""
        previous = self.session.meeting(self.meeting.previous) if self.meeting.previous else None
        if previous is None or previous.justified:
            self.notify("Det finns inget ojusterat föregående protokoll.")
            return
        self.setup.justify_previous = True
        self.query_one("#previous-state", Label).update(self._previous_state(previous))

    def action_toggle_begin(self) -> None:
        self.query_one("#begin", Checklist).toggle("begin")

    def action_add_person(self) -> None:
        """A new participant (registered at once, like `d`), ticked as present in the form."""

        def added(registration: Registration | None) -> None:
            person_id = self.register(registration) if registration is not None else None
            person = self.session.participant(person_id) if person_id else None
            if person is None:
                return
            for list_id in PEOPLE_LISTS:  # the form keeps what is typed and ticked: the newcomer is added to it
                self.query_one(f"#{list_id}", Checklist).add_option(
                    self._entry(list_id, person, ticked=list_id == "attendees"))

        self.app.push_screen(ParticipantScreen(self.session, self.pack), added)

    def action_close(self) -> None:
        """Leave without the form's edits."""
        self.dismiss(None)


def _hhmm(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""
