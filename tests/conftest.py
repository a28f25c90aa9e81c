"""Fixtures shared by the whole suite."""

import os
import uuid
from pathlib import Path

import pytest

from tools.sitebuild import ROOT, shared_build

# Where the suite builds the site. A separate directory from `make html`'s, so
# that a test run and a writer's own build never trip over each other.
BUILD_DIR = Path(os.environ.get("MOTOR_DOCS_TEST_BUILD", ROOT / "_build" / "test"))


def pytest_configure(config):
    # One id per `pytest` invocation, shared with pytest-xdist workers.
    if not hasattr(config, "workerinput"):
        config.motor_docs_run_id = os.environ.setdefault("MOTOR_DOCS_RUN_ID", uuid.uuid4().hex)


@pytest.fixture(scope="session")
def site_build():
    """The site, built once per test run with warnings as errors."""
    build = shared_build(BUILD_DIR, os.environ["MOTOR_DOCS_RUN_ID"])
    if build.returncode != 0:
        pytest.fail(f"the site does not build:\n{build.warnings}", pytrace=False)
    return build


@pytest.fixture(scope="session")
def manifest(site_build):
    """Every Python example the build collected, page by page."""
    return site_build.manifest()
