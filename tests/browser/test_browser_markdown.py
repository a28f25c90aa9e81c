"""Each page's "View as Markdown" link and "Copy page" button, used as a reader would."""

import pytest

pytestmark = pytest.mark.xdist_group("browser-reader")

PAGES = ("index.html", "source/howto/gridfs.html", "tutorials/motor-tornado.html")


@pytest.mark.parametrize("path", PAGES)
def test_the_markdown_link_opens_the_pages_twin(page, site_url, site_build, path):
    page.goto(site_url + path)
    link = page.get_by_role("link", name="View as Markdown")
    twin = (site_build.html_dir / path).with_suffix(".md")
    with page.expect_response(lambda response: response.url.endswith(twin.name)) as answer:
        link.click()
    assert answer.value.status == 200
    assert answer.value.body() == twin.read_bytes()


def test_the_keyboard_reaches_both_and_enter_copies_the_page(page, site_url, site_build):
    page.goto(site_url + "source/howto/gridfs.html")
    link = page.get_by_role("link", name="View as Markdown")
    button = page.get_by_role("button", name="Copy page")
    link.focus()
    page.keyboard.press("Tab")
    assert button.evaluate("element => element === document.activeElement")
    page.evaluate("navigator.clipboard.writeText('(before)')")
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (site_build.html_dir / "source/howto/gridfs.md").read_text(encoding="utf-8")


def test_a_page_without_a_twin_says_so_instead_of_copying(context, site_url):
    # Not the `page` fixture: the browser logs the refused fetch as a console error, on purpose here.
    page = context.new_page()
    page.route("**/*.md", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + "index.html")
    page.evaluate("navigator.clipboard.writeText('(before)')")
    page.get_by_role("button", name="Copy page").click()
    page.get_by_role("status").filter(has_text="Could not copy").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "(before)"
