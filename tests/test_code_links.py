"""Links in the examples change neither what the copy button copies nor what the runner runs.

sphinx-codeautolink wraps names in the highlighted HTML in links. The runner
runs the text each block had when the page was read (the manifest); the copy
button copies the text of the block's ``<pre>``. On every page, each
example's code must still be exactly the text of one ``<pre>``, and the
examples must carry links at all (or this checks nothing).
"""

from bs4 import BeautifulSoup

LINK_CLASS = "sphinx-codeautolink-a"


def page_blocks(html_dir, docname):
    soup = BeautifulSoup((html_dir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    pres = soup.select("div.highlight pre")
    return {pre.get_text() for pre in pres}, sum(len(pre.select(f"a.{LINK_CLASS}")) for pre in pres)


def test_every_example_is_shown_as_the_runner_runs_it_links_and_all(manifest, site_build):
    missing, links = [], 0
    for page in manifest.pages_with_examples():
        texts, page_links = page_blocks(site_build.html_dir, page.docname)
        links += page_links
        stripped = {text.rstrip("\n") for text in texts}
        for example in page.examples:
            if example.code.rstrip("\n") not in stripped:
                missing.append(f"{page.docname}: example {example.index} is not the text of any block")
    assert links > 100, f"only {links} links in the examples: is sphinx-codeautolink on?"
    assert missing == []


def test_the_stylesheet_of_the_links_is_the_sites_own(site_build):
    index = (site_build.html_dir / "index.html").read_text(encoding="utf-8")
    assert "sphinx-codeautolink.css" not in index
    assert f".{LINK_CLASS}" in (site_build.html_dir / "_static" / "site.css").read_text(encoding="utf-8")
