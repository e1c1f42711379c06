"""Correcting the session's parties and participants: a name, a party's kind, a role, or one registered by mistake."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label
from textual.widgets.selection_list import Selection

from samverka.sessions import edits
from samverka.sessions.edits import Touched
from samverka.sessions.model import PARTY_KINDS, Participant, Party
from samverka.sessions.opened import OpenedSession
from samverka.text import one_line
from samverka.tui.dialogs.base import Checklist, Field
from samverka.tui.dialogs.corrections import CorrectingDialog
from samverka.tui.widgets.display import PARTY_KIND_LABELS


class PeopleScreen(CorrectingDialog):
    """The parties, then the participants, each with the id a quick note names them by (#part, @vem): Enter
    corrects one (a party's name and kind; a person's name, role and party), Del removes one registered by
    mistake. Each change goes to `apply` at once, which saves it and keeps it undoable. Returns whether
    anything was changed."""

    FIRST_FIELD = "#name"
    ON_ENTER = {**CorrectingDialog.ON_ENTER, "name": "save"}

    def __init__(self, opened: OpenedSession, apply: Callable[[Touched], None]) -> None:
        super().__init__()
        self.opened = opened
        self.apply = apply

    def heading(self) -> str:
        return "Parter och deltagare — Enter: ändra · Del: ta bort"

    def rows(self) -> Iterable[tuple[Text, object | None]]:
        session = self.opened.session
        yield Text("Parter (#id i en anteckning)", "bold underline"), None
        if not session.parties:
            yield Text("inga parter ännu (d lägger till)", "dim"), None
        for party in session.parties:
            yield Text.assemble(one_line(party.name), ("  " + PARTY_KIND_LABELS[party.kind], "italic"),
                                (f"  #{party.id}", "bold")), party
        yield Text("Deltagare (@id i en anteckning)", "bold underline"), None
        if not session.participants:
            yield Text("inga deltagare ännu (d lägger till)", "dim"), None
        for person in session.participants:
            yield Text.assemble(one_line(person.name), f"  {self._role_and_party(person)}",
                                (f"  @{person.id}", "bold")), person

    def _role_and_party(self, person: Participant) -> str:
        role = self.opened.pack.role(person.role)
        party = self.opened.session.party(person.party)
        return f"{one_line(role.title) if role else person.role}, {one_line(party.name) if party else 'ingen part'}"

    def compose_form(self, target: object) -> ComposeResult:
        session = self.opened.session
        if isinstance(target, Party):
            yield Label(Text(f"Part #{target.id}", "bold"))
            yield Label("Namn")
            yield Field(target.name, id="name", compact=True)
            yield Label("Sort")
            yield Checklist(*[Selection(Text(PARTY_KIND_LABELS[kind]), kind, kind == target.kind)
                              for kind in PARTY_KINDS], one=True, id="party-kind")
            return
        yield Label(Text(f"Deltagare @{target.id}", "bold"))
        yield Label("Namn")
        yield Field(target.name, id="name", compact=True)
        yield Label("Roll")
        yield Checklist(*[Selection(Text(one_line(r.title)), r.id, r.id == target.role)
                          for r in self.opened.pack.roles], one=True, id="person-role")
        yield Label("Part")
        yield Checklist(Selection(Text("ingen part"), None, target.party is None),
                        *[Selection(Text(one_line(p.name)), p.id, p.id == target.party) for p in session.parties],
                        one=True, id="person-party")

    def save(self, target: object) -> str | None:
        session = self.opened.session
        name = self.query_one("#name", Field).value
        if isinstance(target, Party):
            kind = self.query_one("#party-kind", Checklist).chosen
            touched = edits.edit_party(session, target, name, kind)
            said = f"Ändrat: {one_line(target.name)} ({PARTY_KIND_LABELS[target.kind]})"
        else:
            role = self.query_one("#person-role", Checklist).chosen
            party_id = self.query_one("#person-party", Checklist).chosen
            touched = edits.edit_participant(session, self.opened.pack, target, name, role, party_id)
            said = f"Ändrat: {one_line(target.name)} ({self._role_and_party(target)})"
        if not touched:
            return None
        self.apply(touched)
        return said

    def what(self, target: object) -> str:
        return one_line(target.name)

    def remove_entry(self, target: object) -> str:
        if isinstance(target, Party):
            touched = edits.remove_party(self.opened.session, target)
        else:
            touched = edits.remove_participant(self.opened.session, target, self.opened.today())
        self.apply(touched)
        return f"Borttagen: {one_line(target.name)}"
