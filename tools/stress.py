"""`make stress`: the whole suite, three runs in a row, while other processes keep every core busy.

A test that passes on an idle machine and fails on a loaded one depends on
how fast the machine is, and on a shared CI machine it will fail one day.
This runs ``python -m pytest`` (as ``make test`` does) RUNS times, one after
another, with one busy process per core running beside it the whole time,
at the suite's own priority, and prints how each run ended and how long it
took. It exits non-zero when any run fails.

    python -m tools.stress [PYTEST_ARGS...]

Set ``STRESS_RUNS`` for another number of runs, ``STRESS_LOAD`` for another
number of busy processes.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

from tested_examples.site_build import ROOT

RUNS = int(os.environ.get("STRESS_RUNS", "3"))
LOAD = int(os.environ.get("STRESS_LOAD", str(os.cpu_count() or 2)))
# Pure computation, no sleeping: a core this holds is a core the suite does not get.
BUSY = "while True:\n    pass\n"


@contextmanager
def busy_cores(count):
    workers = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(count)]
    try:
        yield
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()


def last_line(text):
    lines = [line.strip("= ") for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def main():
    failed = 0
    print(f"{RUNS} runs of the suite, with {LOAD} busy process(es) beside it", flush=True)
    with busy_cores(LOAD):
        for run in range(1, RUNS + 1):
            started = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "pytest", *sys.argv[1:]], cwd=ROOT, capture_output=True, text=True
            )
            seconds = time.perf_counter() - started
            failed += proc.returncode != 0
            print(f"run {run}: {last_line(proc.stdout)} ({seconds:.0f} s)", flush=True)
            if proc.returncode != 0:
                print(proc.stdout[-8000:], proc.stderr[-2000:], sep="\n", flush=True)
    print(f"{RUNS - failed} of {RUNS} runs passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
