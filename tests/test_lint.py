"""`make check` runs this module: the rst and the Python stay clean.

The list of reStructuredText paths is the site's own (``site_build.RST_PATHS``).
"""

import subprocess
import sys
from pathlib import Path

from tested_examples.site_build import ROOT, RST_PATHS

BIN = Path(sys.executable).parent


def run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_restructuredtext_passes_sphinx_lint():
    result = run(str(BIN / "sphinx-lint"), *RST_PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_passes_ruff():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_is_formatted_with_ruff():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
