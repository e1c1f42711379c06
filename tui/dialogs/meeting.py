"""Meeting setup: place and times, attendance, roles, agenda, and adjusting the previous minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from samverka.phases import Pack
from samverka.sessions.edits import MeetingSetup, Registration
from samverka.sessions.model import Meeting, Session
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog
from samverka.tui.dialogs.participant import ParticipantScreen
from samverka.tui.widgets import SafeInput


class MeetingScreen(Dialog):
    """Today's meeting: place and times, attendance per party, chair, secretary, adjusters, agenda,
    and the adjustment of the previous minutes."""

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
    """

    BINDINGS = [
        *Dialog.BINDINGS,
        Binding("ctrl+s", "apply", "Spara", id="apply"),
        Binding("f2", "justify_previous", "Justera föregående", id="justify"),
        Binding("f3", "add_person", "Ny deltagare", id="add-person"),
    ]

    def __init__(self, session: Session, pack: Pack, meeting: Meeting,
                 register: Callable[[Registration], str | None]) -> None:
        """`register` applies what the participant dialog (F3) returns and gives the new person's id."""
        super().__init__()
        self.session = session
        self.pack = pack
        self.meeting = meeting
        self.register = register
        self.setup = MeetingSetup.of(meeting)  # the form; the meeting changes only when it is saved

    def compose(self) -> ComposeResult:
        setup = self.setup
        people = sorted(self.session.participants, key=self._party_order)
        previous = self.session.meeting(self.meeting.previous) if self.meeting.previous else None

        def choices(selected: list[str]) -> list[Selection]:
            return [Selection(Text(self._who(p.id, role=True)), p.id, p.id in selected) for p in people]

        with VerticalScroll(id="meeting-body", classes="dialog"):
            yield Label(Text(f"Möte {self.meeting.id}", "bold"))
            if previous is not None:
                yield Label(self._previous_state(previous), id="previous-state")
            with Horizontal(classes="row"):
                yield Label("Plats ")
                yield SafeInput(setup.place, id="place", compact=True)
            with Horizontal(classes="row"):
                yield Label("Start ")
                yield SafeInput(_hhmm(setup.start), id="start", compact=True, restrict=r"[0-9:.]*", max_length=5)
                yield Label("  Slut ")
                yield SafeInput(_hhmm(setup.end), id="end", compact=True, restrict=r"[0-9:.]*", max_length=5)
            yield Label("Närvarande (F3: ny deltagare)")
            yield SelectionList(*choices(setup.attendees), id="attendees")
            yield Label("Ordförande")
            yield self._one("chair", setup.chair, people)
            yield Label("Sekreterare")
            yield self._one("secretary", setup.secretary, people)
            yield Label("Justerare (en per part)")
            yield SelectionList(*choices(setup.adjusters), id="adjusters")
            yield Label("Dagordning")
            yield SelectionList(
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
        self.query_one("#place").focus()

    def _party_order(self, person) -> tuple[int, str]:
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

    def _one(self, widget_id: str, selected: str | None, people: list) -> RadioSet:
        buttons = [RadioButton(Text("ingen vald"), value=selected is None)]
        buttons += [RadioButton(Text(self._who(p.id)), value=p.id == selected) for p in people]
        self._order = [p.id for p in people]
        return RadioSet(*buttons, id=widget_id)

    def _picked(self, widget_id: str) -> str | None:
        index = self.query_one(f"#{widget_id}", RadioSet).pressed_index
        return self._order[index - 1] if index > 0 else None

    def _read_form(self) -> bool:
        """The form's fields into `setup` (not the meeting); False (and a message) if a time is not HH:MM."""
        times = {}
        for key in ("start", "end"):
            value = self.query_one(f"#{key}", Input).value.strip().replace(".", ":")
            try:
                times[key] = dt.time.fromisoformat(value) if value else None
            except ValueError:
                self.query_one("#meeting-error", Static).update(Text(f"Skriv tiden som TT:MM, inte '{value}'.", "bold"))
                return False
        setup = self.setup
        setup.start, setup.end = times["start"], times["end"]
        setup.place = self.query_one("#place", Input).value.strip()
        setup.attendees = list(self.query_one("#attendees", SelectionList).selected)
        setup.adjusters = list(self.query_one("#adjusters", SelectionList).selected)
        setup.chair = self._picked("chair")
        setup.secretary = self._picked("secretary")
        setup.agenda = list(self.query_one("#agenda", SelectionList).selected)
        return True

    @on(Button.Pressed, "#apply")
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

    def action_add_person(self) -> None:
        """A new participant (registered at once, like `d`), ticked as present in the form."""
        if not self._read_form():
            return

        def added(registration: Registration | None) -> None:
            person_id = self.register(registration) if registration is not None else None
            if person_id:
                self.setup.attendees.append(person_id)
                self.refresh(recompose=True)

        self.app.push_screen(ParticipantScreen(self.session, self.pack), added)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        """Leave without the form's edits."""
        self.dismiss(None)


def _hhmm(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""
