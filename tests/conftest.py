"""Fixtures for the whole suite.

``site_build``, ``manifest`` and ``server_uri`` come from the examples plugin
(``tested_examples.pytest_plugin``), beside the collection of the pages'
examples, so that one build and one server per worker serve both.
``fault_site`` is the build and runner tests' own copy of the site, made once
per run for all of them.
"""

import pytest

from tests import fault_site as cases


@pytest.fixture(scope="session")
def fault_site():
    """The copy of the site whose pages are the build's and the runner's test cases (tests/fault_site/)."""
    return cases.built()
