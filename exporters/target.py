"""Where an export may be written (PRODUCT.md §5): a new file or a regular file that is no session's or pack's."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from samverka import fileio
from samverka.errors import UserError
from samverka.phases import builtin_packs_dir
from samverka.sessions.model import Session
from samverka.sessions.store import MEETINGS_DIR, SESSION_FILE


def check_target(path: Path, packs_dir: Path | None, protected: Iterable[Path] = ()) -> None:
    """Refuse to write over a directory, a device, a FIFO or a socket, a file of a session, a pack, or one
    of the `protected` files (those the export read, such as a plan)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise UserError(f"kan inte skriva hit: {err.strerror}", path) from err
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UserError("är en katalog; ange en fil", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UserError("är ingen vanlig fil (en enhet, FIFO eller socket); skriver inte dit", path)
    target = path.resolve()
    folder = target.parent
    in_session = (folder / SESSION_FILE).is_file() and (target.suffix == ".toml" or target.name.startswith("."))
    in_meetings = folder.name == MEETINGS_DIR and (folder.parent / SESSION_FILE).is_file()
    if in_session or in_meetings:
        raise UserError("är en fil i en session; skriver inte över den", path)
    pack_dirs = {builtin_packs_dir().resolve(), *([packs_dir.resolve()] if packs_dir else [])}
    if target.suffix == ".toml" and folder in pack_dirs:
        raise UserError("är ett processpaket; skriver inte över det", path)
    if target in {p.resolve() for p in protected}:
        raise UserError("läses av sammanställningen; skriver inte över den", path)


def write_export(path: Path, text: str, packs_dir: Path | None, protected: Iterable[Path] = ()) -> None:
    """Write an export to `path` (`-o FILE`) if `check_target` allows it; atomically."""
    check_target(path, packs_dir, protected)
    fileio.write_atomic(path, text)


def write_in_session(session: Session, name: str, text: str) -> Path:
    """Write an export as `name` (a bare file name) in the session's directory (the TUI's export); the path.

    Only `.md` names that do not start with a dot: never over the session's own files."""
    name = Path(name.strip()).name
    if not name.endswith(".md") or name.startswith("."):
        raise UserError("filnamnet ska sluta på .md och inte börja med en punkt")
    target = session.path / name
    write_export(target, text, None)
    return target
