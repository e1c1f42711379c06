"""Making text from files and users safe to show: control characters become visible escapes."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the bidi overrides/isolates that can reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character shown as an escape like `\\x1b`, tabs and (optionally) newlines kept."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` made safe for a single terminal line (error messages, list rows)."""
    return visible(text, keep_newlines=False)


def sentence(text: str) -> str:
    """A message as a sentence on screen: its first letter upper case (the rest as it is) and a full stop."""
    return f"{text[:1].upper()}{text[1:]}."


def ascii_slug(text: str) -> str:
    """`text` as a lowercase a–z/0–9 name joined by '-' for ids and file names ('OFR/ST' -> 'ofr-st');
    may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def counted(n: int, one: str, many: str) -> str:
    """'1 möte', '0 möten', '2 möten'."""
    return f"{n} {one if n == 1 else many}"
