"""The README tells the truth about the repository: every file of it that it names exists, the section every
session file points to is there, and the quick start's commands are the Makefile's."""

from __future__ import annotations

import os
import re

from markdown_it import MarkdownIt

from conftest import ROOT
from samverka.fileio import SessionLock
from samverka.sessions import recovery
from samverka.sessions.format import SESSION_HEADER

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOKENS = MarkdownIt().parse(README)
TOP_LEVEL = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")}
# Documents and modules named anywhere, bare ("cli.py") or with their folder ("bench/README.md").
NAMED_FILE = re.compile(r"[\w./-]*\w\.(?:md|py)\b")


def repository_files() -> set[str]:
    return {p.name for p in ROOT.rglob("*") if p.is_file() and not ({".git", ".venv"} & set(p.parts))}


def inline_code() -> list[str]:
    return [child.content for token in TOKENS if token.type == "inline"
            for child in token.children or () if child.type == "code_inline"]


def section(title: str) -> str:
    """The text under the level-2 heading `title`, up to the next one."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def test_every_path_into_the_repository_the_readme_names_exists():
    # A path is one into the repository when it starts with one of its top-level entries; placeholders,
    # globs, variables and commands are no paths; paths in the data directory (packs/, meetings/) start
    # with no entry of the repository.
    paths = [code for code in inline_code()
             if "/" in code and not re.search(r"[\s<>$~*]", code) and code.split("/")[0] in TOP_LEVEL]
    assert paths  # the README does name some
    missing = [path for path in paths if not (ROOT / path.rstrip("/")).exists()]
    assert not missing


def test_every_document_and_module_the_readme_names_is_in_the_repository():
    names = set(NAMED_FILE.findall(README))
    assert names
    files = repository_files()
    missing = sorted(name for name in names
                     if not ((ROOT / name).exists() if "/" in name else name in files))
    assert not missing  # e.g. a spec kept outside the repository


def test_the_section_every_session_file_points_to_is_there_and_names_its_files():
    headings = [TOKENS[i + 1].content for i, token in enumerate(TOKENS) if token.type == "heading_open"]
    assert "Sessionsfiler" in headings
    assert "(Sessionsfiler)" in SESSION_HEADER
    text = section("Sessionsfiler")
    recovery_prefix = recovery.NAME.split(str(os.getuid()))[0]
    for name in ("session.toml", "meetings/", SessionLock.NAME, recovery_prefix):
        assert name in text, name


def test_the_quick_start_runs_what_the_makefile_has():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quick_start = section("Quick start")
    targets = re.findall(r"^make (\w[\w-]*)", quick_start, re.MULTILINE)
    assert targets == ["run", "test"]
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    # The command it says to run after `make run` is the one `make run` installs and runs.
    assert "VENV := .venv" in makefile and "$(BIN)/samverka demo" in makefile
    assert ".venv/bin/samverka" in quick_start and ". .venv/bin/activate" in quick_start
