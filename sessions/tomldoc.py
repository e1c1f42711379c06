"""Bring an editable tomlkit document in line with plain values, touching only what differs.

Rules: keys absent from the values are left alone (unknown keys survive), unless the values the
document last held had them (a party's position taken back, an undone answer): those are deleted;
a value of None deletes its key; an array of tables — `[[…]]` or an array of inline tables — is matched
element by element, an added or removed element leaving the others (and their unknown keys)
where they are. When the values the document last held are given (`before`), unchanged parts
are skipped without looking into the document: a new note costs the same whatever came before it.

Hand-written shapes stay what they are: inside an inline table, a dotted key (`items."1.1".type`)
or an array of inline tables, new tables are written inline, since a `[header]` there would
land under the wrong table.
"""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Item, Table


def parse_document(text: str) -> tomlkit.TOMLDocument:
    """Parse TOML text into an editable document; call only after tomllib parsed the same text."""
    return tomlkit.parse(text)


def sync(container: Any, values: dict[str, Any], before: dict[str, Any] | None = None, *,
         headers: bool = True) -> bool:
    """Bring `container` in line with `values`. `headers`: the container may take `[table]` headers
    (it is no inline table and no dotted key). True if something was changed in a hand-written shape
    (inline, dotted, an array of inline tables), where the caller may want to check the result."""
    unusual = False
    for key, value in values.items():
        old = before.get(key, _UNKNOWN) if before is not None else _UNKNOWN
        if old is not _UNKNOWN and old == value:
            continue
        present = key in container
        if value is None:
            if present:
                del container[key]
                unusual |= not headers
        elif isinstance(value, dict):
            if present and isinstance(container[key], dict):
                inner = headers and _header_table(container, key)
                unusual |= sync(container[key], value, old if isinstance(old, dict) else None, headers=inner)
            elif value or present:
                container[key] = new_item(value, inline=not headers)
                unusual |= not headers
        elif present and isinstance(value, list) and _tables(container[key]) and (not value or _is_tables(value)):
            current = container[key]
            if value or isinstance(current, Array):
                unusual |= _sync_tables(current, value, old if isinstance(old, list) else None)
            else:
                del container[key]
        elif isinstance(value, list) and not value and not present:
            continue
        elif not present or not _same(container[key], value):
            container[key] = new_item(value, inline=not headers)
            unusual |= not headers
    for key in [k for k in before or () if k not in values]:
        if key in container:
            del container[key]
            unusual |= not headers
    return unusual


def new_item(value: Any, *, inline: bool = False) -> Any:
    """A tomlkit item for a plain value: tables for dicts, `[[…]]` for lists of dicts (`inline`: inline
    tables and arrays of them, for a place that cannot take headers)."""
    if isinstance(value, dict):
        if inline:
            table = tomlkit.inline_table()
        else:
            nested = bool(value) and all(isinstance(v, dict) for v in value.values())
            table = tomlkit.table(is_super_table=nested or None)
        for key, inner in value.items():
            if inner is not None and not (isinstance(inner, dict | list) and not inner):
                table[key] = new_item(inner, inline=inline)
        return table
    if _is_tables(value):
        if inline:
            array = tomlkit.array()
            for inner in value:
                array.append(new_item(inner, inline=True))
            return array
        tables = tomlkit.aot()
        for inner in value:
            tables.append(new_item(inner))
        return tables
    return tomlkit.item(value)


def _sync_tables(tables: AoT | Array, values: list[dict[str, Any]], before: list[Any] | None) -> bool:
    """Element by element; with `before`, what was added or removed is found by comparing it with
    `values`, so that the other elements keep their tables (and unknown keys, and comments)."""
    inline = isinstance(tables, Array)
    old = before if before is not None and len(before) == len(tables) else None
    if old is None:
        steps = [("replace", 0, len(tables), 0, len(values))]
    else:
        steps = SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in values], autojunk=False).get_opcodes()
    unusual = False
    for tag, i1, i2, j1, j2 in reversed(steps):  # from the end, so the indices still ahead stay valid
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1)
        for k in range(common):
            was = old[i1 + k] if old is not None else None
            unusual |= sync(tables[i1 + k], values[j1 + k], was if isinstance(was, dict) else None, headers=not inline)
        for index in range(i2 - 1, i1 + common - 1, -1):
            del tables[index]
        for k in range(common, j2 - j1):
            tables.insert(i1 + k, new_item(values[j1 + k], inline=inline))
    return unusual or inline


_UNKNOWN = object()


def _header_table(container: Any, key: str) -> bool:
    """Is `container[key]` a table with a `[header]` of its own (not inline, not a dotted key, not
    split over the file), so that tables can be added under it as headers?"""
    if not isinstance(container[key], Table):
        return False
    if isinstance(container, Container):
        body = container.body
    elif isinstance(container, Table):
        body = container.value.body
    else:
        return False
    return not any(k is not None and k.key == key and k.is_dotted() for k, _ in body)


def _tables(item: Any) -> bool:
    return isinstance(item, AoT) or (isinstance(item, Array) and all(isinstance(v, dict) for v in item))


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(value: Any) -> str:
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def _same(item: Any, value: Any) -> bool:
    return _equal(_plain(item), value)


def _equal(found: Any, value: Any) -> bool:
    """Equal, counting a time written without offset as the model's time of the same wall clock: the
    loader reads such a time in the session's zone, so it has not changed and stays as the user wrote it."""
    if found == value:
        return True
    return (isinstance(found, dt.datetime) and found.tzinfo is None and isinstance(value, dt.datetime)
            and value.tzinfo is not None and value.replace(tzinfo=None) == found)


def _plain(item: Any) -> Any:
    return item.unwrap() if isinstance(item, Item | Table) else item
