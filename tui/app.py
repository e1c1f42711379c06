"""The Textual application: opens a session (or the picker first), hosts the main screen, and saves
everything when the terminal goes away (SIGHUP), the process is told to stop, or the user quits."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen

from samverka.errors import UserError
from samverka.sessions.clock import Clock
from samverka.sessions.opened import OpenedSession, open_session
from samverka.text import one_line
from samverka.tui.screens.main import MainScreen

EXIT_DEADLINE = 1.8  # seconds from a signal to the process being gone, whatever the terminal does


class SamverkaApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "samverka"
    # Textual's system provider, which lists get_system_commands below; each screen adds its own
    # commands (MainScreen.COMMANDS), so the palette offers only what the screen it was opened on can do.
    COMMANDS = App.COMMANDS
    # ctrl+q replaces Textual's own (quit at once): an open session is saved first, from any dialog.
    # Tab moves the focus as a priority binding, before the keys typed right after it are routed,
    # so a fast burst over SSH ("Namn⇥Organisation") lands in the right fields.
    BINDINGS = [
        Binding("ctrl+q", "save_and_quit", "Spara och avsluta", priority=True, id="save_and_quit"),
        # Ours in place of Textual's, whose description the picker's footer shows in English.
        Binding("ctrl+p", "command_palette", "palett", show=False, priority=True, id="command_palette"),
        Binding("tab", "focus_next", "Nästa fält", show=False, priority=True, id="focus_next"),
        Binding("shift+tab", "focus_previous", "Föregående fält", show=False, priority=True, id="focus_previous"),
    ]

    def __init__(
        self,
        *,
        opened: OpenedSession | None = None,
        sessions_dir: Path | None = None,
        packs_dir: Path | None = None,
        clock: Clock | None = None,
        bell: bool = False,
    ) -> None:
        super().__init__()
        self.bell_enabled = bell  # ring the terminal bell when a question's timebox runs out
        self.opened = opened
        self.sessions_dir = sessions_dir
        self.packs_dir = packs_dir
        self.clock = clock  # what time it is for every session opened here (tests pin it); else the real time
        self.failed: UserError | None = None  # why the app gave up, for the CLI to say after the screen is gone

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stop_now, signal.Signals(signum).name)
        if self.opened is not None:
            self.push_screen(self._main(self.opened))
        else:
            from samverka.tui.screens.picker import PickerScreen

            assert self.sessions_dir is not None and self.packs_dir is not None
            self.push_screen(PickerScreen(self.sessions_dir, self.packs_dir))

    def on_unmount(self) -> None:
        if self.opened is not None:  # every way out has closed it already; this is the last net
            self.opened.close(reason="programmet avslutades")

    def _main(self, opened: OpenedSession, question: str | None = None) -> MainScreen:
        if self.clock is not None:
            opened.clock = self.clock
        return MainScreen(opened, question=question)

    def main_screen(self) -> MainScreen | None:
        return next((s for s in reversed(self.screen_stack) if isinstance(s, MainScreen)), None)

    def notify(self, message: str, **kwargs) -> None:
        """Messages often carry names and file text: never read them as markup."""
        kwargs["markup"] = False
        super().notify(message, **kwargs)

    def open_session(self, path: Path, *, question: str | None = None, read_only: bool = False) -> None:
        """Open (or reopen) a session: as its writer if nobody else holds it, else read-only."""
        try:
            opened = open_session(path, self.packs_dir, read_only=read_only)
        except UserError as err:
            self.notify(one_line(str(err)), severity="error", timeout=10)
            return
        if self.opened is not None:
            self.opened.close(reason="en annan session öppnades")
        self.opened = opened
        self.switch_screen(self._main(opened, question))

    def follow_session(self, question: str) -> None:
        """Read-only: reload the session as it now is on disk, keeping who holds it in the banner."""
        assert self.opened is not None
        holder = self.opened.holder
        try:
            opened = open_session(self.opened.session.path, self.packs_dir, read_only=True)
        except UserError as err:  # a half-finished hand edit, say: try again at the next look
            self.notify(one_line(str(err)), severity="warning", timeout=5)
            return
        opened.holder = holder
        self.opened = opened
        self.switch_screen(self._main(opened, question))

    def fail(self, error: UserError) -> None:
        """Leave with `error` as the command's one-line message (exit code 1)."""
        self.failed = error
        self.exit(1)

    def _handle_exception(self, error: Exception) -> None:
        """An error nobody caught: Textual would print a traceback with local variables, which quote the
        session's notes, onto the screen. Instead the session is saved and closed (what cannot be saved goes
        to the recovery file), the full report goes to a private file, and the command says one line."""
        from textual.worker import WorkerFailed

        from samverka import crash

        cause = error.error if isinstance(error, WorkerFailed) else error
        if self.failed is None:
            beside = self.opened.session.path if self.opened is not None else None
            self.failed = UserError(crash.one_line(cause, beside=beside))
        self._return_code = 1
        if self._exception is None:  # Pilot raises it after a test, as Textual does
            self._exception = error
            self._exception_event.set()
        main = self.main_screen()
        if main is not None and not main.opened.closed:
            with contextlib.suppress(Exception):  # failing here too, the last net (on_unmount) closes it
                main.close_session("internt fel")
        self._close_messages_no_wait()

    def get_driver_class(self) -> type[Driver]:
        """Textual's choice (or TEXTUAL_DRIVER's), with ours in place of its Linux driver (see tui/driver.py)."""
        from textual.drivers.linux_driver import LinuxDriver

        chosen = super().get_driver_class()
        if chosen is not LinuxDriver:
            return chosen
        from samverka.tui.driver import TerminalDriver

        return TerminalDriver

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab must not move the focus behind a main screen hidden by "Terminalen är för liten".
        return not (action in ("focus_next", "focus_previous") and self.screen.has_class("-too-small"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's app-wide entries, in Swedish, in place of Textual's (Quit, Theme, Keys, Screenshot …).

        The main screen lists quitting and help among its own commands, so nothing is added there.
        """
        if not isinstance(screen, MainScreen):
            yield SystemCommand("Session: Spara och avsluta", "Sparar det som är öppet och avslutar (ctrl+q)",
                                self.action_save_and_quit)

    def action_command_palette(self) -> None:
        """ctrl+p: the palette, in Swedish."""
        from textual.command import CommandPalette

        from samverka.tui.dialogs.palette import Palette

        too_small = self.screen.has_class("-too-small")  # behind "Terminalen är för liten" nothing acts
        if self.use_command_palette and not CommandPalette.is_open(self) and not too_small:
            self.push_screen(Palette(id="--command-palette"))

    async def action_quit(self) -> None:
        """Textual's quit (any "quit" binding, `app.action_quit()`) saves first, as ctrl+q does: one way out."""
        await self.action_save_and_quit()

    async def action_save_and_quit(self) -> None:
        main = self.main_screen()
        if main is None:
            self.exit(0)
        else:
            main.action_save_and_quit()

    def stop_now(self, reason: str) -> None:
        """A dropped connection or a kill: save everything (a half-typed note to the recovery file), exit."""
        watchdog = threading.Timer(EXIT_DEADLINE, os._exit, args=(1,))
        watchdog.daemon = True
        watchdog.start()
        main = self.main_screen()
        if main is not None:
            main.close_session(reason)
        self.exit(1)


def run_session(opened: OpenedSession, packs_dir: Path, *, mouse: bool = True, bell: bool = False) -> int:
    return _run(SamverkaApp(opened=opened, packs_dir=packs_dir, bell=bell), mouse)


def run_picker(sessions_dir: Path, packs_dir: Path, *, mouse: bool = True, bell: bool = False) -> int:
    return _run(SamverkaApp(sessions_dir=sessions_dir, packs_dir=packs_dir, bell=bell), mouse)


def _run(app: SamverkaApp, mouse: bool) -> int:
    with _screen_on_terminal():
        code = app.run(mouse=mouse) or 0
    kept = app.opened.recovered if app.opened is not None else None
    # Said once the screen is gone, on stderr, in one line: where unsaved work went (the state
    # directory when the session's could not take it); the next open of the session offers it.
    where = f"det som inte kunde sparas finns i {kept}; det erbjuds när sessionen öppnas nästa gång" if kept else ""
    if app.failed is not None:
        raise UserError(f"{one_line(str(app.failed))}; {where}") if where else app.failed
    if where:
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone (SIGHUP): the file is not
            print(f"samverka: {one_line(where)}", file=sys.stderr, flush=True)
    return code


@contextlib.contextmanager
def _screen_on_terminal() -> Iterator[None]:
    """Textual draws on stderr. Redirected (`2>log`, `2>/dev/null`, closed), the screen would go into the
    file or nowhere while keys still change the session: point stderr at the terminal of stdout while the
    app runs, then give it back, so that the line said after the screen is gone lands where it was sent."""
    if os.isatty(2) or not os.isatty(1):
        yield
        return
    stream = sys.__stderr__
    try:
        saved: int | None = os.dup(2)
    except OSError:  # closed (`2>&-`)
        saved = None
    if stream is not None:
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os.dup2(1, 2)
    if stream is None:  # Python has no stderr at all: give Textual one, on the terminal
        sys.__stderr__ = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.__stderr__.flush()
        if saved is None:
            os.close(2)
        else:
            os.dup2(saved, 2)
            os.close(saved)
        sys.__stderr__ = stream
