"""Every Motor page opens with the one deprecation notice, and its dates are Motor's.

The notice comes from ``includes/motor-deprecation-notice.rst``, included right
under the title of the landing page and of every page under ``tutorials/`` and
``source/``. The migration guide is the one page under ``source/`` without it:
the notice's only job is to send the reader to that guide, which opens with
the same dates in a table of its own, checked here too.
"""

import re
from datetime import date
from urllib.parse import urljoin

import pytest

from tests.built_pages import parsed, select, select_one, text_of

GUIDE = "source/migrate-to-pymongo-async"
NOTICE_SELECTOR = "div.admonition.motor-eol"

# Motor's status, from the project's reference facts.
DEPRECATED = date(2025, 5, 14)
BUG_FIXES_END = date(2026, 5, 14)  # Motor's end of life
CRITICAL_FIXES_END = date(2027, 5, 14)

# In the notice, each of these words is followed by its date before any other date.
NOTICE_DATES = {
    "deprecated": DEPRECATED,
    "bug fixes": BUG_FIXES_END,
    "critical fixes": CRITICAL_FIXES_END,
}

MONTHS = "January February March April May June July August September October November December".split()
WRITTEN_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def written_dates(text):
    """Every date written like "14 May 2025" in *text*, with where it starts."""
    return [
        (match.start(), date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1])))
        for match in WRITTEN_DATE.finditer(text)
    ]


def plain_text(element):
    return " ".join(text_of(element, " ").split())


def motor_pages(manifest):
    """The landing page and every page under tutorials/ and source/ but the guide."""
    return sorted(
        docname
        for docname in manifest.pages
        if docname == "index" or (docname.startswith(("tutorials/", "source/")) and docname != GUIDE)
    )


def page_tree(site_build, manifest, docname):
    html = manifest.pages[docname].html
    return parsed(site_build.html_dir / html), html


def top_section(tree):
    """The section that holds the page title and everything under it."""
    return tree.find(".//article").find(".//section")


def test_there_are_motor_pages_to_check(manifest):
    pages = motor_pages(manifest)
    assert "index" in pages
    assert any(page.startswith("tutorials/") for page in pages)
    assert any(page.startswith("source/") for page in pages)


@pytest.fixture(scope="module")
def notices(site_build, manifest):
    """For each Motor page: its parsed HTML, its path, and its notices."""
    found = {}
    for docname in motor_pages(manifest):
        tree, html = page_tree(site_build, manifest, docname)
        found[docname] = (tree, html, select(tree, NOTICE_SELECTOR))
    return found


def test_every_motor_page_shows_the_notice_once(notices):
    counts = {docname: len(found) for docname, (_, _, found) in notices.items()}
    wrong = {docname: count for docname, count in counts.items() if count != 1}
    assert not wrong, (
        f"pages without exactly one deprecation notice (docname: notices found): {wrong}; "
        "put `.. include:: /includes/motor-deprecation-notice.rst` right under the title"
    )


def test_the_notice_comes_right_under_the_title(notices):
    misplaced = []
    for docname, (tree, _, found) in notices.items():
        if len(found) != 1:
            continue  # reported by the test above
        section = top_section(tree)
        # Elements only (a comment is no block), and not the label anchors.
        blocks = [child for child in section if isinstance(child.tag, str) and child.tag != "span"]
        # The title first, then the notice: before any text, contents list or section.
        if len(blocks) < 2 or blocks[0].tag != "h1" or blocks[1] is not found[0]:
            first = blocks[1].tag if len(blocks) > 1 else "nothing"
            misplaced.append(f"{docname} (after the title comes {first})")
    assert not misplaced, f"the deprecation notice is not the first thing under the title on: {misplaced}"


def test_the_notice_says_motor_is_past_end_of_life(notices):
    for docname, (_, _, found) in notices.items():
        for notice in found:
            title = plain_text(select_one(notice, ".admonition-title"))
            assert "end of life" in title, f"{docname}: the notice's title is {title!r}"


def test_the_notice_links_to_the_migration_guide(notices, manifest):
    guide_html = manifest.pages[GUIDE].html
    for docname, (_, html, found) in notices.items():
        for notice in found:
            targets = {
                urljoin(html, link.get("href")).split("#")[0] for link in notice.iterfind(".//a[@href]")
            }
            assert guide_html in targets, f"{docname}: the notice links to {sorted(targets)}, not the guide"


def test_the_notice_dates_are_motors(notices):
    texts = {plain_text(notice) for _, _, found in notices.values() for notice in found}
    assert len(texts) == 1, "the notice differs from page to page; it must come from the one fragment"
    text = texts.pop()
    dates = written_dates(text)
    assert {when for _, when in dates} == set(NOTICE_DATES.values()), f"dates in the notice: {dates}"
    lowered = text.lower()
    for words, expected in NOTICE_DATES.items():
        at = lowered.find(words)
        assert at >= 0, f"the notice does not mention {words!r}"
        following = [when for start, when in dates if start > at]
        assert following and following[0] == expected, (
            f"in the notice, {words!r} is followed by {following[:1]}, not {expected:%d %B %Y}"
        )


def test_the_guide_has_no_notice_but_the_same_timeline(site_build, manifest):
    tree, _ = page_tree(site_build, manifest, GUIDE)
    assert not select(tree, NOTICE_SELECTOR), "the guide should not send readers to itself"
    table = next(select_one(tree, "#migration-timeline").iterancestors("section")).find(".//table")
    rows = {}
    for row in select(table, "tbody tr"):
        cells = [plain_text(cell) for cell in row.iterfind(".//td")]
        (when,) = [day for _, day in written_dates(cells[0])]
        rows[when] = cells[1].lower()
    assert set(rows) == {DEPRECATED, BUG_FIXES_END, CRITICAL_FIXES_END}
    assert "deprecated" in rows[DEPRECATED]
    assert "end of life" in rows[BUG_FIXES_END] and "bug fixes" in rows[BUG_FIXES_END]
    assert "critical fixes" in rows[CRITICAL_FIXES_END]


def test_written_dates_reads_the_notices_format():
    # The date parser is what the checks above rely on; it must not miss a date.
    assert written_dates("on 4 July 2026, then 14 May 2027.") == [
        (3, date(2026, 7, 4)),
        (21, date(2027, 5, 14)),
    ]
