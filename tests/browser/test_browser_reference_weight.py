"""The largest API reference page stays within its weight budget on a first visit.

The collection's page has the most members. Loaded in Chromium with nothing
cached, the page and every asset it loads must come to at most 60 KiB, as a
host that gzips text sends them (the measure ``make bench`` reports, from
``tools/bench_site.py``).
"""

import pytest

from tools.bench_site import load_once

pytestmark = pytest.mark.xdist_group("browser-reader")

LARGEST_PAGE = "source/reference/collection.html"
BUDGET_KIB = 60


def test_the_collection_reference_is_within_60_kib_gzipped_with_every_asset(browser, site_url, site_build):
    pages = sorted(
        (site_build.html_dir / "source" / "reference").glob("*.html"), key=lambda p: p.stat().st_size
    )
    assert pages[-1].name == LARGEST_PAGE.rsplit("/", 1)[1], (
        f"{pages[-1].name} is now the largest: measure it"
    )
    load = load_once(browser, site_url + LARGEST_PAGE)
    kib = load.gzip_bytes / 1024
    largest = ", ".join(f"{name} {size / 1024:.1f}" for size, name in sorted(load.files, reverse=True)[:4])
    assert kib <= BUDGET_KIB, (
        f"{LARGEST_PAGE}: {kib:.1f} KiB gzipped over {load.requests} requests ({largest})"
    )
