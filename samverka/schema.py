"""Typed, located access to parsed TOML tables: a wrong value is reported at its file and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from samverka.errors import UserError
from samverka.tomlfile import KeyPath, key_lines, line_of

_TYPE_NAMES = {
    str: "en sträng",
    int: "ett heltal",
    bool: "true eller false",
    list: "en lista",
    dict: "en tabell",
    dt.date: "ett datum, t.ex. 2026-11-22",
    dt.time: "en tid, t.ex. 09:00:00",
    dt.datetime: "en tidpunkt, t.ex. 2026-11-22T09:00:00+01:00",
}


class Source:
    """A parsed file: its path and text, with key lines worked out only when an error needs them."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    @cached_property
    def lines(self) -> dict[KeyPath, int]:
        return key_lines(self.text)

    def fail(self, message: str, keypath: KeyPath) -> NoReturn:
        raise UserError(message, self.path, line_of(self.lines, keypath))


class Table:
    """One TOML table of a Source, read key by key with type checks."""

    def __init__(self, source: Source, data: dict[str, Any], keypath: KeyPath = ()) -> None:
        self.source = source
        self.data = data
        self.keypath = keypath

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        self.source.fail(message, self.keypath + ((key,) if key is not None else ()))

    def name(self, key: str) -> str:
        return ".".join(str(part) for part in (*self.keypath, key) if not isinstance(part, int))

    def only(self, allowed: set[str]) -> None:
        """Refuse keys outside `allowed` (for files whose keys are a closed contract, like packs)."""
        for key in self.data:
            if key not in allowed:
                self.fail(f"okänd nyckel '{key}'", key)

    def get(self, key: str, kind: type, default: Any = ..., *, optional: bool = False) -> Any:
        """The value of `key`, which must be of `kind`; missing: `default`, or an error if none given."""
        if key not in self.data:
            if default is ... and not optional:
                self.fail(f"'{self.name(key)}' saknas")
            return None if default is ... else default
        value = self.data[key]
        if kind is dt.date:
            ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        elif kind is dt.datetime:
            ok = isinstance(value, dt.datetime)
        elif kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, kind)
        if not ok:
            self.fail(f"'{self.name(key)}' ska vara {_TYPE_NAMES[kind]}", key)
        return value

    def text(self, key: str, default: Any = ..., *, optional: bool = False) -> Any:
        return self.get(key, str, default, optional=optional)

    def integer(self, key: str, low: int, high: int, default: Any = ...) -> Any:
        value = self.get(key, int, default)
        if value is not None and value is not default and not low <= value <= high:
            self.fail(f"'{self.name(key)}' ska vara mellan {low} och {high}, inte {value}", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: Any = ...) -> Any:
        value = self.get(key, str, default)
        if value is not None and value is not default and value not in choices:
            allowed = " | ".join(choices)
            self.fail(f"'{self.name(key)}' ska vara {allowed}, inte '{value}'", key)
        return value

    def texts(self, key: str, default: Any = ...) -> list[str]:
        values = self.get(key, list, default)
        for value in values or ():
            if not isinstance(value, str):
                self.fail(f"'{self.name(key)}' ska vara en lista av strängar", key)
        return values

    def table(self, key: str, *, optional: bool = False) -> Table | None:
        value = self.get(key, dict, optional=optional)
        return None if value is None else Table(self.source, value, (*self.keypath, key))

    def tables(self, key: str, *, required: bool = False) -> Iterator[Table]:
        """The tables of an array of tables (`[[key]]`); none if the key is absent."""
        values = self.get(key, list, ... if required else [])
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                self.fail(f"'{self.name(key)}' ska vara tabeller ([[{self.name(key)}]])", key)
            yield Table(self.source, value, (*self.keypath, key, index))

    def subtables(self) -> Iterator[tuple[str, Table]]:
        """Each key of this table whose value is a table, e.g. `[questions."1.1"]`."""
        for key, value in self.data.items():
            if not isinstance(value, dict):
                self.fail(f"'{self.name(key)}' ska vara en tabell", key)
            yield key, Table(self.source, value, (*self.keypath, key))

    def strings(self) -> dict[str, str]:
        """A table of free-text values (svarsmall answers, dialogduk notes)."""
        for key, value in self.data.items():
            if not isinstance(value, str):
                self.fail(f"'{self.name(key)}' ska vara en sträng", key)
        return dict(self.data)
