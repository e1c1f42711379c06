"""The overview: readiness across all phases and what is still open; Enter jumps to a question."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from samverka.phases import Pack
from samverka.sessions.model import Session, readiness_percent
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog
from samverka.tui.widgets import GLYPHS, REVISIT


class OverviewScreen(Dialog):
    """Readiness across all phases, the revisit list, open disagreements and open actions; Enter jumps."""

    # The list fills the dialog and scrolls in it: at its own height (auto) it was taller than the dialog at
    # 80×24, which cut off its end — the open actions — where no key could scroll.
    DEFAULT_CSS = """
    #overview-body {
        height: 90%;
    }

    #overview-list {
        height: 1fr;
    }
    """

    def __init__(self, session: Session, pack: Pack, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.pack = pack
        self.today = today

    def compose(self) -> ComposeResult:
        from samverka.sessions.workflow import open_actions, open_disagreements

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
            yield Label(Text(f"Översikt — hur klara totalt {total} %", "bold"))
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

    @on(OptionList.OptionHighlighted)
    def show_the_end(self, event: OptionList.OptionHighlighted) -> None:
        """On the last row that can be picked (End, or ↓ to it), the headings after it are shown too — "Öppna
        åtgärder (0)" says there are none; highlighting alone would stop short of it."""
        if all(target is None for target in self.targets[event.option_index + 1:]):
            event.option_list.scroll_end(animate=False)
