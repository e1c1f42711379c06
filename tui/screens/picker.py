"""The session picker: the first screen when samverka starts without a session. The visits of a central
follow-up are listed together, under the follow-up, and its roll-up is written from here (PRODUCT.md §9)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from samverka.errors import UserError
from samverka.sessions.catalog import Summary, summaries
from samverka.text import one_line

if TYPE_CHECKING:
    from samverka.sessions.rollup import FollowUp, VisitSummary


class PickerScreen(Screen):
    """Sessions in the sessions directory; Enter opens one, n creates a new one, r writes the roll-up of the
    follow-up the highlighted visit belongs to."""

    DEFAULT_CSS = """
    #picker-body {
        padding: 1 2;
    }

    #sessions {
        height: 1fr;
    }

    /* A follow-up's heading: not to be picked, but no less readable for that. */
    #sessions > .option-list--option-disabled {
        color: $text;
    }

    #picker-result {
        height: auto;
        display: none;
    }

    #picker-errors {
        height: auto;
        color: $warning;
    }
    """

    BINDINGS = [
        Binding("n", "new", "Ny session", id="new"),
        Binding("r", "rollup", "Sammanställ uppföljningen", id="rollup"),
    ]

    def __init__(self, sessions_dir: Path, packs_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir
        self.follow_ups: dict[str, FollowUp] = {}  # a visit's option id -> the follow-up it belongs to

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-body"):
            yield Label(Text("samverka — välj session (Enter) eller skapa en ny (n)", "bold"))
            yield OptionList(id="sessions")
            yield Static(id="picker-errors")
            yield Static(id="picker-result")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the sessions' summaries off the UI thread; the list fills when they are in."""
        self.run_worker(self._read_summaries, thread=True, exclusive=True, group="summaries")

    def _read_summaries(self) -> None:
        from samverka.sessions.rollup import FollowUp, visits

        follow_ups = [f for f in visits(self.sessions_dir, self.packs_dir) if isinstance(f, FollowUp)]
        # The visits are listed under their follow-up; a session that cannot be read, once, by `summaries`.
        listed = {visit.path for f in follow_ups for visit in f.visits}
        found = list(summaries(self.sessions_dir, self.packs_dir, skip=listed))
        self.app.call_from_thread(self._show, found, follow_ups)

    def _show(self, found: list[Summary | UserError], follow_ups: list[FollowUp]) -> None:
        listing = self.query_one("#sessions", OptionList)
        listing.clear_options()
        self.follow_ups = {}
        errors = Text()
        for summary in found:
            if isinstance(summary, UserError):
                errors.append(f"{one_line(str(summary))}\n")
                continue
            row = Text(f"{one_line(summary.title)}", "bold")
            row.append(f" — {one_line(summary.organisation)}\n  {summary.slug} · {summary.pack} · senaste möte "
                       f"{summary.last_meeting or 'inget möte än'} · {summary.percent} % klart")
            listing.add_option(Option(row, id=str(summary.path)))
        for follow_up in follow_ups:
            if listing.option_count:
                listing.add_option(None)
            listing.add_option(Option(self._heading(follow_up), disabled=True))
            width = max(len(one_line(v.group)) for v in follow_up.visits)
            for visit in follow_up.visits:
                listing.add_option(Option(self._visit_row(visit, width), id=str(visit.path)))
                self.follow_ups[str(visit.path)] = follow_up
        if not found and not follow_ups:
            errors.append("Inga sessioner än. Tryck n för att skapa en.")
        self.query_one("#picker-errors", Static).update(errors)
        listing.action_first()
        listing.focus()
        self.refresh_bindings()

    @staticmethod
    def _heading(follow_up: FollowUp) -> Text:
        row = Text(f"{one_line(follow_up.title)} — {one_line(follow_up.organisation)}", "bold")
        row.append(f"\n  {len(follow_up.visits)} besök i uppföljningen · r skriver sammanställningen", "dim")
        return row

    @staticmethod
    def _visit_row(visit: VisitSummary, width: int) -> Text:
        done = visit.progress
        day = visit.day.isoformat() if visit.day else "dag saknas"
        row = Text(f"  {one_line(visit.group).ljust(width)}  {day:<10}  ")
        row.append(f"{done.percent:>3} % · {done.rated}/{done.areas} bedömda", "dim")
        return row

    @on(OptionList.OptionSelected, "#sessions")
    def open_session(self, event: OptionList.OptionSelected) -> None:
        self.app.open_session(Path(event.option.id or ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.follow_ups) if action == "rollup" else True  # no visits: nothing to roll up

    def action_rollup(self) -> None:
        option = self.query_one("#sessions", OptionList).highlighted_option
        follow_up = self.follow_ups.get(option.id or "") if option is not None else None
        if follow_up is None:
            self.notify("Välj ett besök i listan: r sammanställer uppföljningen som besöket hör till.",
                        severity="warning")
            return
        self._result(Text(f"Sammanställer {len(follow_up.visits)} besök …"))
        self.run_worker(partial(self._write_rollup, follow_up), thread=True, exclusive=True, group="rollup")

    def _write_rollup(self, follow_up: FollowUp) -> None:
        """Read the visits and write the roll-up into the data directory (the sessions directory's parent)."""
        from samverka.exporters.rollup import write_follow_up

        try:
            path = write_follow_up([v.path for v in follow_up.visits], self.sessions_dir, self.packs_dir,
                                   self.sessions_dir.parent)
        except UserError as err:
            self.app.call_from_thread(self._result, Text(f"Kunde inte sammanställa: {one_line(str(err))}",
                                                         "bold reverse"))
            return
        self.app.call_from_thread(self._result, Text(f"Sammanställningen ({len(follow_up.visits)} besök) skrevs "
                                                     f"till {one_line(str(path))}", "bold"))

    def _result(self, text: Text) -> None:
        result = self.query_one("#picker-result", Static)
        result.update(text)
        result.display = True

    def action_new(self) -> None:
        from samverka.tui.dialogs import NewSessionScreen

        def created(path: Path | None) -> None:
            if path is not None:
                self.app.open_session(path)

        self.app.push_screen(NewSessionScreen(self.sessions_dir, self.packs_dir), created)
