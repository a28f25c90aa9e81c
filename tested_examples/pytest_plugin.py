"""The pytest plugin: every page's examples become tests, and the run ends with a report.

Loaded with ``-p tested_examples.pytest_plugin`` (pyproject.toml does it).

Collection: each page of the site is a test file. ``pytest tutorials/motor-asyncio.rst``
runs that page's examples; the default test paths take every page. A page
gives one test per flavour and tier, ``<page>.rst::live[asyncio]``, and a
failing test reports each failure at the page's (or fragment's) file and line.

A page that shows Motor code also gives ``<page>.rst::converted[asyncio]``
(and ``[Tornado]``, or ``[page]`` for a page without tabs): its Motor
examples converted by ``motor_to_pymongo`` and run on the live tier, where
they must print what the page shows (``runner/converted.py``).

A page run needs nothing from another (each worker has its own live server,
and each run its own tier context), so pytest-xdist hands them out one by
one, to whichever worker is free. The browser tour, the longest group of
tests that must stay on one worker, is collected first, so that it starts at
once instead of running alone at the end (``pytest_collection_modifyitems``).

Fixtures for the rest of the suite: ``site_build`` (built once per run, with
warnings as errors, shared by every worker), ``manifest`` (its
``schema.Manifest``) and ``server_uri`` (one plain live server per worker,
the same one the live tier's pages run on).
"""

import json
import os
import uuid

import pytest

from .runner import converted
from .runner.conditions import run_side_by_side
from .runner.held_commands import CannotProxy
from .runner.live_server import live_server
from .runner.page_runs import page_runs
from .runner.report import ExampleReport
from .runner.runner import FAILED, run_page
from .runner.tiers import LiveTier, MockTier
from .schema import TIERS
from .site_build import ROOT, shared_build, test_build_dir

PYMONGO_ASYNC = "PyMongo Async"
RESULTS_PROPERTY = "example_results"
SERVER_PROPERTY = "example_server"
CONVERTED_PROPERTY = "converted_outcome"
RUN_ID = "MOTOR_DOCS_RUN_ID"
CONDITION_TEST_LIMIT_SECONDS = 600


def pytest_addoption(parser):
    group = parser.getgroup("examples", "the site's executable examples")
    group.addoption(
        "--tier", action="append", choices=TIERS, help="run examples on this tier only (repeatable)"
    )


def selected_tiers(config):
    return tuple(config.getoption("tier") or TIERS)


# Test reports do not carry their config, so the report of this run lives here.
_run = {}


def pytest_configure(config):
    # One id per `pytest` invocation, inherited by pytest-xdist's workers, so
    # that they all share one build of the site.
    if not hasattr(config, "workerinput"):
        os.environ[RUN_ID] = uuid.uuid4().hex
    _run["report"] = config.example_report = ExampleReport()


# -- The site and the server, once per run or per worker ------------------------


def site_build_once():
    """The site, built once per test run however many workers ask."""
    return shared_build(test_build_dir(), os.environ[RUN_ID])


@pytest.fixture(scope="session")
def site_build():
    build = site_build_once()
    if build.returncode != 0:
        pytest.fail(f"the site does not build:\n{build.warnings}", pytrace=False)
    return build


@pytest.fixture(scope="session")
def manifest(site_build):
    """Every Python example the build collected, page by page."""
    return site_build.manifest()


class WorkerServer:
    """One live server per worker process, started when first asked for.

    Tests that check what a page says and the live tier's pages share it:
    the live tier drops the databases each page run makes, and fails the
    page run that leaves one behind, so they do not see each other's work.
    """

    def __init__(self):
        self._context = None
        self.server = None

    def get(self):
        if self.server is None:
            self._context = live_server()
            self.server = self._context.__enter__()
        return self.server

    def stop(self):
        if self._context is not None:
            self._context.__exit__(None, None, None)
            self._context = self.server = None


_server = WorkerServer()
_tiers = {}
_conversions = {}  # converted test's node id -> its run's conversions


def tier_named(name):
    if name not in _tiers:
        _tiers[name] = MockTier() if name == "mock" else LiveTier(_server.get().uri)
    return _tiers[name]


@pytest.fixture(scope="session")
def server_uri():
    """A plain live server, shared by the tests of this worker (each uses databases of its own)."""
    return _server.get().uri


def pytest_sessionfinish(session):
    live = _tiers.pop("live", None)
    if live is not None:
        live.close()
    _server.stop()


# -- Collection: a page is a test file ---------------------------------------------

# xdist groups that start first, longest first. pytest-xdist hands groups out in
# the order they were collected: a long group collected last runs alone at the
# end of the run while the other workers stand idle.
FIRST_GROUPS = ("browser-tour", "browser-reader")


def xdist_group_of(item):
    marker = item.get_closest_marker("xdist_group")
    if marker is None:
        return None
    return marker.args[0] if marker.args else marker.kwargs.get("name")


def first_group_rank(item):
    group = xdist_group_of(item) or ""
    return next((i for i, prefix in enumerate(FIRST_GROUPS) if group.startswith(prefix)), len(FIRST_GROUPS))


def pytest_collection_modifyitems(items):
    # A stable sort: the rest keep their order, and so their module fixtures.
    items.sort(key=first_group_rank)


def pytest_collect_file(file_path, parent):
    # Only a node: the site is built when a page is really collected (PageFile.collect).
    # pytest also offers the files beside a path named on the command line, and a run
    # of one test file must not build the site for them.
    if file_path.suffix != ".rst":
        return None
    return PageFile.from_parent(parent, path=file_path)


def pages_by_source(build):
    """The pages with examples, by source file: read from the manifest once per worker, not per file."""
    if "pages_by_source" not in _run:
        _run["pages_by_source"] = {page.source: page for page in build.manifest().pages_with_examples()}
    return _run["pages_by_source"]


class PageFile(pytest.File):
    """A page of the site; its tests run its examples. A fragment, or a page without examples, has none."""

    page = None

    def collect(self):
        build = site_build_once()
        if build.returncode != 0:
            reason = f"the site does not build, so its examples cannot run:\n{build.warnings}"
            pytest.fail(reason, pytrace=False)
        path = self.path.resolve()
        source = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else None
        self.page = pages_by_source(build).get(source)
        if self.page is None:
            return
        yield from self.page_tests()

    def page_tests(self):
        for tier in selected_tiers(self.config):
            for run in page_runs(self.page):
                name = f"{tier}[{run.flavor}]" if run.flavor else tier
                yield PageRunItem.from_parent(self, name=name, tier=tier, page_run=run)
        if "live" in selected_tiers(self.config):
            # Outputs shown for a condition (no server answering, say) are live-tier claims.
            conditions = sorted({c for e in self.page.examples for c in e.outputs_when})
            for condition in conditions:
                examples = [e for e in self.page.examples if condition in e.outputs_when]
                item = ConditionItem.from_parent(
                    self, name=f"live[{condition}]", condition=condition, examples=examples
                )
                # Its examples wait out deadlines, and on the server in MONGODB_URI the
                # flavours take turns: more than the suite's limit per test, though
                # each example still has its own.
                item.add_marker(pytest.mark.timeout(CONDITION_TEST_LIMIT_SECONDS))
                yield item
            # The converter's proof: the Motor examples, converted to PyMongo Async, print the same.
            for run in converted.motor_runs(self.page):
                yield ConvertedItem.from_parent(self, name=f"converted[{run.flavor or 'page'}]", page_run=run)


class ExampleFailures(Exception):
    """The examples of a page run that did not do what the page shows."""


class ExampleItem(pytest.Item):
    """A test of a page's examples: its failure is the runner's own message, with file and line."""

    def repr_failure(self, excinfo):
        # LeftoverDatabases, from the live tier, is an AssertionError that says it all too.
        if isinstance(excinfo.value, ExampleFailures | AssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class PageRunItem(ExampleItem):
    def __init__(self, *, tier, page_run, **kwargs):
        super().__init__(**kwargs)
        self.tier_name = tier
        self.page_run = page_run

    def runtest(self):
        tier = tier_named(self.tier_name)
        results = run_page(self.page_run, tier, ROOT)
        self.user_properties.append((RESULTS_PROPERTY, json.dumps([r.as_dict() for r in results])))
        if self.tier_name == "live":
            server = json.dumps([self.tier_name, _server.get().description])
            self.user_properties.append((SERVER_PROPERTY, server))
        failures = [r.message for r in results if r.status == FAILED]
        if failures:
            raise ExampleFailures("\n\n".join(failures))

    def reportinfo(self):
        return self.path, None, f"{self.page_run.name} on the {self.tier_name} tier"


class ConditionItem(ExampleItem):
    """The page's examples whose output is shown for *condition*, run under it side by side."""

    def __init__(self, *, condition, examples, **kwargs):
        super().__init__(**kwargs)
        self.condition = condition
        self.examples = examples

    def runtest(self):
        build = site_build_once()
        try:
            outcomes = run_side_by_side(build.manifest_path, self.examples, self.condition, ROOT)
        except CannotProxy as exc:
            pytest.skip(f"{self.condition} cannot be made in front of the server in MONGODB_URI: {exc}")
        failures = [f"[{self.condition}] {problem}" for problem in outcomes.values() if problem]
        if failures:
            raise ExampleFailures("\n\n".join(failures))

    def reportinfo(self):
        return self.path, None, f"{self.parent.page.docname} under the condition {self.condition}"


class ConvertedItem(ExampleItem):
    """A Motor run of the page, converted by motor_to_pymongo, on the live tier: it must print the same."""

    def __init__(self, *, page_run, **kwargs):
        super().__init__(**kwargs)
        self.page_run = page_run

    def runtest(self):
        conversions = self.conversions()
        twin = converted.same_as(conversions, self.runs_in_this_session())
        if twin is None:
            outcome = converted.check_run(self.page_run, tier_named("live"), ROOT, conversions)
        else:
            outcome = converted.proven_outcome(conversions)
        record = [self.page_run.name, outcome.as_dict(), twin]
        self.user_properties.append((CONVERTED_PROPERTY, json.dumps(record)))
        if outcome.failures:
            raise ExampleFailures("\n\n".join(outcome.failures))

    def runs_in_this_session(self):
        """{test name: its examples}: the page's live PyMongo Async run and converted asyncio run.

        Only those this session runs (and not this test itself): a run the
        suite does not make proves nothing here.
        """
        selected = {item.nodeid: item for item in self.session.items}
        twins = {}
        for item in selected.values():
            if item.parent is not self.parent or item is self:
                continue
            if isinstance(item, PageRunItem) and item.tier_name == "live":
                if item.page_run.flavor == PYMONGO_ASYNC:
                    twins[item.name] = item.page_run.examples
            elif isinstance(item, ConvertedItem) and item.page_run.flavor == "asyncio":
                conversions = item.conversions()
                if not any(c.manual for c in conversions):
                    twins[item.name] = tuple(c.example for c in conversions)
        return twins

    def conversions(self):
        """The run's examples, converted once per process however many tests ask."""
        if self.nodeid not in _conversions:
            _conversions[self.nodeid] = converted.convert_run(self.page_run)
        return _conversions[self.nodeid]

    def reportinfo(self):
        return self.path, None, f"{self.page_run.name} converted to PyMongo Async, on the live tier"


# -- The report ----------------------------------------------------------------------


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == RESULTS_PROPERTY:
            _run["report"].add(json.loads(value))
        elif name == CONVERTED_PROPERTY:
            run_name, outcome, twin = json.loads(value)
            _run.setdefault("converted", {})[run_name] = {**outcome, "same_as": twin}
        elif name == SERVER_PROPERTY:
            tier, description = json.loads(value)
            _run["report"].servers[tier] = description


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _run.get("converted"):
        terminalreporter.section("converter")
        for line in converted.report_lines(_run["converted"]):
            terminalreporter.write_line(line)
    report = config.example_report
    if not report.results:
        return
    chosen = selected_tiers(config)
    for tier in TIERS:
        if tier not in chosen:
            report.not_run_tiers[tier] = "deselected with --tier " + " --tier ".join(chosen)
    terminalreporter.section("examples")
    for line in report.lines():
        terminalreporter.write_line(line)
    path = test_build_dir() / "example-report.json"
    report.write_json(path)
    terminalreporter.write_line(f"report written to {path}")
