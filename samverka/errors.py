"""The one exception type for errors a user can fix: shown as one line, exit code 1."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input or files, reported as `file:line:col: message`."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.col is not None:
                    where += f":{self.col}"
            where += ": "
        return where + self.message
