"""The model knows nothing of the screen: headless packages import no Textual."""

import subprocess
import sys

from conftest import ROOT


def test_headless_packages_import_no_textual():
    code = (
        "import sessions, exporters, phases, samverka.cli, sessions.store, sessions.demo, sessions.quicknote; "
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
