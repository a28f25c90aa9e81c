"""Links in the examples: on the names they say, to entries that exist, and nothing else changed.

``_ext/code_links`` puts links around names in the highlighted HTML. The
runner runs the text each block had when the page was read (the manifest);
the copy button copies the text of the block's ``<pre>``. On every page,
each example's code must still be exactly the text of one ``<pre>``, and the
examples must carry links at all (or this checks nothing).

Every link goes somewhere that exists: an anchor on the built page it names,
PyMongo's page by the reference's URL rule, or a URL of the Python inventory
the build uses. The asyncio tutorial's collection methods link to their
reference entries, its PyMongo Async tab's to PyMongo's, and what the
analysis cannot place links nowhere.
"""

import html
import posixpath
import re
from urllib.parse import urldefrag

import pytest
from sphinx.highlighting import PygmentsBridge
from sphinx.util.inventory import InventoryFile

import conf
from _ext.api_reference.pymongo_links import PYMONGO_DOCS, pymongo_url
from _ext.code_links import LINK_CLASS
from _ext.code_links.code_names import PageNames
from _ext.code_links.markup import add_links
from tested_examples.site_build import ROOT
from tested_examples.sphinx_ext.tabs import group_tab_label
from tests.built_pages import parsed, select, text_of

TUTORIAL = "tutorials/motor-asyncio"
PYMONGO_TAB = "PyMongo Async"


def tree_of(html_dir, docname):
    return parsed(html_dir / f"{docname}.html")


def in_tab(element, label):
    panels = (div for div in element.iterancestors("div") if div.get("role") == "tabpanel")
    return any(group_tab_label(panel) == label for panel in panels)


def links_named(tree, name, pymongo_tab):
    """The hrefs of the links on *name* in the PyMongo Async tabs, or everywhere else."""
    return {
        a.get("href")
        for a in select(tree, f"div.highlight pre a.{LINK_CLASS}")
        if text_of(a) == name and in_tab(a, PYMONGO_TAB) == pymongo_tab
    }


# -- what the page shows, copies and runs --------------------------------------------


def page_blocks(html_dir, docname):
    pres = select(tree_of(html_dir, docname), "div.highlight pre")
    return {text_of(pre) for pre in pres}, sum(len(select(pre, f"a.{LINK_CLASS}")) for pre in pres)


def test_every_example_is_shown_as_the_runner_runs_it_links_and_all(manifest, site_build):
    missing, links = [], 0
    for page in manifest.pages_with_examples():
        texts, page_links = page_blocks(site_build.html_dir, page.docname)
        links += page_links
        stripped = {text.rstrip("\n") for text in texts}
        for example in page.examples:
            if example.code.rstrip("\n") not in stripped:
                missing.append(f"{page.docname}: example {example.index} is not the text of any block")
    assert links > 1000, f"only {links} links in the examples: is _ext.code_links on?"
    assert missing == []


def test_the_links_are_styled_by_the_sites_stylesheet(site_build):
    stylesheet = (site_build.html_dir / "_static" / "site.css").read_text(encoding="utf-8")
    assert f".{LINK_CLASS}:hover" in stylesheet


# -- where the links go ----------------------------------------------------------------


def python_urls():
    base, location = conf.intersphinx_mapping["python"]
    inventory = InventoryFile.loads((ROOT / location).read_bytes(), uri=base)
    return {item.uri for names in inventory.data.values() for item in names.values()}


def test_every_link_goes_to_an_entry_that_exists(site_build):
    html_dir, known_python, anchors = site_build.html_dir, python_urls(), {}
    checked, wrong = 0, []
    for path in sorted(html_dir.rglob("*.html")):
        page = path.relative_to(html_dir).as_posix()
        for a in select(parsed(path), f"pre a.{LINK_CLASS}"):
            checked += 1
            href = a.get("href")
            url, fragment = urldefrag(href)
            if href.startswith(PYMONGO_DOCS):
                ok = href == pymongo_url(fragment)
            elif "://" in href:
                ok = href in known_python
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
                if target not in anchors:
                    found = html_dir / target
                    written = found.read_text(encoding="utf-8") if found.is_file() else ""
                    anchors[target] = set(re.findall(r'\bid="([^"]+)"', written))
                ok = fragment in anchors[target]
            if not ok:
                wrong.append(f"{page}: {text_of(a)} -> {href}")
    assert checked > 1000
    assert wrong == []


MOTOR_ENTRY = "../source/reference/collection.html#motor.motor_asyncio.AsyncIOMotorCollection.{}"


@pytest.mark.parametrize("method", ["insert_one", "find", "aggregate"])
def test_the_asyncio_tutorials_collection_methods_link_to_their_reference_entries(site_build, method):
    tree = tree_of(site_build.html_dir, TUTORIAL)
    assert links_named(tree, method, pymongo_tab=False) == {MOTOR_ENTRY.format(method)}


@pytest.mark.parametrize(
    "entry",
    [
        "pymongo.asynchronous.collection.AsyncCollection.aggregate",
        "pymongo.asynchronous.mongo_client.AsyncMongoClient.close",
    ],
)
def test_a_pymongo_async_tabs_methods_link_to_pymongos_entries(site_build, entry):
    tree = tree_of(site_build.html_dir, TUTORIAL)
    method = entry.rsplit(".", 1)[1]
    assert links_named(tree, method, pymongo_tab=True) == {pymongo_url(entry)}


def test_what_the_analysis_cannot_place_links_nowhere(site_build):
    # `result = await collection.insert_one(book)`: a result object, then `result.inserted_id`;
    # `async for doc in ...`: a document. Neither is a Motor object.
    tree = tree_of(site_build.html_dir, TUTORIAL)
    shown = text_of(tree)
    assert "result.inserted_id" in shown and "async for doc in" in shown
    for name in ("result", "inserted_id", "doc"):
        assert links_named(tree, name, pymongo_tab=False) == set()
        assert links_named(tree, name, pymongo_tab=True) == set()


# -- the parts, on a snippet -----------------------------------------------------------

SCRIPT = """\
import asyncio
from motor.motor_asyncio import AsyncIOMotorClient


async def main(db):
    client = AsyncIOMotorClient()
    await client.shop.orders.insert_one({"sku": 1})
    await db.orders.find_one()
    print(await client.shop.orders.find().sort("sku").to_list())


asyncio.run(main(None))
"""


def named(text, references):
    return {(text[r.start : r.end], r.name) for r in references}


def test_the_analysis_names_what_it_can_place_and_nothing_else():
    motor = "motor.motor_asyncio."
    assert named(SCRIPT, PageNames().script(SCRIPT)) == {
        ("asyncio", "asyncio"),
        ("AsyncIOMotorClient", motor + "AsyncIOMotorClient"),
        ("client", motor + "AsyncIOMotorClient"),
        ("shop", motor + "AsyncIOMotorClient.shop"),  # a database's name: no reference has it
        ("orders", motor + "AsyncIOMotorDatabase.orders"),
        ("insert_one", motor + "AsyncIOMotorCollection.insert_one"),
        ("find", motor + "AsyncIOMotorCollection.find"),
        ("sort", motor + "AsyncIOMotorCursor.sort"),
        ("to_list", motor + "AsyncIOMotorCursor.to_list"),
        ("print", "print"),
        ("run", "asyncio.run"),
    }  # and nothing on `db.orders.find_one()`: `db` is a parameter nobody annotated


def test_a_session_knows_the_names_an_earlier_one_bound_and_a_parameter_hides_them():
    names = PageNames()
    first = '>>> from pymongo import AsyncMongoClient\n>>> client = AsyncMongoClient("localhost")\n'
    second = ">>> async def stop(client):\n...     await client.close()\n...\n>>> await client.close()\n"
    names.session(first)
    found = names.session(second)
    closes = [r for r in found if second[r.start : r.end] == "close"]
    assert [(r.start, r.name) for r in closes] == [(second.rindex("close"), "pymongo.AsyncMongoClient.close")]


def test_links_go_around_the_tokens_and_leave_the_text_alone():
    text = "client.close()\nprint(client)\n"
    highlighted = PygmentsBridge("html").highlight_block(text, "python")
    close, show = text.index("close"), text.index("print")
    links = [(close, close + 5, "c.html#close"), (show, show + 5, "p#print")]
    linked = add_links(highlighted, text, links, "x")
    assert '<a class="x" href="c.html#close"><span class="n">close</span></a>' in linked
    assert '<a class="x" href="p#print"><span class="nb">print</span></a>' in linked
    assert html.unescape(re.sub(r"<[^>]+>", "", linked)) == html.unescape(re.sub(r"<[^>]+>", "", highlighted))


def test_a_link_that_is_not_one_token_or_not_the_blocks_text_is_not_made():
    text = "client.close()\n"
    highlighted = PygmentsBridge("html").highlight_block(text, "python")
    assert add_links(highlighted, text, [(0, 9, "c.html")], "x") == highlighted  # "client.cl"
    assert add_links(highlighted, "server.stop()\n", [(0, 6, "c.html")], "x") == highlighted
