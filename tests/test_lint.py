"""`make check` as part of the suite: the rst and the Python stay clean."""

import subprocess
import sys
from pathlib import Path

from tested_examples.site_build import ROOT

BIN = Path(sys.executable).parent
RST_PATHS = ["index.rst", "pymongo.rst", "source", "includes", "tutorials", "docs"]


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
