"""The one exception type for errors a user can fix: shown as one line, exit code 1."""

from __future__ import annotations

import errno
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


_REASONS = {
    errno.ENOSPC: "disken är full", errno.EDQUOT: "diskkvoten är slut", errno.EBADF: "den är stängd",
    errno.ENAMETOOLONG: "namnet är för långt", errno.ENOTDIR: "en del av sökvägen är ingen katalog",
    errno.EISDIR: "är en katalog", errno.ENOENT: "finns inte", errno.EACCES: "åtkomst nekad",
    errno.EPERM: "inte tillåtet", errno.EROFS: "filsystemet är skrivskyddat", errno.EIO: "in/ut-fel",
    errno.ELOOP: "för många symboliska länkar i rad",
}


def reason(err: OSError) -> str:
    """Why the system refused, in Swedish where we know the words."""
    return _REASONS.get(err.errno or 0, err.strerror or type(err).__name__)
