"""Where sessions and user packs live: `--dir`, then $SAMVERKA_DIR, then the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(option: str | None) -> Path:
    if option:
        return Path(option).expanduser()
    if os.environ.get("SAMVERKA_DIR"):
        return Path(os.environ["SAMVERKA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "samverka"


def sessions_dir(data: Path) -> Path:
    return data / "sessions"


def packs_dir(data: Path, option: str | None) -> Path:
    return Path(option).expanduser() if option else data / "packs"
