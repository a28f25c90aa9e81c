"""The converter's speed: motor_to_pymongo on a generated tree of 10,000 lines of Motor code, one core.

The tree is made of the migration guide's Motor examples (includes/migration/*_motor.py),
copied into as many folders as it takes to pass 10,000 lines, so it holds the
idioms the rules look for. The command runs as a user runs it, in a process
of its own pinned to one CPU, once reporting and once writing; the goal is
under 10 s for either.

python -m tools.bench_converter
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "includes" / "migration").glob("*_motor.py"))
LINES = 10_000
GOAL_SECONDS = 10.0


def make_tree(folder):
    lines = copies = 0
    while lines < LINES:
        target = folder / f"package_{copies:03d}"
        target.mkdir()
        for source in SOURCES:
            text = source.read_text(encoding="utf-8")
            (target / source.name).write_text(text, encoding="utf-8")
            lines += text.count("\n")
        copies += 1
    return lines, sum(1 for _ in folder.rglob("*.py"))


def one_core():
    """A preexec function that pins the child to one CPU, where the platform allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    return lambda: os.sched_setaffinity(0, {cpu})


def timed(args, cwd):
    """(wall seconds, CPU seconds, process): CPU time is what the run costs when the machine is shared."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "motor_to_pymongo", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=one_core(),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def main():
    with tempfile.TemporaryDirectory(prefix="bench-converter-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        lines, files = make_tree(tree)
        print(f"tree: {files} files, {lines} lines of Motor code (the guide's Motor examples, copied)")
        wall, cpu, proc = timed(["tree"], tmp)
        print(f"report (writes nothing):  {wall:.2f} s wall, {cpu:.2f} s CPU, one core")
        print(f"    {proc.stdout.strip().splitlines()[-1]}")
        write_wall, write_cpu, proc = timed(["--write", "tree"], tmp)
        print(f"--write:                  {write_wall:.2f} s wall, {write_cpu:.2f} s CPU, one core")
        again_wall, again_cpu, proc = timed(["tree"], tmp)
        print(f"second run after --write: {again_wall:.2f} s wall, {again_cpu:.2f} s CPU")
        print(f"    {proc.stdout.strip().splitlines()[-1]}")
        print(f"goal: under {GOAL_SECONDS:.0f} s for 10,000 lines; {lines / cpu:,.0f} lines per CPU second")
        shutil.rmtree(tree)


if __name__ == "__main__":
    main()
