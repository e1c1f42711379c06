"""Each party's position on the current agenda item: Enter steps the highlighted party's, ctrl+s keeps them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from samverka.sessions.model import (
    POSITION_LABELS,
    POSITIONS,
    AgendaItem,
    Meeting,
    Session,
    absent_parties,
    item_outcome,
)
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog, Listing, command
from samverka.tui.widgets.display import OUTCOME_LABELS, PARTY_KIND_LABELS


class PositionsScreen(Dialog):
    """The parties of the session, absent ones marked: Enter steps the highlighted party's position
    (none → överens → ej överens → avstår → none). Returns the positions (party id → position) on ctrl+s;
    the item changes only when the opener applies them."""

    BINDINGS = [*Dialog.BINDINGS, command("ctrl+s", "keep", "Spara", id="keep")]  # after the steps typed before it

    def __init__(self, session: Session, meeting: Meeting, question_id: str) -> None:
        super().__init__()
        self.session = session
        self.meeting = meeting
        self.question_id = question_id
        item = meeting.items.get(question_id)
        self.positions: dict[str, str] = dict(item.positions) if item is not None else {}
        self.absent = {p.id for p in absent_parties(session, meeting)}

    def compose(self) -> ComposeResult:
        with Vertical(id="positions-body", classes="dialog"):
            yield Label(Text(f"Ståndpunkter i {self.question_id} — Enter: nästa · ctrl+s: spara · Esc: avbryt", "bold"))
            yield Listing(id="positions-list")
            yield Static(id="positions-outcome")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one("#positions-list", Listing)
        highlighted = listing.highlighted
        listing.clear_options()
        for party in self.session.parties:
            row = Text(f"{POSITION_LABELS.get(self.positions.get(party.id, ''), '–'):<11}", "bold")
            row.append(f"{one_line(party.name)} ({PARTY_KIND_LABELS[party.kind]})")
            if party.id in self.absent:
                row.append("  frånvarande: räknas inte", "dim")
            listing.add_option(Option(row, id=party.id))
        if self.session.parties:
            listing.highlighted = min(highlighted or 0, len(self.session.parties) - 1)
        else:
            listing.add_option(Option(Text("Sessionen har inga parter: lägg till dem med d."), disabled=True))
        self.query_one("#positions-outcome", Static).update(self._outcome())
        self.set_focus(listing)  # at once: the keys typed next may be on their way

    def _outcome(self) -> Text:
        """What the positions amount to, as the minutes will have it."""
        probe = Meeting(id=self.meeting.id, date=self.meeting.date, attendees=self.meeting.attendees,
                        absent=self.meeting.absent, items={self.question_id: AgendaItem(positions=self.positions)})
        outcome = item_outcome(self.session, probe, self.question_id)
        return Text(f"Utfall: {OUTCOME_LABELS.get(outcome or '', 'inte avgjort')}", "italic")

    @on(OptionList.OptionSelected, "#positions-list")
    def step(self, event: OptionList.OptionSelected) -> None:
        party_id = event.option.id
        if party_id is None:
            return
        order = (None, *POSITIONS)
        following = order[(order.index(self.positions.get(party_id)) + 1) % len(order)]
        if following is None:
            self.positions.pop(party_id, None)
        else:
            self.positions[party_id] = following
        self._fill()

    def action_keep(self) -> None:
        self.dismiss(self.positions)
