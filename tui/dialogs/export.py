"""Exporting minutes, the draft or the report to a file or the clipboard."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from samverka.errors import UserError
from samverka.phases import Pack
from samverka.sessions.model import Meeting, Session, is_visit
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog
from samverka.tui.widgets import SafeInput


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
        Binding("ctrl+s", "write", "Skriv fil", id="write"),
        Binding("ctrl+y", "copy", "Kopiera till urklipp", id="copy"),
    ]

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack

    def _choices(self) -> list[tuple[str, str, Meeting | None]]:
        from samverka.exporters import default_filename

        session = self.session
        kind = self.pack.output_kind
        if self.pack.visit is not None and is_visit(session):  # what `report` gives a visit
            choices = [(f"Återkoppling till {session.group} (gruppens svar från besöket)",
                        default_filename(session, "feedback", None), None)]
        else:
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
        from samverka import exporters
        from samverka.exporters.feedback import report

        index = self.query_one("#export-what", OptionList).highlighted or 0
        meeting = self.choices[index][2]
        return exporters.minutes(self.session, self.pack, meeting) if meeting else report(self.session, self.pack)

    def action_copy(self) -> None:
        """Copy the export to the user's own clipboard (OSC 52), also across SSH where the terminal allows it."""
        self.app.copy_to_clipboard(self._export())
        self.query_one("#export-result", Static).update(Text("Kopierat till urklipp (om terminalen tillåter det).",
                                                             "bold"))

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#export-file")
    def action_write(self) -> None:
        from samverka.exporters.target import write_in_session

        result = self.query_one("#export-result", Static)
        try:
            target = write_in_session(self.session, self.query_one("#export-file", Input).value, self._export())
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
