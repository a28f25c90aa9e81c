"""An unknown URL gets the site's 404 page, styled, with links that work.

The test server answers every missing path with 404.html, as Read the Docs
does, so the page must find its stylesheets and links from any depth.
"""

import pytest

pytestmark = pytest.mark.xdist_group("browser-reader")

MISSING = "no/such/section/page.html"

# Each stylesheet the page links to: did it load, and with rules in it?
STYLESHEETS = """() => [...document.querySelectorAll('link[rel=stylesheet]')].map(link => ({
  href: link.href,
  rules: link.sheet ? link.sheet.cssRules.length : 0,
}))"""

FURO_FOREGROUND = "getComputedStyle(document.body).getPropertyValue('--color-foreground-primary')"


def test_an_unknown_url_gets_the_styled_404_page(context, site_url, page_events):
    page = context.new_page()
    page_events.watch(page)
    failed = []

    def note_failure(response):
        if response.status >= 400:
            failed.append(response.url)

    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", note_failure)

    response = page.goto(site_url + MISSING)
    assert response.status == 404
    sheets = page.evaluate(STYLESHEETS)
    assert sheets, "the 404 page links no stylesheet"
    assert all(sheet["rules"] for sheet in sheets), f"stylesheets that did not load: {sheets}"
    # Furo's stylesheet defines its colours on the body; unstyled, this is empty.
    assert page.evaluate(FURO_FOREGROUND).strip(), "Furo's stylesheet is not applied"
    assert page.locator("article[role=main] h1").first.is_visible()
    assert failed == [site_url + MISSING], f"requests that failed besides the page itself: {failed}"
    page_errors = [(where, msg) for where, msg in page_events.errors if MISSING not in msg]
    assert not page_errors, f"console errors on the 404 page: {page_errors}"

    page.locator("a.sidebar-brand").first.click()
    page.wait_for_load_state("load")
    assert page.url in (site_url, site_url + "index.html"), f"the link home leads to {page.url}"
