"""The site's search page finds a word and its first result opens a page that uses it.

Which pages use a word is read from the built HTML, so the expectation follows
the content. ``insert_one`` is the word the tutorials teach first;
``ServerApi`` is on the landing page.
"""

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.xdist_group("browser-reader")

SEARCH_TERMS = ("insert_one", "ServerApi")
# Sphinx's own pages, which list words without using them.
NOT_CONTENT = {"search.html", "genindex.html", "404.html"}
RESULT_LINKS = "#search-results ul.search li > a"
SEARCH_FINISHED = """() => /Search finished|did not match/.test(
  document.querySelector('#search-results .search-summary')?.textContent ?? '')"""


def page_of(url, site_url=""):
    """The page a link or URL points to, without its fragment or query."""
    return url.split("#")[0].split("?")[0].removeprefix(site_url)


def article_text(html):
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article[role=main]") or soup.body
    return article.get_text(" ")


def mentions(text, term):
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture(scope="package")
def page_texts(site_build, site_pages):
    html_dir = site_build.html_dir
    return {
        path: article_text((html_dir / path).read_text(encoding="utf-8"))
        for path in site_pages
        if path not in NOT_CONTENT
    }


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds_the_pages_that_use_a_word(page, site_url, page_texts, term):
    using = sorted(path for path, text in page_texts.items() if mentions(text, term))
    assert using, f"no page of the site uses {term!r}, so searching for it cannot find anything"

    page.goto(f"{site_url}search.html?q={term}")
    # Sphinx lists results one by one and says so when it has listed them all.
    page.wait_for_function(SEARCH_FINISHED, timeout=10_000)
    links = page.locator(RESULT_LINKS)
    if not links.count():
        status = page.locator("#search-results").inner_text()
        pytest.fail(f"searching for {term!r} shows no results ({status!r}); pages using it: {using}")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    found = sorted({page_of(href, site_url) for href in hrefs})
    assert found == using, f"searching for {term!r} lists {found}, but the pages using it are {using}"

    first_href = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_load_state("load")
    opened = page_of(page.url, site_url)
    assert opened == page_of(first_href), f"the first result {first_href!r} opened {page.url}"
    assert opened in using, f"the first result for {term!r} opened {opened}, which does not use it"
    assert mentions(page.locator("article[role=main]").text_content(), term)
