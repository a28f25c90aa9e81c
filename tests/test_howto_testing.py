"""The testing guide: its test suite runs, its advice holds, and its table is true.

* The guide's ``inventory.py``, ``conftest.py`` and ``test_inventory.py`` are
  written to a directory, as a reader would save them, with the
  ``pyproject.toml`` the page includes, and pytest runs them in a subprocess
  against a live server, once per flavour. The runner only imports such
  files; here their tests have to pass, and have to catch a planted bug.
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
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tested_examples.runner.page_runs import page_runs
from tested_examples.schema import Example, Manifest, Page
from tested_examples.site_build import ROOT
from tested_examples.sphinx_ext import mock_differences

PAGE = "source/howto/testing"
FLAVORS = ("asyncio", "Tornado", "PyMongo Async")
PYPROJECT = ROOT / "includes" / "howto" / "testing" / "pyproject.toml"
READER_FILES = ("inventory", "conftest", "test_inventory")


# -- The reader's test suite -------------------------------------------------


def reader_files(manifest, flavor):
    """{file name: code} for the files the page has the reader save, in this flavour."""
    [run] = [run for run in page_runs(manifest.pages[PAGE]) if run.flavor == flavor]
    files = {f"{e.module}.py": e.code for e in run.examples if e.module}
    assert sorted(files) == sorted(f"{name}.py" for name in READER_FILES), sorted(files)
    return files


def run_reader_suite(directory, files, uri):
    """Save *files* and the page's pyproject.toml in *directory*; run pytest there.

    *uri* goes into ``MONGODB_URI``; with None, the variable is not set at all.
    """
    for name, code in files.items():
        (directory / name).write_text(code + "\n", encoding="utf-8")
    (directory / "pyproject.toml").write_text(PYPROJECT.read_text(encoding="utf-8"), encoding="utf-8")
    # The reader's pytest, not ours: none of this suite's options or workers.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "MOTOR_DOCS", "MONGODB_URI"))}
    if uri is not None:
        env["MONGODB_URI"] = uri
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-W",
            "error::DeprecationWarning",
            "--junitxml",
            "results.xml",
            "-rA",
        ],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    results = directory / "results.xml"
    assert results.exists(), f"pytest wrote no results:\n{proc.stdout}\n{proc.stderr}"
    suite = ElementTree.parse(results).getroot().find("testsuite")
    counts = {key: int(suite.get(key)) for key in ("tests", "failures", "errors", "skipped")}
    return proc, counts


def outcomes_of(directory):
    """{test name: "passed", "failed", "error" or "skipped"} from the last run in *directory*."""
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


@pytest.mark.parametrize("flavor", FLAVORS)
def test_reader_suite_passes_against_mock_and_server(flavor, manifest, server_uri, tmp_path):
    assert flavor in manifest.pages[PAGE].flavors()
    files = reader_files(manifest, flavor)
    proc, counts = run_reader_suite(tmp_path, files, server_uri)
    expected = len(reader_test_names(files["test_inventory.py"]))
    assert expected >= 2
    # Every test ran and passed: none failed, and none was skipped for want of a server.
    assert counts == {"tests": expected, "failures": 0, "errors": 0, "skipped": 0}, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "correct, planted",
    [('"$lt"', '"$lte"'), ('"$inc"', '"$set"')],
    ids=["low-stock-counts-the-threshold", "restock-overwrites"],
)
def test_reader_suite_catches_a_planted_bug(correct, planted, manifest, server_uri, tmp_path):
    files = reader_files(manifest, "asyncio")
    assert correct in files["inventory.py"]
    files["inventory.py"] = files["inventory.py"].replace(correct, planted)
    proc, counts = run_reader_suite(tmp_path, files, server_uri)
    assert counts["failures"] >= 1, proc.stdout


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

AWAITED_AGGREGATE = "cursor = await db.items.aggregate("
MOTOR_AGGREGATE = "cursor = db.items.aggregate("
AGGREGATE_TEST = "test_units_in_stock_adds_up_every_item"


def test_the_flavours_differ_in_the_aggregate_call(manifest):
    pymongo_async = reader_files(manifest, "PyMongo Async")["inventory.py"]
    motor = reader_files(manifest, "asyncio")["inventory.py"]
    assert AWAITED_AGGREGATE in pymongo_async and AWAITED_AGGREGATE not in motor
    assert MOTOR_AGGREGATE in motor


def test_mongomock_motor_fails_correct_pymongo_async_code(manifest, server_uri, tmp_path):
    """PyMongo Async's inventory.py, unit-tested on the Motor tab's mongomock-motor fixture."""
    files = reader_files(manifest, "PyMongo Async")
    files["conftest.py"] = reader_files(manifest, "asyncio")["conftest.py"]
    run_reader_suite(tmp_path, files, server_uri)
    outcomes = outcomes_of(tmp_path)
    assert outcomes.pop(AGGREGATE_TEST) == "failed"
    assert set(outcomes.values()) == {"passed"}, outcomes


def test_mongomock_motor_passes_the_motor_habit_that_the_server_catches(manifest, server_uri, tmp_path):
    """PyMongo Async's inventory.py with Motor's un-awaited aggregate(): green on the mock, red live."""
    files = reader_files(manifest, "PyMongo Async")
    files["inventory.py"] = files["inventory.py"].replace(AWAITED_AGGREGATE, MOTOR_AGGREGATE)
    conftests = {
        "mock": reader_files(manifest, "asyncio")["conftest.py"],
        "server": files["conftest.py"],
    }
    outcomes = {}
    for where, conftest in conftests.items():
        (tmp_path / where).mkdir()
        run_reader_suite(tmp_path / where, {**files, "conftest.py": conftest}, server_uri)
        outcomes[where] = outcomes_of(tmp_path / where)
    assert set(outcomes["mock"].values()) == {"passed"}, outcomes["mock"]
    assert outcomes["server"].pop(AGGREGATE_TEST) == "failed"
    assert set(outcomes["server"].values()) == {"passed"}, outcomes["server"]


def test_without_a_server_the_pymongo_async_suite_skips_every_test_and_says_why(manifest, tmp_path):
    files = reader_files(manifest, "PyMongo Async")
    proc, counts = run_reader_suite(tmp_path, files, None)
    assert counts["tests"] == counts["skipped"] == len(reader_test_names(files["test_inventory.py"]))
    assert "set MONGODB_URI to run the tests that need a server" in proc.stdout


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
    html = (site_build.html_dir / f"{PAGE}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    captions = Counter(caption.get_text() for caption in soup.select(".code-block-caption .caption-text"))
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
    html = (site_build.html_dir / f"{PAGE}.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").find("table", class_=mock_differences.TABLE_CLASS)
    assert table is not None, "the testing guide shows no mock-differences table"
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(stored)
    for row, data in zip(rows, stored, strict=True):
        page_cell, reason_cell, count_cell = row.find_all("td")
        link = page_cell.find("a")
        assert link is not None and link["href"].split("#")[0].endswith(Path(data["page"]).name + ".html")
        assert plain_typography(reason_cell.get_text(strip=True)) == data["reason"]
        assert count_cell.get_text(strip=True).startswith(f"{data['examples']} example")
