"""Creating a new session from the session picker."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from samverka.errors import UserError
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog
from samverka.tui.widgets import SafeInput


class NewSessionScreen(Dialog):
    """Create a session without leaving the TUI."""

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "create", "Skapa", id="create")]

    def __init__(self, sessions_dir: Path, packs_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir

    def compose(self) -> ComposeResult:
        from samverka.phases import available_packs

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
        from samverka.sessions.catalog import create_session

        slug = self.query_one("#slug", Input).value.strip()
        organisation = self.query_one("#organisation", Input).value.strip()
        title = self.query_one("#title", Input).value.strip()
        error = self.query_one("#new-error", Static)
        if not slug or not organisation:
            error.update(Text("Kortnamn och organisation behövs.", "bold"))
            return
        pack_id = self.pack_ids[self.query_one("#pack", RadioSet).pressed_index]
        try:
            path = create_session(self.sessions_dir, slug, organisation, title, pack_id, self.packs_dir)
        except UserError as err:
            error.update(Text(one_line(str(err)), "bold reverse"))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
