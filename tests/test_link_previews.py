"""What search engines and shared links see: sitemap.xml, and each page's preview meta."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

from bs4 import BeautifulSoup

from tested_examples.site_build import ROOT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def base_url_with(env):
    """The base URL conf.py settles on with *env* as the environment."""
    code = "import runpy; print(runpy.run_path('conf.py')['html_baseurl'])"
    clean = {
        k: v for k, v in os.environ.items() if k not in ("READTHEDOCS_CANONICAL_URL", "MOTOR_DOCS_BASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_base_url_is_read_the_docs_canonical_then_configurable_then_local():
    canonical = "https://motor-docs.readthedocs.io/en/latest/"
    assert (
        base_url_with({"READTHEDOCS_CANONICAL_URL": canonical, "MOTOR_DOCS_BASE_URL": "https://x/"})
        == canonical
    )
    assert (
        base_url_with({"MOTOR_DOCS_BASE_URL": "https://docs.example.org/motor"})
        == "https://docs.example.org/motor/"
    )
    assert base_url_with({}) == "http://127.0.0.1:8000/"


def test_the_sitemap_lists_every_page_and_nothing_else(site_build, manifest):
    tree = ElementTree.parse(site_build.html_dir / "sitemap.xml")
    listed = sorted(loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc"))
    base = base_url_with({})
    assert listed == sorted(base + page.html for page in manifest.pages.values())


def page_soup(site_build, page):
    return BeautifulSoup((site_build.html_dir / page.html).read_text(encoding="utf-8"), "html.parser")


def meta(soup, **attrs):
    found = soup.find_all("meta", attrs=attrs)
    assert len(found) == 1, f"{attrs}: {len(found)} tags"
    return found[0]["content"]


def test_every_page_has_its_title_url_and_summary_as_preview(site_build, manifest):
    base = base_url_with({})
    for page in manifest.pages.values():
        soup = page_soup(site_build, page)
        assert meta(soup, property="og:title") == page.title, page.docname
        assert meta(soup, property="og:url") == base + page.html, page.docname
        description = meta(soup, property="og:description")
        assert description == meta(soup, name="description"), page.docname
        assert description and len(description) <= 200, page.docname


def test_a_summary_is_the_pages_first_prose_not_its_contents_box(site_build, manifest):
    landing = page_soup(site_build, manifest.pages["index"])
    description = meta(landing, property="og:description")
    assert not description.startswith("On this page"), description
    first_paragraph = " ".join(landing.select_one("#introduction p").get_text().split())
    assert first_paragraph.startswith(description.rstrip("\u2026"))


def test_every_page_links_to_its_markdown_twin_and_can_copy_it(site_build, manifest):
    for page in manifest.pages.values():
        soup = page_soup(site_build, page)
        (link,) = soup.select("a.page-markdown-view")
        (button,) = soup.select("button.page-markdown-copy")
        html = site_build.html_dir / page.html
        assert html.parent / link["href"] == html.with_suffix(".md"), page.docname
        assert (html.parent / link["href"]).is_file(), page.docname
        assert button["data-twin"] == link["href"], page.docname
