"""The API reference covers every public Motor class and member, and what it says is true.

* Every public class that the installed Motor exports has a page, and both of
  its names (asyncio and Tornado) are targets there.
* Every public member of each installed class has an entry and a row in its
  page's table; a member that a newer Motor adds fails until it is on the page.
* The PyMongo Async column agrees with PyMongo's class, read with inspect.
* Search and the general index find every class and member, by both names.
* A page made wrong, in a temporary copy, fails these checks with the class
  and member named; a member with no counterpart and nothing to use instead
  fails the build with the class and member named (a case of the fault site,
  tests/fault_site/build_cases.py).
"""

import json
import re
import shutil

import pytest

from _ext.api_reference.introspect import CLASSES, public_motor_classes
from tests import built_pages
from tests.api_reference_pages import installed_public_members, page_path, page_problems

KEYS = [spec.key for spec in CLASSES]


def test_every_public_motor_class_has_a_page():
    documented = {spec.asyncio_name for spec in CLASSES} | {spec.tornado_name for spec in CLASSES}
    assert public_motor_classes() - documented == set()


@pytest.mark.parametrize("key", KEYS)
def test_each_page_agrees_with_the_installed_class(site_build, key):
    spec = next(spec for spec in CLASSES if spec.key == key)
    assert page_problems(site_build.html_dir, spec) == []


def search_objects(html_dir):
    """Every full object name the search index knows."""
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    names = set()
    for prefix, entries in index["objects"].items():
        for entry in entries:
            names.add(f"{prefix}.{entry[4]}" if prefix else entry[4])
    return names


def test_search_and_general_index_find_every_class_and_member_by_both_names(site_build):
    found = search_objects(site_build.html_dir)
    genindex = built_pages.parsed(site_build.html_dir / "genindex.html")
    anchors = {a.get("href").partition("#")[2] for a in genindex.iterfind(".//a[@href]")}
    texts = {" ".join(built_pages.text_of(a, " ").split()) for a in genindex.iter("a")}
    missing = []
    for spec in CLASSES:
        names = [None, *installed_public_members(spec.asyncio)]
        for name in names:
            asyncio_name = spec.asyncio_name if name is None else f"{spec.asyncio_name}.{name}"
            if asyncio_name not in found:
                missing.append(f"search: {asyncio_name}")
            if asyncio_name not in anchors:
                missing.append(f"genindex: {asyncio_name}")
            if spec.tornado:
                tornado_name = spec.tornado_name if name is None else f"{spec.tornado_name}.{name}"
                if tornado_name not in found:
                    missing.append(f"search: {tornado_name}")
                if f"{tornado_name} (Tornado)" not in texts:
                    missing.append(f"genindex: {tornado_name}")
    assert missing == []


@pytest.fixture(scope="module")
def tampered_site(site_build, tmp_path_factory):
    """A copy of the built collection page whose insert_one row says it is a plain call."""
    html = tmp_path_factory.mktemp("tampered") / "html"
    shutil.copytree(site_build.html_dir / "source" / "reference", html / "source" / "reference")
    page = page_path(html, next(spec for spec in CLASSES if spec.key == "collection"))
    text = page.read_text(encoding="utf-8")
    row = re.compile(r"(AsyncIOMotorCollection\.insert_one.*?</tr>)", re.DOTALL)
    wrong, count = row.subn(lambda m: m.group(1).replace("<p>await</p>", "<p>call</p>", 1), text, count=1)
    assert count == 1 and wrong != text, "the insert_one row was not found: update this fixture"
    page.write_text(wrong, encoding="utf-8")
    return html


def test_a_wrong_entry_fails_naming_class_and_member(tampered_site):
    spec = next(spec for spec in CLASSES if spec.key == "collection")
    problems = page_problems(tampered_site, spec)
    assert problems and all("motor.motor_asyncio.AsyncIOMotorCollection.insert_one" in p for p in problems)


def test_a_member_with_no_counterpart_and_no_instead_fails_the_build(fault_site):
    """The cursor's page, with the entry that says what to use instead of each() taken out."""
    assert fault_site.build.returncode != 0
    said = fault_site.warnings_at("source/reference/cursor.rst")
    assert any(
        level == "WARNING"
        and message.startswith(
            "motor.motor_asyncio.AsyncIOMotorCursor.each: PyMongo Async's AsyncCursor has no each"
        )
        for _, level, message in said
    ), said
