"""Links into PyMongo's documentation, made offline from the installed packages by one URL rule.

The rule, which tests/test_api_reference_links.py checks on a sample:

    A reference to ``MODULE.NAME...`` under ``pymongo``, ``bson`` or ``gridfs``,
    where MODULE is the longest importable prefix and NAME... exists in it
    (and NAME is in the module's ``__all__``, when it has one),
    links to ``BASE/api/MODULE-AS-PATH.html#MODULE.NAME...``, where
    MODULE-AS-PATH is the dotted module with dots as slashes, and a package
    (a module with submodules, such as ``pymongo`` itself) is its
    ``index.html``.

    pymongo.collection.Collection.find
      -> https://pymongo.readthedocs.io/en/stable/api/pymongo/collection.html#pymongo.collection.Collection.find

A name that is not in the installed package is not linked, so the build's
nitpicky check reports it as it reports any dangling reference.

Motor's docstrings also name Motor classes the short way (``MotorCursor``,
``motor.MotorGridOut``); those resolve to this site's own entries.
"""

import importlib
import re

from docutils import nodes
from sphinx.util.nodes import make_refnode

PYMONGO_DOCS = "https://pymongo.readthedocs.io/en/stable/"
PACKAGES = ("pymongo", "bson", "gridfs")
_MISSING = object()


def split_target(target):
    """(module name, the dotted rest) for *target*, or None when it names nothing installed."""
    parts = target.split(".")
    if parts[0] not in PACKAGES:
        return None
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        public = getattr(module, "__all__", None)
        if public is not None and cut < len(parts) and parts[cut] not in public:
            return None  # there by an import, not the module's API: not documented there
        obj = module
        for attr in parts[cut:]:
            obj = getattr(obj, attr, _MISSING)
            if obj is _MISSING:
                return None
        return module, ".".join(parts[cut:])
    return None


def pymongo_url(target):
    """The documentation URL of *target* by the rule above, or None when the installed packages lack it."""
    found = split_target(target)
    if found is None:
        return None
    module, _rest = found
    page = module.__name__.replace(".", "/")
    page += "/index.html" if hasattr(module, "__path__") else ".html"
    return f"{PYMONGO_DOCS}api/{page}#{target}"


_MOTOR_NAME = re.compile(
    r"^(?:motor\.(?:motor_asyncio\.|motor_tornado\.)?)?(AsyncIOMotor|Motor)(\w+)(\..+)?$"
)


def motor_candidates(target):
    """This site's full names that a short Motor reference such as ``MotorCursor.fetch_next`` may mean."""
    match = _MOTOR_NAME.match(target)
    if not match:
        return []
    prefix, name, rest = match.group(1), match.group(2), match.group(3) or ""
    asyncio = f"motor.motor_asyncio.AsyncIOMotor{name}{rest}"
    tornado = f"motor.motor_tornado.Motor{name}{rest}"
    return [tornado, asyncio] if prefix == "Motor" else [asyncio, tornado]


# Where a PyMongo docstring's unqualified names live, in the order PyMongo's
# own pages would find them: the modules its reference pages document.
UNQUALIFIED_HOMES = (
    "pymongo",
    "pymongo.collection",
    "pymongo.database",
    "pymongo.mongo_client",
    "pymongo.client_session",
    "pymongo.cursor",
    "pymongo.command_cursor",
    "pymongo.change_stream",
    "pymongo.encryption",
    "pymongo.encryption_options",
    "pymongo.results",
    "pymongo.operations",
    "pymongo.read_preferences",
    "pymongo.errors",
    "gridfs",
    "gridfs.errors",
    "bson.raw_bson",
    "bson",
)


def unqualified_url(target):
    """The URL of a short name such as ``ReturnDocument.AFTER`` in the first module that has it."""
    if not target or target.split(".")[0] in PACKAGES:
        return None
    for home in UNQUALIFIED_HOMES:
        url = pymongo_url(f"{home}.{target}")
        if url is not None:
            return url
    return None


def in_imported_docstring(node, docstring_class):
    while node is not None:
        if isinstance(node, nodes.container) and docstring_class in node.get("classes", ()):
            return True
        node = node.parent
    return False


def resolve_reference(app, env, node, contnode, docstring_class):
    """A link for a reference Sphinx could not resolve, or None to let it warn.

    A reference inside an imported docstring that names something with no
    documentation to link to (Tornado's classes, a label of Motor's own
    site, a PyMongo name the installed PyMongo no longer has) is shown as
    its text, unlinked: the docstring is the package's, not ours to fix.
    A reference written on this site's own pages is never excused.
    """
    target = node["reftarget"]
    imported = in_imported_docstring(node, docstring_class)
    if node.get("refdomain") != "py":
        return contnode if imported else None
    url = pymongo_url(target) or (unqualified_url(target) if imported else None)
    if url is not None:
        ref = nodes.reference(
            "", "", internal=False, refuri=url, reftitle=f"{target} (PyMongo documentation)"
        )
        ref.append(contnode)
        return ref
    objects = env.get_domain("py").objects
    for name in motor_candidates(target):
        if name in objects:
            entry = objects[name]
            return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)
    return contnode if imported else None
