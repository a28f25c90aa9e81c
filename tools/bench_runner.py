"""How long the examples take per tier, and what the runner adds.

Prints figures; never fails on a slow machine. The overhead is the ratio of
the runner's time to the time of executing the same code as plain scripts in
one process: compile and exec, REPL statements on one event loop, databases
dropped after each page, and nothing else (no output capture or comparison,
no time limits, no tier bookkeeping). Both are measured in turns, in one
process, so that a busy machine slows them alike.

    python -m tools.bench_runner [--rounds N]
"""

import argparse
import asyncio
import contextlib
import inspect
import io
import logging
import statistics
import sys
import time

from tested_examples.runner import repl
from tested_examples.runner.evaluators import TOP_LEVEL_AWAIT, compile_at, new_namespace
from tested_examples.runner.live_server import live_server
from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.placeholders import substitute
from tested_examples.runner.runner import FAILED, run_page
from tested_examples.runner.tiers import LiveTier, MockTier
from tested_examples.site_build import ROOT, sphinx_build, test_build_dir


def runnable(run, tier):
    """The examples of *run* that *tier* executes (exempt ones are skipped by both sides)."""
    return [e for e in run.examples if not tier.exemption(e, run.flavor)]


def plain_execution(runs, tier, srcdir):
    """The same code, run plainly; returns seconds."""
    started = time.perf_counter()
    for run in runs:
        with tier.page_context(run) as uri, contextlib.redirect_stdout(io.StringIO()):
            namespace, loop_runner, modules = new_namespace(), None, []
            for example in runnable(run, tier):
                code, filename = substitute(example.code, uri), str(srcdir / example.source)
                if example.context == "repl":
                    loop_runner = loop_runner or asyncio.Runner()
                    for statement in repl.statements(code):
                        compiled = compile_at(
                            statement.source, filename, example.line, "single", TOP_LEVEL_AWAIT
                        )
                        loop_runner.run(_await_if_needed(compiled, namespace))
                elif example.module:
                    module = type(sys)(example.module)
                    sys.modules[example.module] = module
                    modules.append(example.module)
                    exec(compile_at(code, filename, example.line), module.__dict__)
                else:
                    exec(compile_at(code, filename, example.line), namespace)
            if loop_runner:
                loop_runner.close()
            for name in modules:
                sys.modules.pop(name, None)
    return time.perf_counter() - started


async def _await_if_needed(compiled, namespace):
    result = eval(compiled, namespace)
    if inspect.iscoroutine(result):
        await result


def runner_execution(runs, tier, srcdir):
    started = time.perf_counter()
    failures = [r for run in runs for r in run_page(run, tier, srcdir) if r.status == FAILED]
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"examples fail, so the figures would mean nothing:\n{failures[0].message}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    # The tutorials' web apps log each request; the figures are what matters here.
    logging.disable(logging.WARNING)

    outdir = test_build_dir().parent / "bench-build"
    build = sphinx_build(ROOT, outdir)
    if build.returncode:
        raise SystemExit(build.warnings)
    manifest = build.manifest()
    runs = [run for page in manifest.pages_with_examples() for run in page_runs(page)]
    count = sum(len(run.examples) for run in runs)
    print(f"{len(runs)} page runs, {count} examples per tier, {args.rounds} rounds each\n")
    print(f"{'tier':<6} {'runner s':>9} {'plain s':>9} {'overhead':>9}   (medians; target overhead <= 1.25x)")
    with live_server() as server:
        tiers = [MockTier(), LiveTier(server.uri)]
        for tier in tiers:
            plain, runner = [], []
            for _ in range(args.rounds):
                plain.append(plain_execution(runs, tier, build.srcdir))
                runner.append(runner_execution(runs, tier, build.srcdir))
            p, r = statistics.median(plain), statistics.median(runner)
            print(f"{tier.name:<6} {r:>9.3f} {p:>9.3f} {r / p:>8.2f}x")
        tiers[1].close()


if __name__ == "__main__":
    main()
