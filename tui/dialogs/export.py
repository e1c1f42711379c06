"""Exporting minutes, the draft or the report to a file or the clipboard."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from samverka.errors import UserError
from samverka.phases import Pack
from samverka.sessions.model import Session, is_visit
from samverka.sessions.workflow import held
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog, Field, Listing, command


class ExportScreen(Dialog):
    """Pick minutes (which meeting), draft or report (for a visit: the group's feedback sheet), and a file name;
    written atomically."""

    DEFAULT_CSS = """
    #export-what {
        height: auto;
        max-height: 8;
    }
    """

    BINDINGS = [
        *Dialog.BINDINGS,
        command("ctrl+s", "write", "Skriv fil", id="write"),
        command("ctrl+y", "copy", "Kopiera till urklipp", id="copy"),
    ]
    ON_ENTER = {"export-file": "write", "write": "write", "copy": "copy", "cancel": "close"}

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack

    def _choices(self) -> list[tuple[str, str, Callable[[], str]]]:
        """(label, file name, the export) for each thing the session can be exported as; the held meetings'
        minutes newest first (a planned meeting has none)."""
        from samverka import exporters
        from samverka.exporters import default_filename
        from samverka.exporters.feedback import report

        session, pack = self.session, self.pack
        kind = pack.output_kind
        if pack.visit is not None and is_visit(session):  # what `report` gives a visit
            choices = [(f"Återkoppling till {session.group} (gruppens svar från besöket)",
                        default_filename(session, "feedback", None), lambda: report(session, pack))]
        else:
            choices = [(f"{'Avtalsutkast' if kind == 'agreement' else 'Uppföljningsrapport'} för hela sessionen",
                        default_filename(session, kind, None), lambda: report(session, pack))]
        choices.append(("Arbetsläge: hur klara, återkom, tid, öppna åtgärder (hör inte till protokollet)",
                        default_filename(session, "status", None), lambda: exporters.status(session, pack)))
        for meeting in reversed(held(session)):
            choices.append((f"{session.minutes_title} {meeting.id}", default_filename(session, "minutes", meeting),
                            lambda meeting=meeting: exporters.minutes(session, pack, meeting)))
        return choices

    def compose(self) -> ComposeResult:
        self.choices = self._choices()
        with Vertical(id="export-body", classes="dialog"):
            yield Label(Text("Exportera", "bold"))
            yield Listing(*[Option(Text(one_line(label))) for label, _, _ in self.choices], id="export-what")
            yield Label("Filnamn (i sessionskatalogen)")
            yield Field(self.choices[0][1], id="export-file", compact=True)
            yield Static(id="export-result")
            with Horizontal(classes="buttons"):
                yield Button("Skriv fil (ctrl+s)", id="write", variant="primary")
                yield Button("Kopiera (ctrl+y)", id="copy")
                yield Button("Stäng (Esc)", id="cancel")
        yield Footer()

    @on(OptionList.OptionHighlighted, "#export-what")
    def picked(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#export-file", Field).value = self.choices[event.option_index][1]

    def _export(self) -> str:
        return self.choices[self.query_one("#export-what", Listing).highlighted or 0][2]()

    def action_copy(self) -> None:
        """Copy the export to the user's own clipboard (OSC 52), also across SSH where the terminal allows it."""
        self.app.copy_to_clipboard(self._export())
        self.query_one("#export-result", Static).update(Text("Kopierat till urklipp (om terminalen tillåter det).",
                                                             "bold"))

    def action_write(self) -> None:
        from samverka.exporters.target import write_in_session

        result = self.query_one("#export-result", Static)
        try:
            target = write_in_session(self.session, self.query_one("#export-file", Field).value, self._export())
        except UserError as err:
            result.update(Text(f"Kunde inte skriva: {one_line(str(err))}", "bold reverse"))
            return
        result.update(Text(f"Skrev {one_line(str(target))}", "bold"))
