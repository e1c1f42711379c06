"""Dialogs around the main screen: help, overview, meeting setup, export, session picker."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from phases import Pack
from samverka.errors import UserError
from samverka.text import one_line
from sessions.model import Meeting, Note, Session, readiness_percent
from sessions.store import SessionStore
from tui.commands import COMMANDS, OTHER_KEYS
from tui.widgets import GLYPHS, REVISIT, SafeInput

QUICK_NOTE_HELP = (
    ("text", "en vanlig anteckning"),
    ("b: text", "beslut"),
    ("a: text @vem 2026-12-15", "åtgärd med ansvarig och klart senast (å: går också)"),
    ("o: text", "oenighet: parterna är inte överens"),
    ("p: text #part", "protokollsanteckning, partens egen formulering ordagrant"),
    ("#part", "var som helst: vilken part det gäller (partens id, t.ex. #ag, #st)"),
    ("@vem", "i andra anteckningar: vem som sa det (deltagarens id)"),
)


class Dialog(ModalScreen):
    """A modal that Esc closes."""

    BINDINGS = [Binding("escape", "close", "Stäng", id="close")]

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(Dialog):
    """Every key, generated from the command table, and the quick-note syntax."""

    BINDINGS = [*Dialog.BINDINGS, Binding("f1", "close", "Stäng", show=False, id="close-f1")]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Hjälp — alla tangenter\n\n", "bold")
        categories: dict[str, list[tuple[str, str]]] = {}
        for command in COMMANDS:
            categories.setdefault(command.category, []).append((command.key_display, command.description))
        categories["Övrigt"] = list(OTHER_KEYS)
        for title, dialog in DIALOGS:  # every dialog's own keys, from its bindings
            categories[f"I {title}"] = [(_key_name(b), b.description) for b in dialog.BINDINGS if b.description]
        for category, rows in categories.items():
            text.append(f"{category}\n", "bold underline")
            for key, description in rows:
                text.append(f"  {key:<16}", "bold")
                text.append(f"{description}\n")
            text.append("\n")
        text.append("Snabbanteckningar (tryck n)\n", "bold underline")
        for syntax, meaning in QUICK_NOTE_HELP:
            text.append(f"  {syntax:<26}", "bold")
            text.append(f"{meaning}\n")
        text.append("\nAtt tänka på\n", "bold underline")
        text.append(
            "  Samverkansgruppen fattar inga beslut. Beslutet fattas av den chef som har\n"
            "  befogenheten, efter samverkan. Oenighet ska alltid stå i protokollet.\n"
        )
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(text)
        yield Footer()


def _key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return binding.key.upper() if re.fullmatch(r"f\d+", binding.key) else binding.key


class RestoreScreen(Dialog):
    """Offer to restore what a stopped app could not save (the recovery file)."""

    BINDINGS = [
        Binding("j", "answer(True)", "Ja, återställ", id="yes"),
        Binding("n", "answer(False)", "Nej, spara undan filen", id="no"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-body", classes="dialog"):
            yield Label(Text("Osparat arbete hittades", "bold"))
            yield Static(Text(f"Förra gången avslutades samverka innan allt var sparat.\n"
                              f"Återställningsfil från {one_line(self.summary)}.\n\nÅterställ det nu?"))
            with Horizontal(classes="buttons"):
                yield Button("Ja, återställ (j)", id="yes", variant="primary")
                yield Button("Nej (n)", id="no")
        yield Footer()

    def action_answer(self, restore: bool) -> None:
        self.dismiss(restore)

    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class OverviewScreen(Dialog):
    """Readiness across all phases, the revisit list, open disagreements and open actions; Enter jumps."""

    def __init__(self, session: Session, pack: Pack, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.pack = pack
        self.today = today

    def compose(self) -> ComposeResult:
        from sessions.workflow import open_actions, open_disagreements

        rows: list[tuple[Text, str | None]] = []  # prompt, question to jump to (None: a heading)
        order = list(self.pack.questions)
        for phase in self.pack.phases:
            ids = [q.id for q in phase.questions]
            glyphs = "".join(GLYPHS[self.session.readiness(q)] for q in ids)
            header = Text(f"Fas {phase.number} {one_line(phase.title)}  ", "bold")
            header.append(f"{glyphs}  {readiness_percent(self.session, ids)} %")
            rows.append((header, None))
            rows.extend((self._row(q), q) for q in ids)
        revisit = sorted((q for q in order if self.session.state(q).revisit),
                         key=lambda q: (self.session.readiness(q), order.index(q)))
        rows.append((Text(f"Återkom ({len(revisit)})", "bold"), None))
        rows.extend((self._row(q), q) for q in revisit)
        disagreements = open_disagreements(self.session)
        rows.append((Text(f"Öppen oenighet ({len(disagreements)})", "bold"), None))
        rows.extend((self._row(q), q) for q in sorted(disagreements, key=order.index))
        actions = open_actions(self.session, self.today)
        rows.append((Text(f"Öppna åtgärder ({len(actions)})", "bold"), None))
        for meeting, note in actions:
            owner = self.session.participant(note.owner)
            row = Text(f"  {note.question} {one_line(note.text)}")
            row.append(f" · {one_line(owner.name) if owner else 'ingen ansvarig'}"
                       f"{f', klart senast {note.due}' if note.due else ''} · från {meeting.id}", "dim")
            rows.append((row, note.question))
        self.targets = [target for _, target in rows]
        total = readiness_percent(self.session, order)
        with Vertical(id="overview-body", classes="dialog"):
            yield Label(Text(f"Översikt — beredskap totalt {total} %", "bold"))
            yield OptionList(*[Option(prompt, disabled=target is None) for prompt, target in rows],
                             id="overview-list")
        yield Footer()

    def _row(self, question_id: str) -> Text:
        state = self.session.state(question_id)
        text = Text(f"  {GLYPHS[state.readiness]} {question_id} {one_line(self.pack.questions[question_id].title)}")
        text.append(f" · {one_line(self.pack.readiness_label(state.readiness))}", "dim")
        if state.revisit:
            text.append(f" {REVISIT}", "bold")
        return text

    @on(OptionList.OptionSelected)
    def jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.targets[event.option_index])


class MeetingScreen(Dialog):
    """Today's meeting: place and times, attendance per party, chair, secretary, adjusters, agenda,
    and the adjustment of the previous minutes."""

    BINDINGS = [
        *Dialog.BINDINGS,
        Binding("ctrl+s", "apply", "Spara", id="apply"),
        Binding("f2", "justify_previous", "Justera föregående", id="justify"),
        Binding("f3", "add_person", "Ny deltagare", id="add-person"),
    ]

    def __init__(self, session: Session, pack: Pack, meeting: Meeting, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.pack = pack
        self.meeting = meeting
        self.today = today
        self.changed: list[Meeting] = []

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        people = sorted(self.session.participants, key=self._party_order)
        previous = self.session.meeting(meeting.previous) if meeting.previous else None

        def choices(selected: list[str]) -> list[Selection]:
            return [Selection(Text(self._who(p.id, role=True)), p.id, p.id in selected) for p in people]

        with VerticalScroll(id="meeting-body", classes="dialog"):
            yield Label(Text(f"Möte {meeting.id}", "bold"))
            if previous is not None:
                state = "justerat" if previous.justified else "inte justerat — F2 justerar det nu"
                yield Label(Text(f"Föregående {self.session.minutes_title.lower()} ({previous.id}): {state}"),
                            id="previous-state")
            with Horizontal(classes="row"):
                yield Label("Plats ")
                yield SafeInput(meeting.place, id="place", compact=True)
            with Horizontal(classes="row"):
                yield Label("Start ")
                yield SafeInput(_hhmm(meeting.start), id="start", compact=True, restrict=r"[0-9:.]*", max_length=5)
                yield Label("  Slut ")
                yield SafeInput(_hhmm(meeting.end), id="end", compact=True, restrict=r"[0-9:.]*", max_length=5)
            yield Label("Närvarande (F3: ny deltagare)")
            yield SelectionList(*choices(meeting.attendees), id="attendees")
            yield Label("Ordförande")
            yield self._one("chair", meeting.chair, people)
            yield Label("Sekreterare")
            yield self._one("secretary", meeting.secretary, people)
            yield Label("Justerare (en per part)")
            yield SelectionList(*choices(meeting.adjusters), id="adjusters")
            yield Label("Dagordning")
            yield SelectionList(
                *[Selection(Text(f"{q.id} {one_line(q.title)}"), q.id, q.id in meeting.agenda)
                  for q in self.pack.questions.values()],
                id="agenda",
            )
            yield Static(id="meeting-error")
            with Horizontal(classes="buttons"):
                yield Button("Spara (ctrl+s)", id="apply", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

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

    def _store_form(self) -> bool:
        """Copy the form into the meeting; False (and a message) if a time is not HH:MM."""
        meeting = self.meeting
        times = {}
        for key in ("start", "end"):
            value = self.query_one(f"#{key}", Input).value.strip().replace(".", ":")
            try:
                times[key] = dt.time.fromisoformat(value) if value else None
            except ValueError:
                self.query_one("#meeting-error", Static).update(Text(f"Skriv tiden som TT:MM, inte '{value}'.", "bold"))
                return False
        meeting.start, meeting.end = times["start"], times["end"]
        meeting.place = self.query_one("#place", Input).value.strip()
        meeting.attendees = list(self.query_one("#attendees", SelectionList).selected)
        meeting.adjusters = list(self.query_one("#adjusters", SelectionList).selected)
        meeting.chair = self._picked("chair")
        meeting.secretary = self._picked("secretary")
        chosen = set(self.query_one("#agenda", SelectionList).selected)
        meeting.agenda = [q for q in self.pack.questions if q in chosen]
        return True

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        if self._store_form():
            self.dismiss(self.changed)

    def action_justify_previous(self) -> None:
        from sessions.workflow import justify_previous

        previous = justify_previous(self.session, self.meeting, self.today)
        if previous is None:
            self.notify("Det finns inget ojusterat föregående protokoll.")
            return
        self.changed.append(previous)
        self.query_one("#previous-state", Label).update(
            Text(f"Föregående {self.session.minutes_title.lower()} ({previous.id}): justerat {self.today}"))

    def action_add_person(self) -> None:
        if not self._store_form():
            return

        def added(person_id: str | None) -> None:
            if person_id:
                self.meeting.attendees.append(person_id)
                self.refresh(recompose=True)

        self.app.push_screen(ParticipantScreen(self.session, self.pack), added)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        """Leave without the form's edits; a justification (F2) already made is kept and saved."""
        self.dismiss(self.changed or None)


def _hhmm(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


class ParticipantScreen(Dialog):
    """Add a participant (someone who turned up unannounced: type the name, Enter) or a party."""

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "add", "Lägg till", id="add")]

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack

    def compose(self) -> ComposeResult:
        roles = self.pack.roles
        default_role = next((i for i, r in enumerate(roles) if r.id == "medarbetare"), 0)
        with VerticalScroll(id="person-body", classes="dialog"):
            yield Label(Text("Ny deltagare — namn, Enter", "bold"))
            yield SafeInput(id="person-name", compact=True, placeholder="För- och efternamn")
            yield Label("Part")
            yield RadioSet(RadioButton(Text("ingen part"), value=True),
                           *[RadioButton(Text(one_line(p.name))) for p in self.session.parties], id="person-party")
            yield Label("Roll")
            yield RadioSet(*[RadioButton(Text(one_line(r.title)), value=i == default_role)
                             for i, r in enumerate(roles)], id="person-role")
            yield Label(Text("Ny part (namn, Enter) — t.ex. en facklig organisation", "bold"))
            yield SafeInput(id="party-name", compact=True, placeholder="t.ex. Vision")
            yield RadioSet(RadioButton(Text("arbetstagarpart"), value=True), RadioButton(Text("arbetsgivarpart")),
                           id="party-kind")
            yield Static(id="person-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#person-name").focus()

    @on(Input.Submitted, "#person-name")
    def action_add(self) -> None:
        from sessions.workflow import add_participant

        name = self.query_one("#person-name", Input).value.strip()
        if not name:
            self.query_one("#person-error", Static).update(Text("Skriv ett namn.", "bold"))
            return
        party_index = self.query_one("#person-party", RadioSet).pressed_index
        party = self.session.parties[party_index - 1].id if party_index > 0 else None
        role = self.pack.roles[max(0, self.query_one("#person-role", RadioSet).pressed_index)].id
        self.dismiss(add_participant(self.session, name, role, party).id)

    @on(Input.Submitted, "#party-name")
    def add_party(self) -> None:
        from sessions.workflow import add_party

        field = self.query_one("#party-name", Input)
        if not field.value.strip():
            return
        kind = "arbetstagare" if self.query_one("#party-kind", RadioSet).pressed_index == 0 else "arbetsgivare"
        party = add_party(self.session, field.value, kind)
        field.value = ""
        button = RadioButton(Text(one_line(party.name)))
        self.query_one("#person-party", RadioSet).mount(button)
        button.value = True
        self.notify(f"Parten {one_line(party.name)} lades till.")


class ActionsScreen(Dialog):
    """The current question's actions, open ones first: Enter marks one done (or open again)."""

    def __init__(self, session: Session, question_id: str, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.question_id = question_id
        self.today = today
        self.changed: list[Meeting] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="actions-body", classes="dialog"):
            yield Label(Text(f"Åtgärder för fråga {self.question_id} — Enter: klar / öppen igen", "bold"))
            yield OptionList(id="actions-list")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _actions(self) -> list[tuple[Meeting, Note]]:
        found = [(m, n) for m in self.session.meetings for n in m.notes
                 if n.kind == "action" and n.question == self.question_id]
        return sorted(found, key=lambda pair: pair[1].done is not None)

    def _fill(self) -> None:
        listing = self.query_one("#actions-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        self.shown = self._actions()
        for meeting, note in self.shown:
            owner = self.session.participant(note.owner)
            row = Text("✓ " if note.done else "○ ", "bold")
            row.append(one_line(note.text))
            details = [f"från {meeting.id}", f"ansvarig {one_line(owner.name)}" if owner else "",
                       f"klart senast {note.due}" if note.due else "", f"klar {note.done}" if note.done else ""]
            row.append("  (" + ", ".join(d for d in details if d) + ")", "dim")
            listing.add_option(Option(row))
        if not self.shown:
            listing.add_option(Option(Text("Inga åtgärder för frågan."), disabled=True))
        else:
            listing.highlighted = min(highlighted or 0, len(self.shown) - 1)
        listing.focus()

    @on(OptionList.OptionSelected, "#actions-list")
    def toggle(self, event: OptionList.OptionSelected) -> None:
        meeting, note = self.shown[event.option_index]
        note.done = None if note.done else self.today
        if meeting not in self.changed:
            self.changed.append(meeting)
        self._fill()

    def action_close(self) -> None:
        self.dismiss(self.changed)


class ExportScreen(Dialog):
    """Pick minutes (which meeting), draft or report, and a file name; written atomically."""

    BINDINGS = [
        *Dialog.BINDINGS,
        Binding("ctrl+s", "write", "Skriv fil", id="write"),
        Binding("ctrl+y", "copy", "Kopiera till urklipp", id="copy"),
    ]

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store

    def _choices(self) -> list[tuple[str, str, Meeting | None]]:
        from exporters import default_filename

        session = self.store.session
        kind = self.store.pack.output_kind
        choices = [(f"{'Avtalsutkast' if kind == 'agreement' else 'Uppföljningsrapport'} för hela sessionen",
                    default_filename(session, kind, None), None)]
        for meeting in reversed(session.meetings):
            choices.append((f"{session.minutes_title} {meeting.id}",
                            default_filename(session, "minutes", meeting), meeting))
        return choices

    def compose(self) -> ComposeResult:
        self.choices = self._choices()
        with Vertical(id="export-body", classes="dialog"):
            yield Label(Text("Exportera", "bold"))
            yield OptionList(*[Option(Text(one_line(label))) for label, _, _ in self.choices], id="export-what")
            yield Label("Filnamn (i sessionskatalogen)")
            yield SafeInput(self.choices[0][1], id="export-file", compact=True)
            yield Static(id="export-result")
            with Horizontal(classes="buttons"):
                yield Button("Skriv fil (ctrl+s)", id="write", variant="primary")
                yield Button("Kopiera (ctrl+y)", id="copy")
                yield Button("Stäng (Esc)", id="cancel")
        yield Footer()

    @on(OptionList.OptionHighlighted, "#export-what")
    def picked(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#export-file", Input).value = self.choices[event.option_index][1]

    def _export(self) -> str:
        import exporters

        index = self.query_one("#export-what", OptionList).highlighted or 0
        meeting = self.choices[index][2]
        session, pack = self.store.session, self.store.pack
        return exporters.minutes(session, pack, meeting) if meeting else exporters.draft(session, pack)

    def action_copy(self) -> None:
        """Copy the export to the user's own clipboard (OSC 52), also across SSH where the terminal allows it."""
        self.app.copy_to_clipboard(self._export())
        self.query_one("#export-result", Static).update(Text("Kopierat till urklipp (om terminalen tillåter det).",
                                                             "bold"))

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#export-file")
    def action_write(self) -> None:
        from samverka import fileio

        session = self.store.session
        name = Path(self.query_one("#export-file", Input).value.strip()).name
        result = self.query_one("#export-result", Static)
        if not name.endswith(".md") or name.startswith("."):
            # Never over the session's own files (session.toml, the lock, the recovery file).
            result.update(Text("Filnamnet ska sluta på .md och inte börja med en punkt.", "bold"))
            return
        text = self._export()
        target = session.path / name
        try:
            fileio.write_atomic(target, text)
        except UserError as err:
            result.update(Text(f"Kunde inte skriva: {one_line(str(err))}", "bold reverse"))
            return
        result.update(Text(f"Skrev {one_line(str(target))}", "bold"))

    @on(Button.Pressed, "#copy")
    def copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class PickerScreen(Screen):
    """Sessions in the sessions directory; Enter opens one, n creates a new one."""

    BINDINGS = [
        Binding("n", "new", "Ny session", id="new"),
    ]

    def __init__(self, sessions_dir: Path, packs_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-body"):
            yield Label(Text("samverka — välj session (Enter) eller skapa en ny (n)", "bold"))
            yield OptionList(id="sessions")
            yield Static(id="picker-errors")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        from sessions.store import SessionStore

        listing = self.query_one("#sessions", OptionList)
        listing.clear_options()
        errors = Text()
        paths = sorted(p for p in self.sessions_dir.iterdir() if p.is_dir()) if self.sessions_dir.is_dir() else []
        for path in paths:
            try:
                store = SessionStore.open(path, self.packs_dir)
            except UserError as err:
                errors.append(f"{one_line(str(err))}\n")
                continue
            s = store.session
            last = s.meetings[-1].id if s.meetings else "inget möte än"
            row = Text(f"{one_line(s.title)}", "bold")
            row.append(f" — {one_line(s.organisation)}\n  {s.slug} · {s.pack} · senaste möte {last} · "
                       f"{readiness_percent(s, list(store.pack.questions))} % klart")
            listing.add_option(Option(row, id=str(path)))
        if not paths:
            errors.append("Inga sessioner än. Tryck n för att skapa en.")
        self.query_one("#picker-errors", Static).update(errors)
        if listing.option_count:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#sessions")
    def open_session(self, event: OptionList.OptionSelected) -> None:
        self.app.open_session(Path(event.option.id or ""))

    def action_new(self) -> None:
        def created(path: Path | None) -> None:
            if path is not None:
                self.app.open_session(path)

        self.app.push_screen(NewSessionScreen(self.sessions_dir, self.packs_dir), created)


class NewSessionScreen(Dialog):
    """Create a session without leaving the TUI."""

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "create", "Skapa", id="create")]

    def __init__(self, sessions_dir: Path, packs_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir

    def compose(self) -> ComposeResult:
        from phases import available_packs

        self.pack_ids = list(available_packs(self.packs_dir))
        with VerticalScroll(id="new-body", classes="dialog"):
            yield Label(Text("Ny session", "bold"))
            yield Label("Kortnamn (a–z, 0–9, -)")
            yield SafeInput(id="slug", compact=True, restrict=r"[a-z0-9-]*")
            yield Label("Organisation")
            yield SafeInput(id="organisation", compact=True)
            yield Label("Titel (tomt: paketets titel)")
            yield SafeInput(id="title", compact=True)
            yield Label("Processpaket")
            yield RadioSet(*[RadioButton(Text(one_line(p)), value=i == 0) for i, p in enumerate(self.pack_ids)],
                           id="pack")
            yield Static(id="new-error")
            with Horizontal(classes="buttons"):
                yield Button("Skapa (ctrl+s)", id="create", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#slug").focus()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def action_create(self) -> None:
        from phases import find_pack
        from sessions.store import SessionStore

        slug = self.query_one("#slug", Input).value.strip()
        organisation = self.query_one("#organisation", Input).value.strip()
        title = self.query_one("#title", Input).value.strip()
        error = self.query_one("#new-error", Static)
        if not slug or not organisation:
            error.update(Text("Kortnamn och organisation behövs.", "bold"))
            return
        try:
            pack = find_pack(self.pack_ids[self.query_one("#pack", RadioSet).pressed_index], self.packs_dir)
            store = SessionStore.create(self.sessions_dir, slug, organisation, title or pack.title, pack)
        except UserError as err:
            error.update(Text(one_line(str(err)), "bold reverse"))
            return
        self.dismiss(store.session.path)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


DIALOGS: tuple[tuple[str, type], ...] = (
    ("mötesinställningarna (m)", MeetingScreen),
    ("deltagarrutan (d)", ParticipantScreen),
    ("åtgärdslistan (x)", ActionsScreen),
    ("översikten (o)", OverviewScreen),
    ("exportrutan (e)", ExportScreen),
    ("återställningsfrågan", RestoreScreen),
    ("sessionslistan", PickerScreen),
    ("rutan för ny session", NewSessionScreen),
)
