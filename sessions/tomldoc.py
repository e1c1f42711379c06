"""Bring an editable tomlkit document in line with plain values, touching only what differs.

Rules: keys absent from the values are left alone (unknown keys survive); a value of
None deletes its key; an array of tables is matched element by element. When the values
the document last held are given (`before`), unchanged parts are skipped without looking
into the document: a new note costs the same whatever came before it.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.items import AoT, Item, Table


def parse_document(text: str) -> tomlkit.TOMLDocument:
    """Parse TOML text into an editable document; call only after tomllib parsed the same text."""
    return tomlkit.parse(text)


def sync(container: Any, values: dict[str, Any], before: dict[str, Any] | None = None) -> None:
    for key, value in values.items():
        old = before.get(key, _UNKNOWN) if before is not None else _UNKNOWN
        if old is not _UNKNOWN and old == value:
            continue
        present = key in container
        if value is None:
            if present:
                del container[key]
        elif isinstance(value, dict):
            if present and isinstance(container[key], dict):
                sync(container[key], value, old if isinstance(old, dict) else None)
            elif value or present:
                container[key] = new_item(value)
        elif present and isinstance(container[key], AoT) and isinstance(value, list):
            if value:
                _sync_tables(container[key], value, old if isinstance(old, list) else None)
            else:
                del container[key]
        elif isinstance(value, list) and not value and not present:
            continue
        elif not present or _plain(container[key]) != value:
            container[key] = new_item(value)


def new_item(value: Any) -> Any:
    """A tomlkit item for a plain value: tables for dicts, `[[…]]` for lists of dicts."""
    if isinstance(value, dict):
        nested = bool(value) and all(isinstance(v, dict) for v in value.values())
        table = tomlkit.table(is_super_table=nested or None)
        for key, inner in value.items():
            if inner is not None and not (isinstance(inner, dict | list) and not inner):
                table[key] = new_item(inner)
        return table
    if _is_tables(value):
        tables = tomlkit.aot()
        for inner in value:
            tables.append(new_item(inner))
        return tables
    return tomlkit.item(value)


def _sync_tables(tables: AoT, values: list[dict[str, Any]], before: list[Any] | None) -> None:
    for index, value in enumerate(values):
        old = before[index] if before is not None and index < len(before) else None
        if old == value:
            continue
        if index < len(tables):
            sync(tables[index], value, old if isinstance(old, dict) else None)
        else:
            tables.append(new_item(value))
    while len(tables) > len(values):
        del tables[len(tables) - 1]


_UNKNOWN = object()


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _plain(item: Any) -> Any:
    return item.unwrap() if isinstance(item, Item | Table) else item
