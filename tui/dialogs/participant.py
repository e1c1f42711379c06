"""Adding a participant who turned up unannounced, or a new party."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Label, Static
from textual.widgets.selection_list import Selection

from samverka.phases import Pack
from samverka.sessions.edits import NewParty, NewPerson, Registration
from samverka.sessions.model import PARTY_KINDS, Session
from samverka.text import one_line
from samverka.tui.dialogs.base import Checklist, Dialog, Field, command
from samverka.tui.widgets.display import PARTY_KIND_LABELS


class ParticipantScreen(Dialog):
    """Add a participant (someone who turned up unannounced: type the name, Enter) or a party.

    Returns a `Registration`; the session changes only when the opener applies it.
    """

    BINDINGS = [*Dialog.BINDINGS, command("ctrl+s", "add", "Lägg till", id="add")]
    ON_ENTER = {"person-name": "add", "party-name": "add_party"}

    def __init__(self, session: Session, pack: Pack) -> None:
        super().__init__()
        self.session = session
        self.pack = pack
        self.new_parties: list[NewParty] = []  # each confirmed with Enter in the party field

    def compose(self) -> ComposeResult:
        roles = self.pack.roles
        default_role = next((r.id for r in roles if r.id == "medarbetare"), roles[0].id)
        with VerticalScroll(id="person-body", classes="dialog"):
            yield Label(Text("Ny deltagare — namn, Enter", "bold"))
            yield Field(id="person-name", compact=True, placeholder="För- och efternamn")
            yield Label("Part")
            yield Checklist(Selection(Text("ingen part"), None, True),
                            *[Selection(Text(one_line(p.name)), p.id) for p in self.session.parties],
                            one=True, id="person-party")
            yield Label("Roll")
            yield Checklist(*[Selection(Text(one_line(r.title)), r.id, r.id == default_role) for r in roles],
                            one=True, id="person-role")
            yield Label(Text("Ny part — välj sort, skriv namnet, Enter (t.ex. en facklig organisation)", "bold"))
            # No kind is ticked beforehand: each new party's kind is chosen, never kept from the last one.
            # Arbetstagarpart first: a party added on the spot is most often a union.
            yield Checklist(*[Selection(Text(PARTY_KIND_LABELS[kind]), kind) for kind in reversed(PARTY_KINDS)],
                            one=True, id="party-kind")
            yield Field(id="party-name", compact=True, placeholder="t.ex. Vision")
            yield Static(id="person-message")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#person-name"))  # at once: the keys typed next may be on their way

    def _say(self, text: str, style: str = "") -> None:
        self.query_one("#person-message", Static).update(Text(text, style))

    def action_add(self) -> None:
        name = self.query_one("#person-name", Field).value.strip()
        if not name:
            self._say("Skriv ett namn.", "bold")
            return
        party = self.query_one("#person-party", Checklist).chosen
        role = self.query_one("#person-role", Checklist).chosen
        self.dismiss(Registration(tuple(self.new_parties), NewPerson(name, role, party)))

    def action_add_party(self) -> None:
        field = self.query_one("#party-name", Field)
        name = field.value.strip()
        if not name:
            return
        kinds = self.query_one("#party-kind", Checklist)
        if kinds.chosen is None:
            self._say("Välj om parten är arbetstagarpart eller arbetsgivarpart.", "bold")
            return
        party = NewParty(name, kinds.chosen)
        self.new_parties.append(party)
        field.value = ""
        kinds.deselect_all()
        parties = self.query_one("#person-party", Checklist)
        parties.add_option(Selection(Text(one_line(name)), party))
        parties.select(party)
        self._say(f"Ny part: {one_line(name)} ({PARTY_KIND_LABELS[party.kind]})")

    def action_close(self) -> None:
        """Leave without a new person; parties confirmed with Enter are still added."""
        self.dismiss(Registration(tuple(self.new_parties)) if self.new_parties else None)
