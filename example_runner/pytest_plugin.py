"""pytest wiring: options, one test per page run and tier, and the run's report.

Each test runs one page in one flavour on one tier. Tests of a tier share an
xdist group, so the tiers run side by side on separate workers while the
pages of one tier run one after another against that tier's server.
"""

import json

from tools.sitebuild import test_build_dir

from .report import ExampleReport

TIERS = ("mock", "live")
RESULTS_PROPERTY = "example_results"
SERVER_PROPERTY = "example_server"


def pytest_addoption(parser):
    group = parser.getgroup("examples", "the site's executable examples")
    group.addoption(
        "--tier", action="append", choices=TIERS, help="run examples on this tier only (repeatable)"
    )
    group.addoption(
        "--page",
        action="append",
        metavar="DOCNAME",
        help="run the examples of this page only, e.g. tutorials/motor-asyncio (repeatable)",
    )


def selected_tiers(config):
    return tuple(config.getoption("tier") or TIERS)


def selected_pages(config):
    return set(config.getoption("page") or ())


# Test reports do not carry their config, so the report of this run lives here.
_run = {}


def pytest_configure(config):
    _run["report"] = config.example_report = ExampleReport()


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == RESULTS_PROPERTY:
            _run["report"].add(json.loads(value))
        elif name == SERVER_PROPERTY:
            tier, description = json.loads(value)
            _run["report"].servers[tier] = description


def pytest_terminal_summary(terminalreporter, exitstatus, config):
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
