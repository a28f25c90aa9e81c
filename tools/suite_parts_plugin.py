"""A pytest plugin for ``tools.bench_suite``: where each test's time went, and on which worker.

Loaded by the benchmark only (``-p tools.suite_parts_plugin --suite-parts=PATH``).
Each test process records, for every test item, its node id, its xdist group
and the seconds of its setup, call and teardown; and how long its collection
waited for the site's build. pytest-xdist's workers hand their records to the
controller through ``workeroutput``; the controller, or a run without xdist,
writes them all to PATH as JSON::

    {"workers": {"gw0": {"build": 41.2, "collection": 43.0, "session": 310.5,
                         "items": [{"nodeid": ..., "path": ..., "group": ..., "seconds": ...}]}}}
"""

import json
import os
import time
from pathlib import Path

import pytest

OUTPUT_KEY = "suite_parts"


def pytest_addoption(parser):
    parser.addoption("--suite-parts", metavar="PATH", help="write per-item durations and workers to PATH")


def pytest_configure(config):
    if config.getoption("suite_parts"):
        config.pluginmanager.register(PartsRecorder(config), "suite-parts-recorder")


class PartsRecorder:
    def __init__(self, config):
        self.config = config
        self.is_worker = hasattr(config, "workerinput")
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.started = time.perf_counter()
        self.record = {"build": 0.0, "collection": 0.0, "session": 0.0, "items": []}
        self.items = {}  # nodeid -> its record, as its reports arrive
        self.from_workers = {}

    @property
    def is_controller(self):
        """Whether this process hands the tests out to xdist's workers and runs none itself."""
        return self.config.pluginmanager.has_plugin("dsession")

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_collection(self, session):
        if self.is_controller:  # the workers collect, and build
            return (yield)
        from tested_examples.pytest_plugin import site_build_once

        started = time.perf_counter()
        # The build that collecting the first page would start; timed apart
        # from the rest of the collection. A worker that finds the build under
        # way waits on its lock, so the longest wait is the build's time.
        site_build_once()
        self.record["build"] = time.perf_counter() - started
        try:
            return (yield)
        finally:
            self.record["collection"] = time.perf_counter() - started - self.record["build"]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item):
        if self.is_controller:
            return
        from tested_examples.pytest_plugin import xdist_group_of

        self.items[item.nodeid] = {
            "nodeid": item.nodeid,
            "path": Path(os.path.relpath(item.path, self.config.rootpath)).as_posix(),
            "group": xdist_group_of(item),
            "seconds": 0.0,
        }

    def pytest_runtest_logreport(self, report):
        if report.nodeid in self.items:
            self.items[report.nodeid]["seconds"] += report.duration

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        output = getattr(node, "workeroutput", {})
        if OUTPUT_KEY in output:
            self.from_workers[node.gateway.id] = json.loads(output[OUTPUT_KEY])

    # tryfirst: xdist sends a worker's workeroutput in its own sessionfinish.
    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session):
        self.record["session"] = time.perf_counter() - self.started
        self.record["items"] = list(self.items.values())
        if self.is_worker:
            self.config.workeroutput[OUTPUT_KEY] = json.dumps(self.record)
            return
        workers = self.from_workers if self.is_controller else {self.worker: self.record}
        path = Path(self.config.getoption("suite_parts"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"workers": workers}, indent=1) + "\n", encoding="utf-8")
