"""The sessions every benchmark runs on, generated once per run into a temporary directory."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import generate

SLUG = "norrbyverket"
# name -> (meetings, notes per meeting); the last meeting of each is today's.
SIZES = {
    "5 notes": (1, 5),
    "2,000": (20, 100),
    "10,000": (100, 100),
}


@dataclass
class Fixtures:
    root: Path
    _count: itertools.count = field(default_factory=itertools.count)

    @classmethod
    def create(cls, root: Path | None = None) -> Fixtures:
        root = root or Path(tempfile.mkdtemp(prefix="samverka-bench-"))
        fixtures = cls(root)
        for name, (meetings, notes) in SIZES.items():
            sessions = fixtures._pristine(name) / "sessions"
            sessions.mkdir(parents=True)
            generate(sessions, SLUG, meetings, notes)
        return fixtures

    def _pristine(self, size: str) -> Path:
        return self.root / "pristine" / size.replace(",", "").replace(" ", "-")

    def data_dir(self, size: str) -> Path:
        """A fresh copy of the data directory holding the session of `size`, for one run to change or kill."""
        copy = self.root / "runs" / str(next(self._count))
        shutil.copytree(self._pristine(size), copy)
        return copy

    def session(self, size: str) -> Path:
        """A fresh copy of the session directory of `size`."""
        return self.data_dir(size) / "sessions" / SLUG

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
