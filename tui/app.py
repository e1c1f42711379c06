"""The Textual application: opens a session (or the picker first) and hosts the main screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from samverka.errors import UserError
from samverka.text import one_line
from sessions.store import SessionStore
from tui.commands import SamverkaCommands
from tui.main_screen import Clock, MainScreen


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class SamverkaApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "samverka"
    COMMANDS = App.COMMANDS | {SamverkaCommands}
    ENABLE_COMMAND_PALETTE = True
    # Replaces Textual's own ctrl+q (quit at once): an open session is saved first, from any dialog.
    BINDINGS = [Binding("ctrl+q", "save_and_quit", "Spara och avsluta", priority=True, id="save_and_quit")]

    def __init__(
        self,
        *,
        store: SessionStore | None = None,
        sessions_dir: Path | None = None,
        packs_dir: Path | None = None,
        read_only: bool = False,
        clock: Clock = _now,
    ) -> None:
        super().__init__()
        self.store = store
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir
        self.read_only = read_only
        self.clock = clock

    def on_mount(self) -> None:
        if self.store is not None:
            self.push_screen(MainScreen(self.store, read_only=self.read_only, clock=self.clock))
        else:
            from tui.screens import PickerScreen

            assert self.sessions_dir is not None and self.packs_dir is not None
            self.push_screen(PickerScreen(self.sessions_dir, self.packs_dir))

    async def action_save_and_quit(self) -> None:
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            self.exit(0)
        else:
            main.action_save_and_quit()

    def open_session(self, path: Path) -> None:
        try:
            self.store = SessionStore.open(path, self.packs_dir)
        except UserError as err:
            self.notify(one_line(str(err)), severity="error", timeout=10)
            return
        self.switch_screen(MainScreen(self.store, read_only=self.read_only, clock=self.clock))


def run_session(store: SessionStore, packs_dir: Path, *, read_only: bool, mouse: bool = True) -> int:
    app = SamverkaApp(store=store, packs_dir=packs_dir, read_only=read_only)
    return app.run(mouse=mouse) or 0


def run_picker(sessions_dir: Path, packs_dir: Path, *, mouse: bool = True) -> int:
    app = SamverkaApp(sessions_dir=sessions_dir, packs_dir=packs_dir)
    return app.run(mouse=mouse) or 0
