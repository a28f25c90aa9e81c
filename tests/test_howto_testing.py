"""The "Test your Motor code" guide: its test suite runs, and its table is true.

* The guide's ``inventory.py``, ``conftest.py`` and ``test_inventory.py`` are
  written to a directory, as a reader would save them, with the
  ``pyproject.toml`` the page includes, and pytest runs them in a subprocess
  against a live server, once per flavour. The runner only imports such
  files; here their tests have to pass, and have to catch a planted bug.
* The page's table of mock differences, derived while the site builds,
  must list exactly the examples that the runner skips on the mock and runs
  live.
"""

import ast
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
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
    """Save *files* and the page's pyproject.toml in *directory*; run pytest there."""
    for name, code in files.items():
        (directory / name).write_text(code + "\n", encoding="utf-8")
    (directory / "pyproject.toml").write_text(PYPROJECT.read_text(encoding="utf-8"), encoding="utf-8")
    # The reader's pytest, not ours: none of this suite's options or workers.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "MOTOR_DOCS"))}
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


def test_the_page_claims_about_the_mock_hold():
    # The page says to_list ignores its length and server_info reports 5.0.5.
    import asyncio

    from mongomock_motor import AsyncMongoMockClient

    async def check():
        client = AsyncMongoMockClient()
        await client.claims.items.insert_many([{"n": n} for n in range(10)])
        assert len(await client.claims.items.find().to_list(length=2)) == 10
        assert (await client.server_info())["version"] == "5.0.5"
        client.close()

    asyncio.run(check())


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
