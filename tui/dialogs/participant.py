"""Adding a participant who turned up unannounced, or a new party."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Label, RadioButton, RadioSet, Static

from samverka.phases import Pack
from samverka.sessions.edits import NewParty, NewPerson, Registration
from samverka.sessions.model import Party, Session
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog
from samverka.tui.widgets import SafeInput


class ParticipantScreen(Dialog):
    """Add a participant (someone who turned up unannounced: type the name, Enter) or a party.

    Returns a `Registration`; the session changes only when the opener applies it.
    """

    BINDINGS = [*Dialog.BINDINGS, Binding("ctrl+s", "add", "Lägg till", id="add")]

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack
        self.new_parties: list[NewParty] = []  # each confirmed with Enter in the party field

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
        name = self.query_one("#person-name", Input).value.strip()
        if not name:
            self.query_one("#person-error", Static).update(Text("Skriv ett namn.", "bold"))
            return
        choices: list[Party | NewParty | None] = [None, *self.session.parties, *self.new_parties]
        chosen = choices[max(0, self.query_one("#person-party", RadioSet).pressed_index)]
        party = chosen.id if isinstance(chosen, Party) else chosen
        role = self.pack.roles[max(0, self.query_one("#person-role", RadioSet).pressed_index)].id
        self.dismiss(Registration(tuple(self.new_parties), NewPerson(name, role, party)))

    @on(Input.Submitted, "#party-name")
    def add_party(self) -> None:
        field = self.query_one("#party-name", Input)
        name = field.value.strip()
        if not name:
            return
        kind = "arbetstagare" if self.query_one("#party-kind", RadioSet).pressed_index == 0 else "arbetsgivare"
        self.new_parties.append(NewParty(name, kind))
        field.value = ""
        button = RadioButton(Text(one_line(name)))
        self.query_one("#person-party", RadioSet).mount(button)
        button.value = True
        self.notify(f"Parten {one_line(name)} läggs till.")

    def action_close(self) -> None:
        """Leave without a new person; parties confirmed with Enter are still added."""
        self.dismiss(Registration(tuple(self.new_parties)) if self.new_parties else None)
