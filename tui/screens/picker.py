"""The session picker: the first screen when samverka starts without a session."""

from __future__ import annotations

from pathlib import Path

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


class PickerScreen(Screen):
    """Sessions in the sessions directory; Enter opens one, n creates a new one."""

    DEFAULT_CSS = """
    #picker-body {
        padding: 1 2;
    }

    #sessions {
        height: 1fr;
    }

    #picker-errors {
        height: auto;
        color: $warning;
    }
    """

    BINDINGS = [
        Binding("n", "new", "Ny session", id="new"),
    ]

    def __init__(self, sessions_dir: Path, packs_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-body"):
            yield Label(Text("samverka — välj session (Enter) eller skapa en ny (n)", "bold"))
            yield OptionList(id="sessions")
            yield Static(id="picker-errors")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the sessions' summaries off the UI thread; the list fills when they are in."""
        self.run_worker(self._read_summaries, thread=True, exclusive=True, group="summaries")

    def _read_summaries(self) -> None:
        found = list(summaries(self.sessions_dir, self.packs_dir))
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Summary | UserError]) -> None:
        listing = self.query_one("#sessions", OptionList)
        listing.clear_options()
        errors = Text()
        for summary in found:
            if isinstance(summary, UserError):
                errors.append(f"{one_line(str(summary))}\n")
                continue
            row = Text(f"{one_line(summary.title)}", "bold")
            row.append(f" — {one_line(summary.organisation)}\n  {summary.slug} · {summary.pack} · senaste möte "
                       f"{summary.last_meeting or 'inget möte än'} · {summary.percent} % klart")
            listing.add_option(Option(row, id=str(summary.path)))
        if not found:
            errors.append("Inga sessioner än. Tryck n för att skapa en.")
        self.query_one("#picker-errors", Static).update(errors)
        if listing.option_count:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#sessions")
    def open_session(self, event: OptionList.OptionSelected) -> None:
        self.app.open_session(Path(event.option.id or ""))

    def action_new(self) -> None:
        from samverka.tui.dialogs import NewSessionScreen

        def created(path: Path | None) -> None:
            if path is not None:
                self.app.open_session(path)

        self.app.push_screen(NewSessionScreen(self.sessions_dir, self.packs_dir), created)
