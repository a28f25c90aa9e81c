"""The testing guide: its test suite runs, its advice holds, and its table is true.

* The guide's ``inventory.py``, ``conftest.py`` and ``test_inventory.py`` are
  written to a directory, as a reader would save them, with the
  ``pyproject.toml`` the page includes, and pytest runs them there against a
  live server, once per flavour. The runner only imports such files; here
  their tests have to pass, and have to catch a planted bug. Every set-up of
  the reader's suite below runs in one ``tests/reader_pytest.py`` process, a
  forked child each.
* The page tells PyMongo Async users not to unit-test on mongomock-motor.
  Here its PyMongo Async code runs on the Motor tab's mongomock-motor fixture
  and fails, and the Motor habit it warns of passes there, while the PyMongo
  Async fixtures, on a server, catch that habit.
* Every file the reader saves has its name as its caption.
* The page's table of mock differences, derived while the site builds,
  must list exactly the examples that the runner skips on the mock and runs
  live.
"""

import ast
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tested_examples.runner.page_runs import page_runs
from tested_examples.schema import Example, Manifest, Page
from tested_examples.site_build import ROOT
from tested_examples.sphinx_ext import mock_differences
from tests import reader_pytest
from tests.built_pages import parsed, select, text_of

PAGE = "source/howto/testing"
FLAVORS = ("asyncio", "Tornado", "PyMongo Async")
PYPROJECT = ROOT / "includes" / "howto" / "testing" / "pyproject.toml"
READER_FILES = ("inventory", "conftest", "test_inventory")

# The reader's suite runs in one process for the module, so the module runs on one worker.
pytestmark = pytest.mark.xdist_group("reader-suites")


# -- The reader's test suite -------------------------------------------------


def reader_files(manifest, flavor):
    """{file name: code} for the files the page has the reader save, in this flavour."""
    [run] = [run for run in page_runs(manifest.pages[PAGE]) if run.flavor == flavor]
    files = {f"{e.module}.py": e.code for e in run.examples if e.module}
    assert sorted(files) == sorted(f"{name}.py" for name in READER_FILES), sorted(files)
    return files


@dataclass
class ReaderRun:
    """One run of the reader's pytest: its files, what it printed, and its results file's counts."""

    directory: Path
    files: dict
    stdout: str
    stderr: str
    counts: dict


def save_reader_files(directory, files):
    """Save *files* and the page's pyproject.toml in *directory*, as the reader saves them."""
    directory.mkdir()
    for name, code in files.items():
        (directory / name).write_text(code + "\n", encoding="utf-8")
    (directory / "pyproject.toml").write_text(PYPROJECT.read_text(encoding="utf-8"), encoding="utf-8")


def run_reader_suites(setups, uri, root):
    """{name: ReaderRun} for {name: (files, with a server?)}: pytest in a directory of each set-up's own.

    A set-up with a server has *uri* in ``MONGODB_URI``; one without has the variable not set at all.
    """
    runs = []
    for name, (files, with_server) in setups.items():
        save_reader_files(root / name, files)
        runs.append({"directory": str(root / name), "uri": uri if with_server else None})
    # The reader's pytest, not ours: none of this suite's options or workers.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "MOTOR_DOCS", "MONGODB_URI"))}
    proc = subprocess.run(
        [sys.executable, "-P", reader_pytest.__file__, json.dumps(runs)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"the reader's runs did not complete:\n{proc.stdout}\n{proc.stderr}"
    done = {}
    for (name, (files, _)), status in zip(setups.items(), json.loads(proc.stdout), strict=True):
        directory = root / name
        stdout, stderr = ((directory / f).read_text(encoding="utf-8") for f in ("stdout.txt", "stderr.txt"))
        assert status != reader_pytest.TIMED_OUT, f"{name}: pytest ran past {reader_pytest.RUN_TIMEOUT} s"
        results = directory / "results.xml"
        assert results.exists(), f"{name}: pytest wrote no results:\n{stdout}\n{stderr}"
        suite = ElementTree.parse(results).getroot().find("testsuite")
        counts = {key: int(suite.get(key)) for key in ("tests", "failures", "errors", "skipped")}
        done[name] = ReaderRun(directory, files, stdout, stderr, counts)
    return done


def outcomes_of(directory):
    """{test name: "passed", "failed", "error" or "skipped"} from the run in *directory*."""
    outcomes = {}
    for case in ElementTree.parse(directory / "results.xml").getroot().iter("testcase"):
        found = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        outcomes[case.get("name")] = {"failure": "failed"}.get(found[0], found[0]) if found else "passed"
    return outcomes


def reader_test_names(code):
    return [
        node.name
        for node in ast.parse(code).body
        if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef) and node.name.startswith("test_")
    ]


# The one call the PyMongo Async tab awaits where Motor's does not, and the reader's test of it.
AWAITED_AGGREGATE = "cursor = await db.items.aggregate("
MOTOR_AGGREGATE = "cursor = db.items.aggregate("
AGGREGATE_TEST = "test_units_in_stock_adds_up_every_item"

# Bugs planted in the asyncio tab's inventory.py: (what the page has, what replaces it).
PLANTED = {"low-stock-counts-the-threshold": ('"$lt"', '"$lte"'), "restock-overwrites": ('"$inc"', '"$set"')}


def reader_setups(manifest):
    """{name: (files, with a server?)}: every set-up in which this module runs the reader's suite."""
    motor, pymongo_async = reader_files(manifest, "asyncio"), reader_files(manifest, "PyMongo Async")
    setups = {f"as-shown-{flavor}": (reader_files(manifest, flavor), True) for flavor in FLAVORS}
    for bug, (correct, planted) in PLANTED.items():
        setups[f"planted-{bug}"] = (
            {**motor, "inventory.py": motor["inventory.py"].replace(correct, planted)},
            True,
        )
    # PyMongo Async's inventory.py, unit-tested on the Motor tab's mongomock-motor fixture.
    setups["pymongo-async-on-mongomock"] = ({**pymongo_async, "conftest.py": motor["conftest.py"]}, True)
    # PyMongo Async's inventory.py with Motor's un-awaited aggregate(), on the mock and on the server.
    habit = {
        **pymongo_async,
        "inventory.py": pymongo_async["inventory.py"].replace(AWAITED_AGGREGATE, MOTOR_AGGREGATE),
    }
    setups["habit-on-mock"] = ({**habit, "conftest.py": motor["conftest.py"]}, True)
    setups["habit-on-server"] = (habit, True)
    setups["pymongo-async-without-server"] = (pymongo_async, False)
    return setups


@pytest.fixture(scope="module")
def reader_runs(manifest, server_uri, tmp_path_factory):
    """Every set-up of ``reader_setups``, run once for the module."""
    return run_reader_suites(reader_setups(manifest), server_uri, tmp_path_factory.mktemp("reader"))


# The reader's runs are made while the first test that reads them sets up: each
# run has its own time limit there (reader_pytest.RUN_TIMEOUT), so the suite's
# limit applies to the test itself.
READS_RUNS = pytest.mark.timeout(func_only=True)


@READS_RUNS
@pytest.mark.parametrize("flavor", FLAVORS)
def test_reader_suite_passes_against_mock_and_server(flavor, manifest, reader_runs):
    assert flavor in manifest.pages[PAGE].flavors()
    run = reader_runs[f"as-shown-{flavor}"]
    expected = len(reader_test_names(run.files["test_inventory.py"]))
    assert expected >= 2
    # Every test ran and passed: none failed, and none was skipped for want of a server.
    assert run.counts == {"tests": expected, "failures": 0, "errors": 0, "skipped": 0}, (
        run.stdout + run.stderr
    )


@READS_RUNS
@pytest.mark.parametrize("bug", PLANTED)
def test_reader_suite_catches_a_planted_bug(bug, manifest, reader_runs):
    correct, planted = PLANTED[bug]
    assert correct in reader_files(manifest, "asyncio")["inventory.py"]
    run = reader_runs[f"planted-{bug}"]
    assert planted in run.files["inventory.py"]
    assert run.counts["failures"] >= 1, run.stdout


def test_the_page_claims_about_the_mock_hold(server_uri):
    # The page says to_list ignores its length, server_info reports 5.0.5, and the
    # mock's methods are coroutines where Motor's return Futures.
    import asyncio

    from mongomock_motor import AsyncMongoMockClient
    from motor.motor_asyncio import AsyncIOMotorClient

    async def check():
        client = AsyncMongoMockClient()
        await client.claims.items.insert_many([{"n": n} for n in range(10)])
        assert len(await client.claims.items.find().to_list(length=2)) == 10
        assert (await client.server_info())["version"] == "5.0.5"
        assert (await asyncio.create_task(client.claims.items.find_one({}, {"_id": 0}))) == {"n": 0}
        client.close()
        motor = AsyncIOMotorClient(server_uri)
        returned = motor.claims.items.find_one({})
        assert asyncio.isfuture(returned) and not asyncio.iscoroutine(returned)
        await returned
        with pytest.raises(TypeError, match="a coroutine was expected"):
            asyncio.create_task(motor.claims.items.find_one({}))
        motor.close()

    asyncio.run(check())


# -- Why PyMongo Async code is not unit-tested on mongomock-motor ---------------


def test_the_flavours_differ_in_the_aggregate_call(manifest):
    pymongo_async = reader_files(manifest, "PyMongo Async")["inventory.py"]
    motor = reader_files(manifest, "asyncio")["inventory.py"]
    assert AWAITED_AGGREGATE in pymongo_async and AWAITED_AGGREGATE not in motor
    assert MOTOR_AGGREGATE in motor


@READS_RUNS
def test_mongomock_motor_fails_correct_pymongo_async_code(reader_runs):
    """PyMongo Async's inventory.py, unit-tested on the Motor tab's mongomock-motor fixture."""
    outcomes = outcomes_of(reader_runs["pymongo-async-on-mongomock"].directory)
    assert outcomes.pop(AGGREGATE_TEST) == "failed"
    assert set(outcomes.values()) == {"passed"}, outcomes


@READS_RUNS
def test_mongomock_motor_passes_the_motor_habit_that_the_server_catches(reader_runs):
    """PyMongo Async's inventory.py with Motor's un-awaited aggregate(): green on the mock, red live."""
    outcomes = {
        where: outcomes_of(reader_runs[f"habit-on-{where}"].directory) for where in ("mock", "server")
    }
    assert set(outcomes["mock"].values()) == {"passed"}, outcomes["mock"]
    assert outcomes["server"].pop(AGGREGATE_TEST) == "failed"
    assert set(outcomes["server"].values()) == {"passed"}, outcomes["server"]


@READS_RUNS
def test_without_a_server_the_pymongo_async_suite_skips_every_test_and_says_why(reader_runs):
    run = reader_runs["pymongo-async-without-server"]
    counts = run.counts
    assert counts["tests"] == counts["skipped"] == len(reader_test_names(run.files["test_inventory.py"]))
    assert "set MONGODB_URI to run the tests that need a server" in run.stdout


def test_the_page_shows_what_it_says_about_mongomock_motor():
    """The page's demonstration runs on both tiers; this checks the claims it does not print."""
    from importlib.metadata import requires

    from mongomock_motor import AsyncMongoMockClient
    from motor.motor_asyncio import AsyncIOMotorClient

    assert any(requirement.split()[0] == "motor" for requirement in requires("mongomock-motor"))
    assert isinstance(AsyncMongoMockClient(), AsyncIOMotorClient)  # "its client passes for Motor's"


# -- File names on the blocks the reader saves ----------------------------------


def test_every_file_the_reader_saves_carries_its_name(site_build, manifest):
    """Each block saved as a file, in every tab, is captioned with the file's name."""
    tree = parsed(site_build.html_dir / f"{PAGE}.html")
    captions = Counter(text_of(caption) for caption in select(tree, ".code-block-caption .caption-text"))
    saved = Counter(f"{example.module}.py" for example in manifest.pages[PAGE].examples if example.module)
    assert set(saved) == {f"{name}.py" for name in READER_FILES}
    assert {name: captions[name] for name in saved} == dict(saved)
    assert captions[PYPROJECT.name] == 1


# -- The table of mock differences ---------------------------------------------


def test_mock_differences_are_derived_by_the_runner_rules():
    def example(index, flavor, **exempt):
        return Example("p", index, "script", "", "p.rst", index + 1, flavor, exempt)

    examples = (
        example(0, None, mock="outside the tabs"),
        example(1, "asyncio", mock="no mock for this"),
        example(2, "Tornado", mock="no mock for this"),
        example(3, "asyncio", mock="both tiers", live="both tiers"),
        example(4, "PyMongo Async", mock="redundant with the flavour's own exemption"),
        example(5, "Tornado"),
    )
    manifest = Manifest(FLAVORS, {"p": Page("p", "P", "p.html", "p.rst", examples)})
    assert mock_differences.derive_rows(manifest) == [
        {"page": "p", "reason": "no mock for this", "examples": 2, "flavors": ["asyncio", "Tornado"]},
        {"page": "p", "reason": "outside the tabs", "examples": 1, "flavors": ["asyncio", "Tornado"]},
    ]


# Sphinx's smart quotes are the only change it makes to a reason's text.
TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."})


def plain_typography(text):
    return text.replace("\u2014", "---").replace("\u2013", "--").translate(TYPOGRAPHY)


def test_the_page_shows_the_table_of_the_examples_it_was_built_with(site_build, manifest):
    """The table is what derive_rows makes of the examples the build collected, row for row."""
    stored = mock_differences.derive_rows(manifest)
    assert stored, "no example is exempt from the mock, so the table shows nothing to check"
    tree = parsed(site_build.html_dir / f"{PAGE}.html")
    tables = [table for table in tree.iter("table") if mock_differences.TABLE_CLASS in table.classes]
    assert tables, "the testing guide shows no mock-differences table"
    rows = tables[0].find(".//tbody").findall(".//tr")
    assert len(rows) == len(stored)
    for row, data in zip(rows, stored, strict=True):
        page_cell, reason_cell, count_cell = row.findall(".//td")
        link = page_cell.find(".//a")
        assert link is not None and link.get("href").split("#")[0].endswith(Path(data["page"]).name + ".html")
        assert plain_typography(text_of(reason_cell, strip=True)) == data["reason"]
        assert text_of(count_cell, strip=True).startswith(f"{data['examples']} example")
