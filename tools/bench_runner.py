"""How long the examples take per tier, per example, and what the runner's bookkeeping adds.

Prints figures; never fails on a slow machine.

The baseline is the runner's own evaluators (``tested_examples.runner.evaluators``)
called directly, page run by page run, in the tier's page context: the same
namespaces, REPL session, module registration and output capture that the
runner uses, with nothing copied from them. What the baseline leaves out is the
runner's bookkeeping around each example (``run_page``): the per-example time
limit, the comparison of what was printed with the page, tracebacks and the
result records. The overhead is the ratio of the two. A copy of the
evaluators' logic made a baseline that drifted from the real code; calling
them measures exactly what the runner adds on top of running the examples,
and the per-example cost (the runner's seconds over the examples it ran) says
what an example costs on each tier whatever that ratio is. Both sides are
measured in turns, in one process, so that a busy machine slows them alike.

    python -m tools.bench_runner [--rounds N]
"""

import argparse
import logging
import statistics
import time

from tested_examples.runner.evaluators import PageState, run_module, run_script
from tested_examples.runner.live_server import live_server
from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.placeholders import substitute
from tested_examples.runner.runner import FAILED, run_page
from tested_examples.runner.tiers import LiveTier, MockTier
from tested_examples.site_build import ROOT, sphinx_build, test_build_dir


def runnable(run, tier):
    """The examples of *run* that *tier* executes (exempt ones are skipped by both sides)."""
    return [e for e in run.examples if not tier.exemption(e, run.flavor)]


def accept_any(want, printed):
    """An output check that passes everything: judging output is the runner's job, not the baseline's."""
    return True


def evaluators_only(runs, tier, srcdir):
    """The same examples through the evaluators alone; returns seconds."""
    started = time.perf_counter()
    for run in runs:
        with PageState() as state, tier.page_context(run) as uri:
            for example in runnable(run, tier):
                code, filename = substitute(example.code, uri), str(srcdir / example.source)
                if example.context == "repl":
                    state.session.run_block(code, filename, example.line, accept_any)
                elif example.module:
                    run_module(code, filename, example.line, example.module, state.modules)
                else:
                    run_script(code, filename, example.line, state.namespace)
    return time.perf_counter() - started


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
    print(f"{len(runs)} page runs, {args.rounds} rounds per tier\n")
    print(
        f"{'tier':<6} {'examples':>9} {'runner s':>9} {'ms/example':>11} {'evaluators s':>13} {'overhead':>9}"
        "   (medians; target overhead <= 1.25x)"
    )
    with live_server() as server:
        tiers = [MockTier(), LiveTier(server.uri)]
        for tier in tiers:
            count = sum(len(runnable(run, tier)) for run in runs)
            baseline, runner = [], []
            for _ in range(args.rounds):
                baseline.append(evaluators_only(runs, tier, build.srcdir))
                runner.append(runner_execution(runs, tier, build.srcdir))
            b, r = statistics.median(baseline), statistics.median(runner)
            print(f"{tier.name:<6} {count:>9} {r:>9.3f} {1000 * r / count:>11.1f} {b:>13.3f} {r / b:>8.2f}x")
        tiers[1].close()


if __name__ == "__main__":
    main()
