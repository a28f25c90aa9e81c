"""The built site's pages, each parsed once per test process, and what the checks read of them.

Many checks read every page of the build, and several of them the same pages.
BeautifulSoup with Python's html.parser took about half a second a page, in
every test again; lxml parses the whole site in about a second, and each
tree is kept for the rest of the process, so a page is parsed once however
many checks read it. A page whose bytes change is parsed again.

The trees are shared between checks: one that changes a tree works on a
``copy.deepcopy`` of it.

``select`` takes CSS selectors (cssselect, with HTML's rules); ``text_of`` is
what BeautifulSoup's ``get_text`` gave, so that the checks compare the same
strings as before.
"""

import functools
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

# Sphinx writes UTF-8; saying so spares libxml2 guessing from the <meta>.
PARSER = lxml.html.HTMLParser(encoding="utf-8")

# The text a reader sees: what scripts and styles hold is not text of the page.
TEXT_NODES = etree.XPath(".//text()[not(parent::script or parent::style)]")


def parsed(path):
    """The parsed page at *path*, from this process's cache while the file holds the same bytes."""
    # Keyed on the content, not the mtime: a copy edited in place within one
    # tick of the file system's clock keeps its mtime, and maybe its size.
    return _parse(Path(path).read_bytes())


@functools.cache
def _parse(content):
    return lxml.html.document_fromstring(content, parser=PARSER)


@functools.cache
def _selector(css):
    return CSSSelector(css, translator="html")


def select(element, css):
    """Every element under *element* that *css* matches, in document order.

    Only what lies under *element*, as BeautifulSoup's ``select`` gave: a
    compiled selector matches the element itself too.
    """
    return [found for found in _selector(css)(element) if found is not element]


def select_one(element, css):
    """The first element under *element* that *css* matches, or None."""
    found = select(element, css)
    return found[0] if found else None


def by_id(tree, name):
    """The first element of *tree* whose id is *name*, or None."""
    return _ids(tree).get(name)


@functools.cache
def _ids(tree):
    # One pass over the tree, not one per id: the migration guide has thousands of elements.
    found = {}
    for element in tree.iterfind(".//*[@id]"):
        found.setdefault(element.get("id"), element)
    return found


def text_of(element, separator="", strip=False):
    """The text of *element*, as ``get_text(separator, strip=strip)`` gave it.

    With *strip*, each piece of text is stripped and the empty ones left out.
    """
    pieces = [str(piece) for piece in TEXT_NODES(element)]
    if strip:
        pieces = [piece.strip() for piece in pieces if piece.strip()]
    return separator.join(pieces)
