"""How long the test suite takes, by part, and what one example-run costs on each tier.

Runs the suite once, as ``make test`` does (``python -m pytest`` in a
subprocess, with pyproject.toml's xdist workers and groups), adding only the
plugin ``tools.suite_parts_plugin``, which records each test's seconds (setup,
call and teardown), its xdist group and its worker, and how long collection
waited for the site's build. The site is built into a temporary directory
(``MOTOR_DOCS_TEST_BUILD``), so the tree's ``_build/`` and a ``make test``
running beside the benchmark are left alone.

The parts:

* build: the site, built once for the run before any test starts;
* examples, one part per tier: the page runs (``<page>.rst::<tier>[<flavour>]``), and the
  outputs shown for a condition (``<page>.rst::live[<condition>]``) with the live tier;
* the converter's proof: the Motor runs converted to PyMongo Async (``<page>.rst::converted[...]``);
* the browser tour (groups ``browser-tour-light`` and ``browser-tour-dark``, a theme each);
* the other browser checks (the rest of ``tests/browser/``);
* everything else: every other test, and collection besides the build.

The workers run parts side by side, so the parts add up to more than the
wall time of the run. Part of the wall time is spent outside any worker's
session (from a worker's configuration to its session's end): Python's and
pytest's start-up, starting the workers, and their shut-down; it is printed
as the wall time less the longest session.

The cost per example-run is read from the run's ``example-report.json``: for
each tier, the part's seconds over the examples that ran (passed or failed;
exempt and not-run ones are not runs), beside the examples' own seconds per
run, as the runner timed each one; the difference is what a page run costs
around its examples (the tier's page context, the live server's start).

Prints figures; never fails on a slow machine, nor on failing tests (it says
how the run ended). Extra arguments go to pytest.

    python -m tools.bench_suite [PYTEST_ARGS...]
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tested_examples.runner.runner import FAILED, PASSED
from tested_examples.schema import TIERS
from tested_examples.site_build import ROOT

BUILD = "build (the site, once per run)"
TIER_PARTS = {tier: f"examples, {tier} tier" for tier in TIERS}
TOUR_GROUP = "browser-tour"  # one group per theme: browser-tour-light, browser-tour-dark
TOUR = f"browser tour ({TOUR_GROUP}-*)"
CONVERTED = "converted Motor examples, live tier"
OTHER_BROWSER = "other browser checks"
EVERYTHING_ELSE = "everything else"
PARTS = (BUILD, *TIER_PARTS.values(), CONVERTED, TOUR, OTHER_BROWSER, EVERYTHING_ELSE)
BROWSER_DIR = "tests/browser/"


def part_of(item):
    # A page's tests are named for what they run: <page>.rst::live[asyncio], ::converted[Tornado].
    _, _, name = item["nodeid"].partition(".rst::")
    if name:
        kind = name.split("[", 1)[0]
        return CONVERTED if kind == "converted" else TIER_PARTS[kind]
    if (item["group"] or "").startswith(TOUR_GROUP):
        return TOUR
    if item["path"].startswith(BROWSER_DIR):
        return OTHER_BROWSER
    return EVERYTHING_ELSE


def run_suite(tmp, pytest_args):
    """One ``python -m pytest`` run; returns (wall seconds, exit code, its last line, records path)."""
    records = tmp / "suite-parts.json"
    log = tmp / "pytest.log"
    env = {**os.environ, "MOTOR_DOCS_TEST_BUILD": str(tmp / "test")}
    cmd = [sys.executable, "-m", "pytest", "-p", "tools.suite_parts_plugin", f"--suite-parts={records}"]
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        code = subprocess.call([*cmd, *pytest_args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    lines = [line.strip("= ") for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records.exists():
        tail = "\n".join(lines[-30:])
        sys.exit(f"pytest exited {code} before it recorded its tests, so there is nothing to show:\n{tail}")
    return wall, code, lines[-1] if lines else "", records


def sum_parts(workers):
    """part -> (seconds, items, workers that ran it); and the collection time besides the build."""
    seconds, items, where = defaultdict(float), defaultdict(int), defaultdict(set)
    for name, record in workers.items():
        for item in record["items"]:
            part = part_of(item)
            seconds[part] += item["seconds"]
            items[part] += 1
            where[part].add(name)
        seconds[EVERYTHING_ELSE] += record["collection"]
        where[BUILD].add(name)
    # Every worker waits for the one build; the longest wait is the build's time.
    seconds[BUILD] = max((record["build"] for record in workers.values()), default=0.0)
    collection = sum(record["collection"] for record in workers.values())
    return {part: (seconds[part], items[part], sorted(where[part])) for part in PARTS}, collection


def example_costs(report_path, parts):
    """tier -> (example-runs, the part's seconds per run, the examples' own seconds per run)."""
    if not report_path.exists():
        return {}
    results = json.loads(report_path.read_text(encoding="utf-8"))["results"]
    costs = {}
    for tier in TIERS:
        ran = [r for r in results if r["tier"] == tier and r["status"] in (PASSED, FAILED)]
        if ran:
            part_seconds = parts[TIER_PARTS[tier]][0]
            own = sum(r["seconds"] for r in ran)
            costs[tier] = (len(ran), part_seconds, part_seconds / len(ran), own / len(ran))
    return costs


def page_cost(workers, parts, html_dir):
    """One more page's cost: (pages, seconds per page in its examples, per page in the tour)."""
    by_page = defaultdict(float)
    for record in workers.values():
        for item in record["items"]:
            if item["path"].endswith(".rst"):
                by_page[item["path"]] += item["seconds"]
    toured = len(list(html_dir.rglob("*.html"))) if html_dir.is_dir() else 0
    tour_seconds = parts[TOUR][0]
    examples = sum(by_page.values()) / len(by_page) if by_page else 0.0
    return len(by_page), examples, tour_seconds / toured if toured else 0.0


def print_report(wall, code, outcome, workers, parts, collection, costs, one_page):
    print(f"Test suite: python -m pytest, as `make test` runs it, on {len(workers)} worker(s)")
    print(f"  outcome: {outcome}" + ("" if code == 0 else f" (pytest exited {code})"))
    print(f"\n{'part':<40}{'seconds':>9}{'tests':>7}  workers")
    for part in PARTS:
        seconds, count, where = parts[part]
        cells = f"{part:<40}{seconds:9.1f}{count if part != BUILD else '':>7}  {', '.join(where) or '-'}"
        if part == EVERYTHING_ELSE:
            cells += f"   (of which collection besides the build: {collection:.1f} s)"
        print(cells)
    total = sum(seconds for seconds, _, _ in parts.values())
    print(f"{'sum of the parts':<40}{total:9.1f}")
    print(f"{'wall time of the whole run':<40}{wall:9.1f}")
    longest = max((record["session"] for record in workers.values()), default=0.0)
    outside = wall - longest
    print(f"{'  outside any worker session':<40}{outside:9.1f}   (start-up, starting and stopping workers)")
    if len(workers) > 1:
        print(
            f"  The parts run in parallel on {len(workers)} workers, so they sum to more than the wall time."
        )
    for name, record in sorted(workers.items()):
        busy = record["build"] + record["collection"] + sum(item["seconds"] for item in record["items"])
        what = "in the build (or waiting on it), collection and tests"
        print(f"  {name}: {busy:.1f} s {what}, of a {record['session']:.1f} s session")
    pages, examples, tour = one_page
    print(
        f"\nOne more page costs about {examples + tour:.1f} s of worker time: {examples:.1f} s for its "
        f"examples (the mean over {pages} pages with examples, every tier and the converted runs) "
        f"and {tour:.1f} s in the browser tour (its seconds over the pages it visits)"
    )
    if not costs:
        print("\nCost per example-run: no examples ran")
        return
    print("\nCost per example-run (example-report.json)")
    print(f"{'tier':<6}{'example-runs':>13}{'part s':>9}{'s/run':>8}{'of which in the example':>25}")
    for tier, (runs, part_seconds, per_run, own) in costs.items():
        print(f"{tier:<6}{runs:13d}{part_seconds:9.1f}{per_run:8.3f}{own:25.3f}")


def main():
    with tempfile.TemporaryDirectory(prefix="motor-docs-bench-suite-") as tmp:
        tmp = Path(tmp)
        wall, code, outcome, records = run_suite(tmp, sys.argv[1:])
        workers = json.loads(records.read_text(encoding="utf-8"))["workers"]
        parts, collection = sum_parts(workers)
        costs = example_costs(tmp / "test" / "example-report.json", parts)
        one_page = page_cost(workers, parts, tmp / "test" / "html")
    print_report(wall, code, outcome, workers, parts, collection, costs, one_page)


if __name__ == "__main__":
    main()
