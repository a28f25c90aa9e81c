"""The compression guide's "missing package" examples, run with the packages missing.

The site's environment installs backports-zstd and python-snappy, so that
the guide's startup check passes. The warnings PyMongo gives without them
can only show where they cannot be imported: these tests make both modules
impossible to import (an entry of None in ``sys.modules`` makes ``import``
raise ImportError, as for a module that is not installed), run the page's
examples exactly as the page shows them, and check what they print.
"""

import sys

import pytest
from pymongo import compression_support

from tested_examples.runner.runner import run_alone
from tests.exemption_checks import examples_sent_to

PAGE = "source/howto/compression"
THIS_TEST = "tests/test_howto_compression.py"
# The examples never connect: creating the client is what warns.
URI = "mongodb://localhost:27017"
MISSING_ZSTD = "Wire protocol compression with zstandard is not available"


@pytest.fixture
def without_compression_packages(monkeypatch):
    """backports.zstd and snappy cannot be imported while the test runs."""
    monkeypatch.setitem(sys.modules, "snappy", None)
    monkeypatch.setitem(sys.modules, "backports.zstd", None)
    # `from backports import zstd` finds an attribute of the package first.
    if "backports" in sys.modules:
        monkeypatch.delattr(sys.modules["backports"], "zstd", raising=False)


def test_the_packages_are_installed():
    # Without them, the guide's startup check would fail on the live tier.
    assert compression_support._have_zstd()
    assert compression_support._have_snappy()


def test_blocking_makes_pymongo_see_them_missing(without_compression_packages):
    assert not compression_support._have_zstd()
    assert not compression_support._have_snappy()
    assert compression_support._have_zlib()


def test_missing_package_examples_print_what_the_page_shows(
    without_compression_packages, manifest, site_build
):
    problems = []
    for example in examples_sent_to(manifest, PAGE, THIS_TEST):
        if problem := run_alone(example, URI, site_build.srcdir):
            problems.append(f"[{example.flavor}] {problem}")
    assert not problems, "\n\n".join(problems)


def test_the_startup_check_stops_a_client_without_its_package(
    without_compression_packages, manifest, site_build
):
    # The guide says its startup check turns the warning into an error.
    checks = [e for e in manifest.pages[PAGE].examples if 'filterwarnings("error"' in e.code]
    assert {e.flavor for e in checks} == set(manifest.pages[PAGE].flavors())
    for example in checks:
        problem = run_alone(example, URI, site_build.srcdir)
        assert problem and f"raised UserWarning: {MISSING_ZSTD}" in problem, problem
