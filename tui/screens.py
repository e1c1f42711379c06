"""Dialogs around the main screen: help, overview, meeting setup, export, session picker."""

from __future__ import annotations

from collections.abc import Callable
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
from sessions.model import Meeting, Session, readiness_percent
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
    """Readiness across all phases and the revisit list; Enter jumps to a question."""

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for phase in self.pack.phases:
            ids = [q.id for q in phase.questions]
            glyphs = "".join(GLYPHS[self.session.readiness(q)] for q in ids)
            header = Text(f"Fas {phase.number} {one_line(phase.title)}  ", "bold")
            header.append(f"{glyphs}  {readiness_percent(self.session, ids)} %")
            options.append(Option(header, disabled=True))
            options.extend(Option(self._row(q.id), id=f"q-{q.id}") for q in phase.questions)
        revisit = sorted(
            (q for q in self.pack.questions if self.session.state(q).revisit),
            key=lambda q: (self.session.readiness(q), list(self.pack.questions).index(q)),
        )
        options.append(Option(Text(f"Återkom ({len(revisit)})", "bold"), disabled=True))
        options.extend(Option(self._row(q), id=f"r-{q}") for q in revisit)
        total = readiness_percent(self.session, list(self.pack.questions))
        with Vertical(id="overview-body", classes="dialog"):
            yield Label(Text(f"Översikt — beredskap totalt {total} %", "bold"))
            yield OptionList(*options, id="overview-list")
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
        self.dismiss((event.option.id or "")[2:] or None)


class MeetingScreen(Dialog):
    """Today's meeting: place, who is present, chair, secretary, adjusters."""

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "apply", "Spara", id="apply")]

    def __init__(self, session: Session, meeting: Meeting) -> None:
        super().__init__()
        self.session = session
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        people = self.session.participants

        def choices(selected: list[str]) -> list[Selection]:
            return [Selection(Text(self._who(p.id)), p.id, p.id in selected) for p in people]

        with VerticalScroll(id="meeting-body", classes="dialog"):
            yield Label(Text(f"Möte {self.meeting.date}", "bold"))
            yield Label("Plats")
            yield SafeInput(self.meeting.place, id="place", compact=True)
            yield Label("Närvarande")
            yield SelectionList(*choices(self.meeting.attendees), id="attendees")
            yield Label("Ordförande")
            yield self._one("chair", self.meeting.chair)
            yield Label("Sekreterare")
            yield self._one("secretary", self.meeting.secretary)
            yield Label("Justerare (en per part)")
            yield SelectionList(*choices(self.meeting.adjusters), id="adjusters")
            with Horizontal(classes="buttons"):
                yield Button("Spara (ctrl+s)", id="apply", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#place").focus()

    def _who(self, participant_id: str) -> str:
        person = self.session.participant(participant_id)
        assert person is not None
        party = self.session.party(person.party)
        return one_line(f"{person.name} ({party.name})" if party else person.name)

    def _one(self, widget_id: str, selected: str | None) -> RadioSet:
        buttons = [RadioButton(Text("ingen vald"), value=selected is None)]
        buttons += [RadioButton(Text(self._who(p.id)), value=p.id == selected) for p in self.session.participants]
        return RadioSet(*buttons, id=widget_id)

    def _picked(self, widget_id: str) -> str | None:
        index = self.query_one(f"#{widget_id}", RadioSet).pressed_index
        return self.session.participants[index - 1].id if index > 0 else None

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        meeting = self.meeting
        meeting.place = self.query_one("#place", Input).value.strip()
        meeting.attendees = list(self.query_one("#attendees", SelectionList).selected)
        meeting.adjusters = list(self.query_one("#adjusters", SelectionList).selected)
        meeting.chair = self._picked("chair")
        meeting.secretary = self._picked("secretary")
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(Dialog):
    """Pick minutes (which meeting), draft or report, and a file name; written atomically."""

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "write", "Skriv fil", id="write")]

    def __init__(self, store, clock: Callable) -> None:
        super().__init__()
        self.store = store
        self.clock = clock

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
                yield Button("Stäng (Esc)", id="cancel")
        yield Footer()

    @on(OptionList.OptionHighlighted, "#export-what")
    def picked(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#export-file", Input).value = self.choices[event.option_index][1]

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#export-file")
    def action_write(self) -> None:
        import exporters
        from samverka import fileio

        index = self.query_one("#export-what", OptionList).highlighted or 0
        _, _, meeting = self.choices[index]
        session, pack = self.store.session, self.store.pack
        name = Path(self.query_one("#export-file", Input).value.strip()).name
        result = self.query_one("#export-result", Static)
        if not name:
            result.update(Text("Skriv ett filnamn.", "bold"))
            return
        text = exporters.minutes(session, pack, meeting) if meeting else exporters.draft(session, pack)
        target = session.path / name
        try:
            fileio.write_atomic(target, text)
        except UserError as err:
            result.update(Text(f"Kunde inte skriva: {one_line(str(err))}", "bold reverse"))
            return
        result.update(Text(f"Skrev {one_line(str(target))}", "bold"))

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
        from samverka import fileio
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
            fileio.make_dir(self.sessions_dir)
            store = SessionStore.create(self.sessions_dir, slug, organisation, title or pack.title, pack)
        except UserError as err:
            error.update(Text(one_line(str(err)), "bold reverse"))
            return
        self.dismiss(store.session.path)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
