"""Every Python example of the site, run on the mock tier and the live tier.

One test per page, flavour and tier; see docs/tested-examples.rst.
"""

import json

import pytest

from example_runner.live_server import live_server
from example_runner.manifest import manifest_from_data
from example_runner.page_runs import page_runs
from example_runner.pytest_plugin import RESULTS_PROPERTY, SERVER_PROPERTY, selected_pages, selected_tiers
from example_runner.runner import FAILED, run_page
from example_runner.tiers import LiveTier, MockTier
from tests.conftest import site_build_once


def pytest_generate_tests(metafunc):
    if "page_run" not in metafunc.fixturenames:
        return
    # Parametrising needs the examples, so the site is built at collection.
    build = site_build_once()
    if build.returncode != 0:
        metafunc.parametrize("tier_name, page_run", [pytest.param(None, None, id="site-does-not-build")])
        return
    manifest = manifest_from_data(build.manifest())
    pages = selected_pages(metafunc.config)
    unknown = pages - set(manifest.pages)
    if unknown:
        raise pytest.UsageError(f"--page names no page of the site: {sorted(unknown)}")
    params = []
    for tier in selected_tiers(metafunc.config):
        for page in manifest.pages_with_examples():
            if pages and page.docname not in pages:
                continue
            for run in page_runs(page):
                params.append(
                    pytest.param(
                        tier, run, id=f"{tier}:{run.name}", marks=pytest.mark.xdist_group(f"examples-{tier}")
                    )
                )
    metafunc.parametrize("tier_name, page_run", params)


@pytest.fixture(scope="session")
def mock_tier():
    return MockTier()


@pytest.fixture(scope="session")
def live_tier():
    with live_server() as server:
        tier = LiveTier(server.uri)
        tier.description = server.description
        yield tier
        try:
            tier.assert_nothing_left()
        finally:
            tier.close()


def test_page_examples(tier_name, page_run, request, record_property, site_build):
    tier = request.getfixturevalue(f"{tier_name}_tier")
    results = run_page(page_run, tier, site_build.srcdir)
    record_property(RESULTS_PROPERTY, json.dumps([r.as_dict() for r in results]))
    if tier_name == "live":
        record_property(SERVER_PROPERTY, json.dumps([tier_name, tier.description]))
    failures = [r.message for r in results if r.status == FAILED]
    assert not failures, "\n\n".join(failures)
