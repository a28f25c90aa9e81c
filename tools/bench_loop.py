"""The writer's loop: edit one guide, then `make test PYTEST_ARGS=<guide>`.

Runs ``python -m pytest <guide>`` as ``make test`` would, three times, with
the suite's build in a temporary directory (``MOTOR_DOCS_TEST_BUILD``), so
the tree's own ``_build/`` is left alone:

1. on no build at all, as on a fresh clone (the build is fresh);
2. after the guide is touched, as after an edit (the build brings itself up
   to date): this is the loop, and its budget;
3. with nothing changed.

Prints the wall time of each, with Python's and pytest's start-up, and how
each run ended. Never fails on a slow machine.

    python -m tools.bench_loop [GUIDE]
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tested_examples.site_build import ROOT

GUIDE = "source/howto/gridfs.rst"
LOOP_BUDGET_S = 15.0


def run_page(guide, build_dir):
    env = {**os.environ, "MOTOR_DOCS_TEST_BUILD": str(build_dir)}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", guide], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    lines = [line.strip("= ") for line in proc.stdout.splitlines() if line.strip()]
    return seconds, lines[-1] if lines else f"pytest exited {proc.returncode}"


def main():
    guide = sys.argv[1] if len(sys.argv) > 1 else GUIDE
    path = ROOT / guide
    with tempfile.TemporaryDirectory(prefix="motor-docs-bench-loop-") as tmp:
        build_dir = Path(tmp) / "test"
        first = run_page(guide, build_dir)
        # The same text, newer: Sphinx reads the page again, as after an edit.
        later = time.time() + 1
        os.utime(path, (later, later))
        edited = run_page(guide, build_dir)
        unchanged = run_page(guide, build_dir)
    print(f"`make test PYTEST_ARGS={guide}`, wall clock with start-up")
    print(f"{'run':<44}{'seconds':>8}{'budget':>8}  outcome")
    print(f"{'first, the site built fresh':<44}{first[0]:8.1f}{'':>8}  {first[1]}")
    print(f"{'after an edit of the guide (the loop)':<44}{edited[0]:8.1f}{LOOP_BUDGET_S:8.1f}  {edited[1]}")
    print(f"{'again, nothing changed':<44}{unchanged[0]:8.1f}{'':>8}  {unchanged[1]}")
    late = edited[0] - LOOP_BUDGET_S
    print(f"  the loop: {f'{late:.1f} s over budget' if late > 0 else 'within budget'}")


if __name__ == "__main__":
    main()
