"""Every page of the built site, opened in Chromium in the light and the dark theme.

One visit per page and theme (tour.py) records the requests the page makes,
what it writes to the console, and axe-core's accessibility findings; the
tests below each judge one of those.
"""

import urllib.error
import urllib.request
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from tests.browser.browsing import DEFAULT_ICON_PATH, stays_on_loopback

# The tour of every page (tour.py) is taken in a fixture, which pytest-timeout
# counts in the first test that uses it; on a loaded machine that takes longer
# than most tests.
# Each theme's tour is its own xdist group (see conftest.py), so the two run side by side.
pytestmark = pytest.mark.timeout(300)

# axe impacts that fail the check; "minor" and "moderate" are reported by axe
# but do not block a page.
BLOCKING_IMPACTS = ("serious", "critical")


def test_every_page_was_visited(tour, site_pages):
    assert sorted(tour.axe_violations) == site_pages
    assert sorted(tour.colours_json) == site_pages
    assert len(site_pages) > len(("index.html", "genindex.html", "search.html", "404.html")), site_pages


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:41234/_static/site.css", True),
        ("data:image/svg+xml;base64,PHN2Zy8+", True),
        ("http://localhost:41234/index.html", False),
        ("https://fonts.googleapis.com/css2?family=Lato", False),
        ("https://127.0.0.1.example.com/x.js", False),
        ("ws://127.0.0.1:41234/", False),
    ],
)
def test_what_counts_as_staying_on_loopback(url, allowed):
    assert stays_on_loopback(url) is allowed


def test_no_request_leaves_loopback(tour):
    assert tour.events.requests, "no requests were recorded; the check would prove nothing"
    leaving = tour.events.requests_off_loopback()
    assert not leaving, "requests to hosts other than 127.0.0.1:\n" + "\n".join(
        f"  {page}: {url}" for page, url in leaving
    )


def test_no_console_errors(tour):
    report = tour.events.error_report()
    assert not tour.events.errors, f"browser console errors ({tour.theme} theme):\n{report}"


NODES_SHOWN = 3  # per rule and group of pages; the rest are counted


def icon_url(page_url, html):
    """The icon a browser fetches for a page: the one it declares, or /favicon.ico."""
    # Only the <link> elements are built: a third of the time of the whole page.
    links = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("link"))
    link = links.select_one("link[rel~=icon][href]")
    return urljoin(page_url, link["href"] if link else DEFAULT_ICON_PATH)


# Straight to the loopback server, whatever proxy the environment names.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch_status(url):
    try:
        with DIRECT.open(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_has_an_icon(site_build, site_url, site_pages):
    """Without one, every reader's browser logs a failed request for /favicon.ico."""
    icons = {
        path: icon_url(site_url + path, (site_build.html_dir / path).read_text(encoding="utf-8"))
        for path in site_pages
    }
    status = {url: fetch_status(url) for url in set(icons.values())}
    failing = [f"  {path}: {url} answers {status[url]}" for path, url in icons.items() if status[url] != 200]
    assert not failing, (
        "the icon the browser asks for is missing (set html_favicon in conf.py):\n" + "\n".join(failing)
    )


def describe(violation, pages):
    """One rule's violations, pages with the same offending nodes listed together."""
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}", f"  {violation['helpUrl']}"]
    groups = {}  # the targets of the nodes -> (pages, nodes)
    for path, nodes in pages:
        targets = tuple(", ".join(map(str, node["target"])) for node in nodes)
        groups.setdefault(targets, ([], nodes))[0].append(path)
    for targets, (paths, nodes) in groups.items():
        lines.append(f"  on {', '.join(paths)}:")
        for target, node in list(zip(targets, nodes, strict=True))[:NODES_SHOWN]:
            lines.append(f"    at {target}: {node['html'][:160]}")
            lines.extend(f"       {line}" for line in node.get("failureSummary", "").splitlines())
        if len(nodes) > NODES_SHOWN:
            lines.append(f"    ... and {len(nodes) - NODES_SHOWN} more")
    return "\n".join(lines)


def test_axe_finds_no_serious_violations(tour):
    by_rule = {}  # rule id -> (a violation, [(page, nodes)])
    for path, violations in tour.axe_violations.items():
        for violation in violations:
            if violation["impact"] in BLOCKING_IMPACTS:
                by_rule.setdefault(violation["id"], (violation, []))[1].append((path, violation["nodes"]))
    report = "\n".join(describe(violation, pages) for violation, pages in by_rule.values())
    assert not by_rule, f"axe-core, {tour.theme} theme, serious or critical violations:\n{report}"
