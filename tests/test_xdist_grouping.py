"""pytest-xdist keeps each xdist_group on one worker.

The suite leans on that: the browser checks of a group share one browser,
and the tour of every page is taken once per theme, on one worker. Some pytest and
pytest-xdist releases together ignore the groups without a word (pytest 9.2.0
with pytest-xdist 3.8.0 does), so this pins the behaviour down.
"""

import os
import subprocess
import sys

GROUPED = """
import os
from pathlib import Path

import pytest


def note(group, n):
    Path(__file__).with_name(f"ran-{group}-{n}").write_text(os.environ["PYTEST_XDIST_WORKER"])


@pytest.mark.parametrize("n", range(4))
@pytest.mark.xdist_group("first")
def test_first(n):
    note("first", n)


@pytest.mark.parametrize("n", range(4))
@pytest.mark.xdist_group("second")
def test_second(n):
    note("second", n)
"""


def test_each_group_runs_on_a_single_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    # pytest and pytest-xdist alone: the other installed plugins take no part in how
    # tests are handed out, and starting them in three processes was most of this test's time.
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "xdist.plugin",
            "-p",
            "no:cacheprovider",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-s",
            "-q",
            "-c",
            "/dev/null",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workers = {}
    for record in tmp_path.glob("ran-*"):
        workers.setdefault(record.name.split("-")[1], set()).add(record.read_text())
    assert set(workers) == {"first", "second"}, result.stdout
    assert all(len(ran_on) == 1 for ran_on in workers.values()), f"groups split across workers: {workers}"
