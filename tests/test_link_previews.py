"""What search engines and shared links see: sitemap.xml, and each page's preview meta."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

from tested_examples.site_build import ROOT
from tests.built_pages import parsed, select, select_one, text_of

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


def page_tree(site_build, page):
    return parsed(site_build.html_dir / page.html)


def meta(tree, attribute, value):
    found = [tag for tag in tree.iter("meta") if tag.get(attribute) == value]
    assert len(found) == 1, f"{attribute}={value}: {len(found)} tags"
    return found[0].get("content")


def test_every_page_has_its_title_url_and_summary_as_preview(site_build, manifest):
    base = base_url_with({})
    for page in manifest.pages.values():
        tree = page_tree(site_build, page)
        assert meta(tree, "property", "og:title") == page.title, page.docname
        assert meta(tree, "property", "og:url") == base + page.html, page.docname
        description = meta(tree, "property", "og:description")
        assert description == meta(tree, "name", "description"), page.docname
        assert description and len(description) <= 200, page.docname


def test_a_summary_is_the_pages_first_prose_not_its_contents_box(site_build, manifest):
    landing = page_tree(site_build, manifest.pages["index"])
    description = meta(landing, "property", "og:description")
    assert not description.startswith("On this page"), description
    first_paragraph = " ".join(text_of(select_one(landing, "#introduction p")).split())
    assert first_paragraph.startswith(description.rstrip("\u2026"))


def test_every_page_links_to_its_markdown_twin_and_can_copy_it(site_build, manifest):
    for page in manifest.pages.values():
        tree = page_tree(site_build, page)
        (link,) = select(tree, "a.page-markdown-view")
        (button,) = select(tree, "button.page-markdown-copy")
        html = site_build.html_dir / page.html
        assert html.parent / link.get("href") == html.with_suffix(".md"), page.docname
        assert (html.parent / link.get("href")).is_file(), page.docname
        assert button.get("data-twin") == link.get("href"), page.docname
