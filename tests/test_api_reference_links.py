"""References into PyMongo, bson, gridfs and Python resolve offline, to real targets.

* The URL rule of ``_ext/api_reference/pymongo_links.py`` gives the expected
  address for a sample, and nothing for a name the installed packages lack.
* Every link into PyMongo's documentation on the reference pages names
  something the installed packages have, on the page of the module that has it.
* Python's references come from the inventory kept in the repository, not
  from the network, and they do link (``asyncio.Future`` is one of them).
* A reference page loads nothing from another host: links only.
"""

import importlib
from urllib.parse import urlsplit

import pytest

import conf
from _ext.api_reference.introspect import CLASSES
from _ext.api_reference.pymongo_links import PYMONGO_DOCS, pymongo_url, split_target
from tested_examples.site_build import ROOT
from tests.api_reference_pages import page_path
from tests.built_pages import parsed

API = PYMONGO_DOCS + "api/"
RULE_SAMPLE = {
    "pymongo.collection.Collection.find": API + "pymongo/collection.html#pymongo.collection.Collection.find",
    "pymongo.asynchronous.collection.AsyncCollection.aggregate": (
        API + "pymongo/asynchronous/collection.html#pymongo.asynchronous.collection.AsyncCollection.aggregate"
    ),
    "pymongo.AsyncMongoClient": API + "pymongo/index.html#pymongo.AsyncMongoClient",
    "bson.objectid.ObjectId": API + "bson/objectid.html#bson.objectid.ObjectId",
    "gridfs.AsyncGridFSBucket.find": API + "gridfs/index.html#gridfs.AsyncGridFSBucket.find",
    "pymongo.results.InsertOneResult.inserted_id": (
        API + "pymongo/results.html#pymongo.results.InsertOneResult.inserted_id"
    ),
}
NOT_INSTALLED = [
    "pymongo.collection.Collection.no_such_method",
    "pymongo.GEOHAYSTACK",
    "pymongo.nosuchmodule.X",
]


@pytest.mark.parametrize("target", RULE_SAMPLE)
def test_the_url_rule_gives_the_documented_address(target):
    assert pymongo_url(target) == RULE_SAMPLE[target]


@pytest.mark.parametrize("target", NOT_INSTALLED)
def test_a_name_the_installed_packages_lack_gets_no_link(target):
    assert pymongo_url(target) is None


def reference_pages(html_dir):
    return [page_path(html_dir, spec) for spec in CLASSES]


def hrefs(path):
    return [a.get("href") for a in parsed(path).iterfind(".//a[@href]")]


def test_every_pymongo_link_names_an_installed_object_on_its_modules_page(site_build):
    checked, wrong = 0, []
    for path in reference_pages(site_build.html_dir):
        for href in hrefs(path):
            if not href.startswith(API):
                continue
            checked += 1
            page, _, target = href[len(API) :].partition("#")
            found = split_target(target)
            if found is None:
                wrong.append(f"{path.name}: {href} names nothing installed")
                continue
            module = page.removesuffix("/index.html").removesuffix(".html").replace("/", ".")
            if module != found[0].__name__ or importlib.import_module(module) is not found[0]:
                wrong.append(f"{path.name}: {href} is not on the page of {found[0].__name__}")
    assert checked > 100, f"only {checked} links into PyMongo's documentation: the rule is not in use"
    assert wrong == []


def test_python_references_come_from_the_inventory_in_the_repository(site_build):
    for _base, location in conf.intersphinx_mapping.values():
        assert not urlsplit(location).scheme, f"{location} would be fetched at build time"
        assert (ROOT / location).is_file()
    links = {href for path in reference_pages(site_build.html_dir) for href in hrefs(path)}
    assert any(href.startswith("https://docs.python.org/3.11/library/asyncio-future.html") for href in links)


LOADS = {"script": "src", "img": "src", "iframe": "src", "link": "href", "source": "src", "video": "src"}


def test_reference_pages_load_nothing_from_another_host(site_build):
    loads = []
    for path in [*reference_pages(site_build.html_dir), site_build.html_dir / "source/reference/index.html"]:
        tree = parsed(path)
        for tag, attribute in LOADS.items():
            for element in tree.iter(tag):
                # rel is a list of words ("preload stylesheet"), not one value.
                rel = set(element.get("rel", "").split())
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & rel:
                    continue
                value = element.get(attribute, "")
                if urlsplit(value).netloc:
                    loads.append(f"{path.name}: <{tag} {attribute}={value}>")
    assert loads == []
