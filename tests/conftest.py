"""Fixtures shared by the whole suite."""

import os
import uuid

import pytest

from example_runner.manifest import manifest_from_data
from tools.sitebuild import shared_build, test_build_dir

pytest_plugins = ["example_runner.pytest_plugin"]


def pytest_configure(config):
    # One id per `pytest` invocation, inherited by pytest-xdist's workers, so
    # that they all share one build of the site.
    if not hasattr(config, "workerinput"):
        os.environ["MOTOR_DOCS_RUN_ID"] = uuid.uuid4().hex


def site_build_once():
    return shared_build(test_build_dir(), os.environ["MOTOR_DOCS_RUN_ID"])


@pytest.fixture(scope="session")
def site_build():
    """The site, built once per test run with warnings as errors."""
    build = site_build_once()
    if build.returncode != 0:
        pytest.fail(f"the site does not build:\n{build.warnings}", pytrace=False)
    return build


@pytest.fixture(scope="session")
def manifest(site_build):
    """Every Python example the build collected, page by page (raw JSON data)."""
    return site_build.manifest()


@pytest.fixture(scope="session")
def examples(manifest):
    """The same, as example_runner objects."""
    return manifest_from_data(manifest)


@pytest.fixture(scope="session")
def server_uri():
    """A plain live server for tests that check claims the pages make.

    One per worker process, shared by those tests (each uses databases of
    its own), because starting and stopping a server costs about two
    seconds. The example runner's live tier keeps a server of its own, so
    its check that no database is left behind sees only its own work.
    """
    from example_runner.live_server import live_server

    with live_server() as server:
        yield server.uri
