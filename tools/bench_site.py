"""Speed and size figures for the site: page weight in a real browser, and build times.

Run with ``python -m tools.bench_site``. It builds a temporary copy of the site
(so the working tree and its build output are left alone), then prints:

* for the landing page, a tutorial page and the largest API reference page: bytes transferred by type, the
  number of requests, and first contentful paint, measured in Chromium;
* the time of a fresh build, of a rebuild with nothing changed, and of a
  rebuild after touching one include fragment, with the pages that rebuild
  wrote beside the pages that Sphinx's environment records as depending on
  the fragment (``env.dependencies``).

Budgets are printed beside the figures. This is a report, not a test: it
exits 0 whatever the figures are, and non-zero only when it cannot measure.

The pages are served and loaded by the browser tests' own loopback server and
Chromium launcher (``tests/browser/site_server.py``).
"""

import gzip
import os
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tested_examples.site_build import PARALLEL, SPHINX_FLAGS, copy_site, sphinx_command
from tests.browser.site_server import CHROMIUM, launch_chromium, serve_html

BENCH_PAGES = ("index.html", "tutorials/motor-asyncio.html", "source/reference/collection.html")
FRAGMENT = "includes/atlas-connect-blurb.rst"
GUIDE = "source/howto/gridfs.rst"
# Sphinx writes a page again with the page whose toctree lists it.
GUIDE_WRITES = ("source/howto/gridfs", "source/howto/index")
FRESH_BUDGET_S = 10.0
PAGE_BUDGET_KIB = 120
PAGE_BUDGET_REQUESTS = 12
REBUILD_BUDGET_S = 2.0
LOADS_PER_PAGE = 5
NO_CHANGE_REBUILDS = 3
LARGEST_SHOWN = 4

# Playwright's resource types, grouped the way the budget is reported.
RESOURCE_KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts", "image": "images"}
KIND_ORDER = ("HTML", "CSS", "JS", "fonts", "images", "other")


# -- Page weight ------------------------------------------------------------------


@dataclass
class PageLoad:
    bytes_by_kind: dict = field(default_factory=dict)
    gzip_bytes: int = 0
    requests: int = 0
    fcp_ms: float | None = None
    files: list = field(default_factory=list)  # (bytes, path) of each response

    @property
    def total_bytes(self):
        return sum(self.bytes_by_kind.values())


def load_once(browser, url):
    """Load *url* in a new, empty context (a first visit: nothing cached)."""
    context = browser.new_context()
    finished = []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        fcp = page.evaluate(
            "() => performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] ?? null"
        )
        load = PageLoad(fcp_ms=fcp, requests=len(finished))
        for request in finished:
            sizes = request.sizes()
            kind = RESOURCE_KINDS.get(request.resource_type, "other")
            sent = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            load.bytes_by_kind[kind] = load.bytes_by_kind.get(kind, 0) + sent
            load.files.append((sent, urlsplit(request.url).path))
            # What a host that compresses text (Read the Docs does) would send.
            body = request.response().body()
            load.gzip_bytes += sizes["responseHeadersSize"] + len(gzip.compress(body, 6))
        return load
    finally:
        context.close()


def measure_page(browser, base_url, path):
    loads = [load_once(browser, base_url + path) for _ in range(LOADS_PER_PAGE)]
    first = loads[0]  # bytes and requests are the same on every load
    fcps = [load.fcp_ms for load in loads if load.fcp_ms is not None]
    first.fcp_ms = statistics.median(fcps) if fcps else None
    return first


def measure_pages(html_dir):
    from playwright.sync_api import sync_playwright

    with serve_html(html_dir) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            return {path: measure_page(browser, base_url, path) for path in BENCH_PAGES}
        finally:
            browser.close()


# -- Build times --------------------------------------------------------------------

WRITING_RE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)$", re.MULTILINE)


@dataclass
class BuildRun:
    seconds: float
    written: list


def run_sphinx(srcdir, outdir):
    """One build with `make html`'s flags, minus -q: its log names the pages it writes."""
    cmd = sphinx_command(srcdir, outdir, [flag for flag in SPHINX_FLAGS if flag != "-q"], *PARALLEL)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        sys.exit(f"the site does not build, so there is nothing to measure:\n{proc.stderr}")
    return BuildRun(seconds, WRITING_RE.findall(proc.stdout))


def pages_including(outdir, fragment):
    """The pages that depend on *fragment*, as Sphinx recorded them in its environment.

    ``env.dependencies`` maps each docname to every file it read besides its
    own source: includes (followed through fragments) and literalincludes alike.
    """
    with open(outdir / "doctrees" / "environment.pickle", "rb") as f:
        env = pickle.load(f)
    target = (Path(env.srcdir) / fragment).resolve()
    return sorted(
        doc for doc, deps in env.dependencies.items() if any(Path(d).resolve() == target for d in deps)
    )


@dataclass
class BuildFigures:
    fresh: BuildRun
    no_change: list
    after_touch: BuildRun
    including_fragment: list
    after_guide: BuildRun


def measure_builds(srcdir, outdir):
    if outdir.exists():
        shutil.rmtree(outdir)
    fresh = run_sphinx(srcdir, outdir)
    no_change = [run_sphinx(srcdir, outdir) for _ in range(NO_CHANGE_REBUILDS)]
    touch(srcdir / FRAGMENT)
    after_touch = run_sphinx(srcdir, outdir)
    touch(srcdir / GUIDE)
    after_guide = run_sphinx(srcdir, outdir)
    return BuildFigures(fresh, no_change, after_touch, pages_including(outdir, FRAGMENT), after_guide)


def touch(path):
    later = time.time() + 1  # clearly newer than the last read, whatever the clock's resolution
    os.utime(path, (later, later))


# -- Report -----------------------------------------------------------------------


def kib(n):
    return n / 1024


def over(value, budget, unit):
    """How far *value* is past *budget*, or None when it is within it."""
    return f"{value - budget:.1f}{unit}" if value > budget else None


def print_page_report(weights):
    print("Page weight: first visit, nothing cached, Chromium, site served from loopback (KiB)")
    kinds = [kind for kind in KIND_ORDER if any(kind in load.bytes_by_kind for load in weights.values())]
    header = f"{'page':<30}" + "".join(f"{kind:>8}" for kind in kinds)
    print(header + f"{'total':>9}{'gzipped':>9}{'requests':>10}{'FCP ms':>8}")
    for path, load in weights.items():
        cells = "".join(f"{kib(load.bytes_by_kind.get(kind, 0)):8.1f}" for kind in kinds)
        fcp = f"{load.fcp_ms:8.0f}" if load.fcp_ms is not None else f"{'n/a':>8}"
        total, packed = kib(load.total_bytes), kib(load.gzip_bytes)
        print(f"{path:<30}{cells}{total:9.1f}{packed:9.1f}{load.requests:10d}{fcp}")
    budget_cells = " " * (8 * len(kinds))
    print(
        f"{'budget':<30}{budget_cells}{PAGE_BUDGET_KIB:9.1f}{PAGE_BUDGET_KIB:9.1f}{PAGE_BUDGET_REQUESTS:10d}"
    )
    print(f"(gzipped: what a host that compresses text sends; FCP: median of {LOADS_PER_PAGE} loads)")
    for path, load in weights.items():
        misses = [
            f"{amount} over the size budget {label}"
            for label, value in (("as served here", kib(load.total_bytes)), ("gzipped", kib(load.gzip_bytes)))
            if (amount := over(value, PAGE_BUDGET_KIB, " KiB"))
        ]
        if load.requests > PAGE_BUDGET_REQUESTS:
            misses.append(f"{load.requests - PAGE_BUDGET_REQUESTS} request(s) over the request budget")
        print(f"  {path}: {'; '.join(misses) if misses else 'within every budget'}")
        largest = sorted(load.files, reverse=True)[:LARGEST_SHOWN]
        print("    largest: " + ", ".join(f"{name.lstrip('/')} {kib(size):.1f}" for size, name in largest))


def print_build_report(builds):
    no_change = [run.seconds for run in builds.no_change]
    median = statistics.median(no_change)
    print("\nBuild times: wall clock with Python start-up, as `make html` runs them")
    print(f"{'build':<52}{'seconds':>8}{'budget':>8}{'pages written':>15}")
    rows = (
        ("fresh", builds.fresh.seconds, f"{FRESH_BUDGET_S:.2f}", builds.fresh.written),
        (
            f"no change (median of {len(no_change)}, max {max(no_change):.2f} s)",
            median,
            f"{REBUILD_BUDGET_S:.2f}",
            builds.no_change[-1].written,
        ),
        (f"after touching {FRAGMENT}", builds.after_touch.seconds, "", builds.after_touch.written),
        (f"after touching {GUIDE}", builds.after_guide.seconds, "", builds.after_guide.written),
    )
    for label, seconds, budget, written in rows:
        print(f"{label:<52}{seconds:8.2f}{budget:>8}{len(written):15d}")
    late = over(builds.fresh.seconds, FRESH_BUDGET_S, " s")
    print(f"  fresh build: {f'{late} over budget' if late else 'within budget'}")
    late = over(median, REBUILD_BUDGET_S, " s")
    print(f"  no-change rebuild: {f'{late} over budget' if late else 'within budget'}")
    guide_pages = set(builds.after_guide.written)
    print(f"  after touching {GUIDE}, the rebuild wrote: {', '.join(sorted(guide_pages)) or 'none'}")
    if guide_pages != set(GUIDE_WRITES):
        print(f"    expected only: {', '.join(GUIDE_WRITES)}")
    written, expected = set(builds.after_touch.written), set(builds.including_fragment)
    print(f"  pages that include {FRAGMENT}: {', '.join(sorted(expected)) or 'none'}")
    print(f"  pages the rebuild wrote: {', '.join(sorted(written)) or 'none'}")
    if written - expected:
        print(f"  written needlessly: {', '.join(sorted(written - expected))}")
    if expected - written:
        print(f"  NOT rewritten, left stale: {', '.join(sorted(expected - written))}")


def main():
    with tempfile.TemporaryDirectory(prefix="motor-docs-bench-") as tmp:
        srcdir = copy_site(Path(tmp) / "src")
        outdir = Path(tmp) / "out"
        builds = measure_builds(srcdir, outdir)
        weights = measure_pages(outdir / "html") if Path(CHROMIUM).exists() else None
    if weights is None:
        print(f"Page weight: not measured, {CHROMIUM} is not installed (apt-get install chromium)")
    else:
        print_page_report(weights)
    print_build_report(builds)


if __name__ == "__main__":
    main()
