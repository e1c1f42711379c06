"""The model knows nothing of the screen: headless packages import no Textual."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def test_headless_packages_import_no_textual():
    code = (
        "import samverka.sessions, samverka.exporters, samverka.phases, samverka.cli, samverka.sessions.store, "
        "samverka.sessions.demo, samverka.sessions.quicknote; "
        "import sys; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cli_start_does_not_load_tomlkit_for_reading():
    code = (
        "import sys; from samverka.cli import main; main(['packs']); "
        "assert 'tomlkit' not in sys.modules and 'textual' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (lazy imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


TUI_FILES = sorted((ROOT / "tui").rglob("*.py"))


@pytest.mark.parametrize("path", TUI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_tui_reads_and_writes_no_file_itself(path: Path):
    """Screens change the model through sessions.edits and the opened session; files are below them."""
    forbidden = {"tomlkit", "tomllib", "samverka.fileio", "samverka.tomlfile", "samverka.sessions.store",
                 "samverka.sessions.tomldoc", "samverka.sessions.format"}
    assert not {name for name in _imports(path) if name in forbidden or name.split(".")[0] == "tomlkit"}


@pytest.mark.parametrize("path", TUI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_tui_file_is_too_long_to_read_in_one_sitting(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


GROUND = ("errors", "text", "fileio", "tomlfile", "schema")


@pytest.mark.parametrize("name", GROUND)
def test_the_ground_floor_imports_nothing_above_it(name: str):
    above = ("samverka.phases", "samverka.sessions", "samverka.exporters", "samverka.tui", "samverka.cli")
    assert not [m for m in _imports(ROOT / "samverka" / f"{name}.py") if m.startswith(above)]


def test_the_store_knows_no_process_rules_and_no_lock():
    imported = _imports(ROOT / "sessions" / "store.py")
    assert not [m for m in imported if m.startswith(("samverka.sessions.workflow", "samverka.sessions.opened"))]
    assert "SessionLock" not in (ROOT / "sessions" / "store.py").read_text(encoding="utf-8")
