"""Saving off the keystroke path: a background thread writes the newest snapshot of each file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from samverka.errors import UserError
from sessions.store import Pending, SessionStore

Done = Callable[[list[Path], UserError | None], None]


class AutoSaver:
    """One writer thread per open session; a newer snapshot of a file replaces an unwritten older one."""

    def __init__(self, store: SessionStore, done: Done) -> None:
        self._store = store
        self._done = done
        self._pending: dict[Path, Pending] = {}
        self._busy = False
        self.last_error: UserError | None = None
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="samverka-autosave", daemon=True)
        self._thread.start()

    def submit(self, pending: list[Pending]) -> None:
        with self._condition:
            for item in pending:
                self._pending[item.path] = item
            self._condition.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is written (or failed); False on time-out."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._pending and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._pending))
                batch = list(self._pending.values())
                self._pending.clear()
                self._busy = True
            written: list[Path] = []
            error: UserError | None = None
            try:
                written = self._store.write(batch)
            except UserError as err:
                error = err
            except OSError as err:  # anything fileio did not already turn into a UserError
                error = UserError(f"kunde inte spara: {err.strerror or err}")
            finally:
                with self._condition:
                    self.last_error = error
                    self._busy = False
                    self._condition.notify_all()
            self._done(written, error)
