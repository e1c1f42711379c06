"""Where an export may be written (PRODUCT.md §5): a new file or a regular file that is no session's or pack's."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from samverka import fileio
from samverka.errors import UserError, reason
from samverka.phases import builtin_packs_dir
from samverka.sessions.model import Session
from samverka.sessions.store import MEETINGS_DIR, SESSION_FILE


def check_target(path: Path, packs_dir: Path | None, protected: Iterable[Path] = ()) -> None:
    """Refuse to write over a directory, a device, a FIFO or a socket, anything under /dev, /proc or /sys
    (`/dev/stdout`, `/proc/self/fd/1`), a file of a session or a pack, an existing TOML file, a file with
    other hard links (it may be a session's file under another name), or one of the `protected` files
    (those the export read, such as a plan). Only looks: a FIFO is never opened, so this never blocks."""
    try:
        info = os.stat(path)  # through a symlink: what the name leads to decides
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as err:  # ValueError: a NUL in a name typed into the dialog
        why = reason(err) if isinstance(err, OSError) else "ogiltigt filnamn"
        raise UserError(f"kan inte skriva hit: {why}", path) from err
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UserError("är en katalog; ange en fil", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UserError("är ingen vanlig fil (en enhet, FIFO eller socket); skriver inte dit", path)
    target = path.resolve()
    pack_dirs = {builtin_packs_dir().resolve(), *([packs_dir.resolve()] if packs_dir else [])}
    for place in (*_hops(path), target):
        if place.parts[1:2] in (("dev",), ("proc",), ("sys",)):
            raise UserError(f"leder till /{place.parts[1]} (en enhet eller en öppen fil); skriver bara till "
                            "vanliga filer (utan -o går exporten till standard ut)", path)
        if _in_session(place):
            raise UserError("är en fil i en session; skriver inte över den", path)
        if place.suffix == ".toml" and place.parent in pack_dirs:
            raise UserError("är ett processpaket; skriver inte över det", path)
    if target in {p.resolve() for p in protected}:
        raise UserError("läses av sammanställningen; skriver inte över den", path)
    if info is not None and target.suffix.lower() == ".toml":
        raise UserError("är en TOML-fil (en session, ett paket, en plan eller en återställningsfil); "
                        "skriver inte över den", path)
    if info is not None and info.st_nlink > 1:
        raise UserError("har fler namn (hårda länkar), kanske en sessions fil under ett annat namn; "
                        "skriver inte över den", path)


def _hops(path: Path) -> list[Path]:
    """The names `path` leads through, link by link, each with its directory resolved: the first is the
    name the atomic write replaces; a link into /proc shows here even where it ends at an ordinary file."""
    hops = [path.parent.resolve() / path.name]
    for _ in range(40):  # the kernel's own limit on links in a row
        try:
            link = os.readlink(hops[-1])
        except OSError:  # not a link (or /proc's "pipe:[…]", which is no path)
            break
        nxt = hops[-1].parent / link
        hops.append(nxt.parent.resolve() / nxt.name)
    return hops


def _in_session(path: Path) -> bool:
    """Is `path` (resolved) one of a session directory's own files: its TOML, its hidden files, its meetings?"""
    folder = path.parent
    in_session = (folder / SESSION_FILE).is_file() and (path.suffix == ".toml" or path.name.startswith("."))
    return in_session or (folder.name == MEETINGS_DIR and (folder.parent / SESSION_FILE).is_file())


def write_export(path: Path, text: str, packs_dir: Path | None, protected: Iterable[Path] = ()) -> None:
    """Write an export to `path` (`-o FILE`) if `check_target` allows it; atomically."""
    check_target(path, packs_dir, protected)
    fileio.write_atomic(path, text)


def write_in_session(session: Session, name: str, text: str) -> Path:
    """Write an export as `name` (a bare file name) in the session's directory (the TUI's export); the path.

    Only `.md` names that do not start with a dot: never over the session's own files. A name with a
    slash is refused rather than cut short, so the file never lands where the user did not look."""
    name = name.strip()
    if "/" in name:
        raise UserError("ange bara ett filnamn (utan /); filen hamnar i sessionskatalogen")
    if not name.endswith(".md") or name.startswith("."):
        raise UserError("filnamnet ska sluta på .md och inte börja med en punkt")
    target = session.path / name
    write_export(target, text, None)
    return target
