"""One installed name: the wheel holds only `samverka`, and installs beside a distribution called `tui`.

PyPI has distributions named `tui`, `phases` and `exporters`; had ours installed those top-level names,
installing one would overwrite the other's files.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

OTHER_TUI = "ANSWER = 'not samverka'\n"


def _wheel(directory: Path) -> Path:
    # Built from a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
    source = directory / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "tests",
                                                                "bench", "__pycache__", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(directory), str(source)], check=True, capture_output=True, timeout=300)
    return next(directory.glob("samverka-*.whl"))


def _other_tui_wheel(directory: Path) -> Path:
    """A stand-in for PyPI's `tui`: a distribution with a top-level package of that name."""
    path = directory / "tui-1.1.1-py3-none-any.whl"
    files = {"tui/__init__.py": OTHER_TUI,
             "tui-1.1.1.dist-info/METADATA": "Metadata-Version: 2.1\nName: tui\nVersion: 1.1.1\n",
             "tui-1.1.1.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                          "Tag: py3-none-any\n"}
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    record.append("tui-1.1.1.dist-info/RECORD,,")
    with zipfile.ZipFile(path, "w") as wheel:
        for name, text in files.items():
            wheel.writestr(name, text)
        wheel.writestr("tui-1.1.1.dist-info/RECORD", "\n".join(record) + "\n")
    return path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _wheel(tmp_path_factory.mktemp("wheel"))


def test_the_wheel_installs_one_top_level_package(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")} == {"samverka"}
    assert "samverka/tui/app.tcss" in names
    assert "samverka/phases/packs/lokalt-samverkansavtal.toml" in names


def test_installed_beside_another_tui_both_keep_their_files(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    install = [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*install, str(_other_tui_wheel(tmp_path))], check=True, capture_output=True, timeout=120)
    subprocess.run([*install, str(wheel)], check=True, capture_output=True, timeout=120)
    code = ("import tui, samverka.phases, samverka.sessions.model, samverka.tui, samverka.exporters; "
            "assert tui.ANSWER == 'not samverka'; "
            "print(len(samverka.phases.available_packs(None)))")
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"  # the built-in packs, the municipal variant included
    listed = subprocess.run([python, "-m", "pip", "show", "-f", "tui"], capture_output=True, text=True, timeout=60)
    assert "tui/__init__.py" in listed.stdout
