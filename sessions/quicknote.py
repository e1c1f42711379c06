"""The quick-note syntax (PRODUCT.md §6): a kind prefix, #party tags, and for actions @owner and a due date."""

from __future__ import annotations

import datetime as dt
import re

from samverka.sessions.edits import NoteDraft
from samverka.sessions.model import Session

_PREFIXES = {"b": "decision", "a": "action", "å": "action", "o": "disagreement", "p": "statement"}
_PREFIX = re.compile(r"^\s*([a-zåäö]):\s*", re.IGNORECASE)
_TAG = re.compile(r"(?<!\S)([#@])([\w-]+)")
_DATE = re.compile(r"(?<!\S)(\d{4}-\d{2}-\d{2})(?!\S)")


def parse_quick_note(line: str, session: Session) -> NoteDraft:
    """Split a typed line into kind, text and attributions; tags that name nobody stay in the text.

    `#id` names a party; `@id` names the owner of an action, or who spoke for other kinds;
    a date YYYY-MM-DD in an action is its due date. Ids match case-insensitively.
    """
    kind = "note"
    prefix = _PREFIX.match(line)
    if prefix and prefix.group(1).lower() in _PREFIXES:
        kind = _PREFIXES[prefix.group(1).lower()]
        line = line[prefix.end() :]
    parties = {p.id.lower(): p.id for p in session.parties}
    people = {p.id.lower(): p.id for p in session.participants}
    found: dict[str, str] = {}

    def tag(match: re.Match[str]) -> str:
        sign, name = match.group(1), match.group(2).lower()
        known = parties if sign == "#" else people
        slot = "party" if sign == "#" else ("owner" if kind == "action" else "by")
        if name in known and slot not in found:
            found[slot] = known[name]
            return ""
        return match.group()

    line = _TAG.sub(tag, line)
    due = None
    if kind == "action":
        for match in _DATE.finditer(line):
            try:
                due = dt.date.fromisoformat(match.group(1))
            except ValueError:
                continue
            line = line[: match.start()] + line[match.end() :]
            break
    text = re.sub(r"[ \t]{2,}", " ", line).strip()
    return NoteDraft(kind, text, found.get("party"), found.get("by"), found.get("owner"), due)
