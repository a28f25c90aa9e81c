"""Where a full dotted name is documented: this site's reference, PyMongo's site, or Python's.

* ``motor.*``: the entry this site's API reference registered in the Python
  domain (``_ext/api_reference``: every asyncio entry, and its Tornado twin
  at the same anchor).
* ``pymongo.*``, ``bson.*``, ``gridfs.*``: PyMongo's page by the reference's
  own URL rule (``pymongo_links``), for the name the reference gives it: a
  class by the module that defines it (``pymongo.AsyncMongoClient`` is
  ``pymongo.asynchronous.mongo_client.AsyncMongoClient``), as the reference's
  "PyMongo Async" lines name their counterparts.
* anything else: Python's own documentation, through the intersphinx
  inventory that conf.py names (``print``, ``asyncio.run``).

A name none of them documents gets no link.
"""

from functools import cache

from sphinx.ext.intersphinx import InventoryAdapter

from _ext.api_reference.pymongo_links import PACKAGES, pymongo_url, split_target

PYTHON_INVENTORY = "python"
# The inventory's kinds of Python object, most specific first.
PYTHON_TYPES = (
    "py:function",
    "py:class",
    "py:exception",
    "py:method",
    "py:classmethod",
    "py:staticmethod",
    "py:attribute",
    "py:property",
    "py:data",
    "py:module",
)


@cache
def pymongo_href(name):
    """The URL the reference gives *name* in PyMongo's documentation, or None."""
    found = split_target(name)
    if found is None or not found[1]:
        return None  # a module: the reference links none
    module, rest = found
    head, _, tail = rest.partition(".")
    owner = getattr(module, head)
    if isinstance(owner, type) and owner.__module__.split(".")[0] in PACKAGES:
        name = ".".join(filter(None, (owner.__module__, owner.__qualname__, tail)))
    return pymongo_url(name)


class Targets:
    """The link of each full name, for one page."""

    def __init__(self, builder, docname):
        self.builder = builder
        self.docname = docname
        self.objects = builder.env.get_domain("py").objects
        inventory = InventoryAdapter(builder.env).named_inventory.get(PYTHON_INVENTORY, {})
        self.python = [inventory[kind] for kind in PYTHON_TYPES if kind in inventory]

    def href(self, name):
        package = name.split(".")[0]
        if package == "motor":
            entry = self.objects.get(name)
            if entry is None:
                return None
            return f"{self.builder.get_relative_uri(self.docname, entry.docname)}#{entry.node_id}"
        if package in PACKAGES:
            return pymongo_href(name)
        for names in self.python:
            if name in names:
                return names[name].uri
        return None
