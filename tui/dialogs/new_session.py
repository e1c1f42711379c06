"""Creating a new session from the session picker."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Label, Static
from textual.widgets.selection_list import Selection

from samverka.errors import UserError
from samverka.text import one_line
from samverka.tui.dialogs.base import Checklist, Dialog, Field, command


class NewSessionScreen(Dialog):
    """Create a session without leaving the TUI."""

    BINDINGS = [*Dialog.BINDINGS, command("ctrl+s", "create", "Skapa", id="create")]
    ON_ENTER = {"slug": "create", "organisation": "create", "title": "create", "group": "create", "registry": "create",
                "create": "create", "cancel": "close"}

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
            yield Field(id="slug", compact=True, restrict=r"[a-z0-9-]*")
            yield Label("Organisation")
            yield Field(id="organisation", compact=True)
            yield Label("Titel (tomt: paketets titel)")
            yield Field(id="title", compact=True)
            yield Label("Grupp som möts (i protokollets rubrik; kan fyllas i senare med m)")
            yield Field(id="group", compact=True, placeholder="t.ex. Förvaltningsgrupp kultur")
            yield Label("Diarienummer (valfritt)")
            yield Field(id="registry", compact=True)
            yield Label("Processpaket")
            yield Checklist(*[Selection(Text(one_line(p)), p, i == 0) for i, p in enumerate(self.pack_ids)],
                            one=True, id="pack")
            yield Static(id="new-error")
            with Horizontal(classes="buttons"):
                yield Button("Skapa (ctrl+s)", id="create", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#slug"))  # at once: the keys typed next may be on their way

    def action_create(self) -> None:
        from samverka.sessions.catalog import create_session

        slug = self.query_one("#slug", Field).value.strip()
        organisation = self.query_one("#organisation", Field).value.strip()
        title = self.query_one("#title", Field).value.strip()
        error = self.query_one("#new-error", Static)
        if not slug or not organisation:
            error.update(Text("Kortnamn och organisation behövs.", "bold"))
            return
        pack_id = self.query_one("#pack", Checklist).chosen
        try:
            path = create_session(self.sessions_dir, slug, organisation, title, pack_id, self.packs_dir,
                                  group=self.query_one("#group", Field).value,
                                  registry=self.query_one("#registry", Field).value)
        except UserError as err:
            error.update(Text(one_line(str(err)), "bold reverse"))
            return
        self.dismiss(path)
