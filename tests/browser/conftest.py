"""Fixtures for checking the built site in a real browser.

One Chromium (Debian's, driven by Playwright) serves the whole session; each
test gets its own browser context, so tab choices and storage never leak from
one test into the next. The site is served on 127.0.0.1 at a port the OS picks,
and an unknown URL gets the site's 404 page, as on the real host.

Every test here belongs to an xdist group: ``browser-tour-light`` and
``browser-tour-dark`` (every page, in one theme) and ``browser-reader`` (what
a reader does on a page), so that pytest-xdist runs each group on one worker
with one browser, and the groups side by side. The tour of every page is
taken once per theme and judged by all the tests of its group.
"""

import os
from pathlib import Path

import pytest

from tests.browser.browsing import PageEvents, new_context
from tests.browser.site_server import CHROMIUM, launch_chromium, serve_html
from tests.browser.tour import THEMES, take_tour


@pytest.fixture(scope="session")
def site_url(site_build):
    """Base URL of the built site, served from loopback for the whole session."""
    with serve_html(site_build.html_dir) as url:
        yield url


@pytest.fixture(scope="session")
def site_pages(site_build):
    """Every HTML page of the built site, genindex, search and 404 included."""
    html_dir = site_build.html_dir
    pages = sorted(path.relative_to(html_dir).as_posix() for path in html_dir.rglob("*.html"))
    assert "index.html" in pages, f"no index.html in {html_dir}"
    return pages


# Package scope, not session: Playwright's synchronous API keeps an event loop
# running in this thread while it is open, and every asyncio.run() after it
# would fail. The browser closes as soon as the last browser test has run.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium), so the browser checks cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; on CI they must", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, site_url):
    fresh = new_context(browser, site_url)
    yield fresh
    fresh.close()


@pytest.fixture
def page_events():
    return PageEvents()


@pytest.fixture
def page(context, page_events):
    """A page in a fresh context; console errors while the test ran fail it."""
    tab = context.new_page()
    page_events.watch(tab)
    yield tab
    assert not page_events.errors, "errors in the browser console:\n" + page_events.error_report()


@pytest.fixture(scope="package")
def tours(browser, site_url, site_pages):
    """One tour per theme, taken when a test first needs it, whatever the test order."""
    taken = {}

    def tour_in(theme):
        if theme not in taken:
            taken[theme] = take_tour(browser, site_url, site_pages, theme)
        return taken[theme]

    return tour_in


# One xdist group per theme: each theme's tour is taken once, on one worker,
# and the two themes' tours run on separate workers side by side.
@pytest.fixture(
    params=[pytest.param(theme, marks=pytest.mark.xdist_group(f"browser-tour-{theme}")) for theme in THEMES]
)
def tour(request, tours):
    """The tour of every page in one theme. pytest-timeout counts it in the first test that uses it."""
    return tours(request.param)
