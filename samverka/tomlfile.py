"""Reading TOML files with errors a user can act on: `file:line:col: message`, in Swedish."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from samverka.errors import UserError, reason

KeyPath = tuple[str | int, ...]

_HUGE_NUMBER = re.compile(r"[0-9_]{4000,}")
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")

# Python's tomllib messages, in Swedish; an unlisted one is shown as it is.
_MESSAGES = {
    "Invalid value": "ogiltigt värde",
    "Cannot overwrite a value": "en nyckel förekommer två gånger",
    "Cannot declare": "en tabell deklareras två gånger",
    "Illegal character '\\n'": "strängen avslutas inte på raden",
    "Unescaped '\\'": "ensamt '\\' i en sträng (skriv '\\\\')",
    "Expected '=' after a key in a key/value pair": "'=' saknas efter nyckeln",
    "Invalid statement": "ogiltig rad",
    "Unterminated string": "strängen avslutas inte",
    "Illegal character": "otillåtet tecken",
    "Invalid initial character for a key part": "ogiltigt tecken i nyckeln",
    "Expected newline or end of document after a statement": "radbrytning saknas efter värdet",
    "Unclosed array": "listan avslutas inte",
    "Unclosed inline table": "tabellen avslutas inte",
}


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is accepted), refusing NUL bytes and bad UTF-8 with a position."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise UserError("filen finns inte", path) from err
    except IsADirectoryError as err:
        raise UserError("är en katalog, inte en fil", path) from err
    except OSError as err:
        raise UserError(f"kunde inte läsa: {reason(err)}", path) from err
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise UserError("filen innehåller ett NUL-tecken", path, line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(data, err.start)
        raise UserError("ogiltig UTF-8", path, line, col) from err


def parse(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text read from `path` into plain Python values."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _decode_error(path, text, err) from None
    except RecursionError:
        raise UserError("för djup nästling av listor eller tabeller", path) from None
    except ValueError:  # an integer with more digits than Python converts
        line = next((i for i, row in enumerate(text.splitlines(), 1) if _HUGE_NUMBER.search(row)), None)
        raise UserError("för stort heltal", path, line) from None


def load(path: Path) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file: its text and its values."""
    text = read_text(path)
    return text, parse(path, text)


def _decode_error(path: Path, text: str, err: tomllib.TOMLDecodeError) -> UserError:
    message = str(err)
    line = getattr(err, "lineno", None)
    col = getattr(err, "colno", None)
    message = getattr(err, "msg", message)
    found = _AT.search(message)
    if found:
        line, col = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif _AT_END.search(message):
        message = _AT_END.sub("", message)
        line = duplicate_line(text) or text.count("\n") + 1
    for english, swedish in _MESSAGES.items():
        if message.startswith(english):
            message = swedish
            break
    return UserError(message, path, line, col)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


_KEY_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*""")


def _key_parts(text: str, pos: int) -> tuple[list[str], int] | None:
    """Parse a dotted key at `pos`; return its parts and the index after it."""
    parts: list[str] = []
    while True:
        found = _KEY_PART.match(text, pos)
        if not found:
            return None
        parts.append(next(g for g in found.groups() if g is not None))
        pos = found.end()
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def duplicate_line(text: str) -> int | None:
    """The line where a key or table is defined a second time (tomllib 3.11 reports only the end)."""
    duplicates: list[int] = []
    key_lines(text, duplicates)
    return duplicates[0] if duplicates else None


def key_lines(text: str, duplicates: list[int] | None = None) -> dict[KeyPath, int]:
    """Map each table header and key in `text` to its 1-based line, arrays of tables indexed.

    Good enough to point a user at the line of a value that failed validation; the
    text has already been parsed by tomllib, so it is valid TOML.
    """
    lines: dict[KeyPath, int] = {}
    counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    in_string: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_string:
            if raw.count(in_string) % 2 == 1:
                in_string = None
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            array = stripped.startswith("[[")
            parsed = _key_parts(stripped, 2 if array else 1)
            if parsed is None:
                continue
            current = _resolve(parsed[0], counts, array)
            if not array and current in lines and duplicates is not None:
                duplicates.append(number)
            lines.setdefault(current, number)
            continue
        parsed = _key_parts(raw, 0)
        if parsed is None or not raw[parsed[1] :].startswith("="):
            continue
        path = current + tuple(parsed[0])
        if path in lines and duplicates is not None:
            duplicates.append(number)
        lines.setdefault(path, number)
        value = raw[parsed[1] + 1 :]
        for quote in ('"""', "'''"):
            if value.count(quote) % 2 == 1:
                in_string = quote
    return lines


def _resolve(parts: list[str], counts: dict[KeyPath, int], array: bool) -> KeyPath:
    path: KeyPath = ()
    for i, part in enumerate(parts):
        path += (part,)
        last = i == len(parts) - 1
        if last and array:
            counts[path] = counts.get(path, 0) + 1
        if path in counts:
            path += (counts[path] - 1,)
    return path


def line_of(lines: dict[KeyPath, int], keypath: KeyPath) -> int | None:
    """The line of `keypath`, or of its nearest enclosing key or table that has one."""
    for end in range(len(keypath), 0, -1):
        if keypath[:end] in lines:
            return lines[keypath[:end]]
    return None
