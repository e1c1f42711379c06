"""Where sessions and user packs live: `--dir`, then $SAMVERKA_DIR, then the user's data directory; and
the user's own state directory, for recovery files a session directory could not take."""

from __future__ import annotations

import os
from pathlib import Path

from samverka.errors import UserError


def data_dir(option: str | None) -> Path:
    if option:
        return expand(option)
    if os.environ.get("SAMVERKA_DIR"):
        return expand(os.environ["SAMVERKA_DIR"])
    base = os.environ.get("XDG_DATA_HOME", "")  # a relative one is ignored, as the XDG spec says
    return (Path(base) if os.path.isabs(base) else home() / ".local" / "share") / "samverka"


def home() -> Path:
    """$HOME, never a guess: unset, empty or relative it is the command's one-line error, so that a
    service started without HOME does not put sessions in / or in whatever directory it runs in."""
    value = os.environ.get("HOME", "")
    if not os.path.isabs(value):
        raise UserError("HOME är inte satt (eller ingen absolut sökväg); ange --dir DIR eller SAMVERKA_DIR")
    return Path(value)


def expand(text: str) -> Path:
    """`text` as a path; a leading `~` is $HOME (see `home`), `~user` that user's home directory."""
    if text == "~" or text.startswith("~/"):
        return home() / text[2:]
    try:
        return Path(text).expanduser()
    except RuntimeError as err:  # ~nobody-known
        raise UserError("okänd användare; hittar ingen hemkatalog", text) from err


def sessions_dir(data: Path) -> Path:
    return data / "sessions"


def packs_dir(data: Path, option: str | None) -> Path:
    return expand(option) if option else data / "packs"


def state_dir() -> Path:
    """This user's own place for what a session directory could not take (recovery files):
    $XDG_STATE_HOME/samverka, by default ~/.local/state/samverka. A relative $XDG_STATE_HOME is
    ignored, as the XDG spec says."""
    base = os.environ.get("XDG_STATE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state") / "samverka"
