"""The API reference: a page per Motor class, generated from the installed packages at build time.

Authoring vocabulary:

``.. api-class:: KEY``
    The whole page for one class (``introspect.CLASSES`` names the keys):
    title, the prose from ``data/api-reference.toml``, a table of every
    member, then an entry per member with its signature, how it is used, the
    installed package's docstring and its PyMongo Async counterpart.
``.. api-classes::``
    The table of every class on the reference's index page.

Both framework names are real cross-reference targets: the entries are
written for the asyncio class, and every one of them is also registered,
at the same anchor, under its ``motor.motor_tornado`` name.

References into PyMongo, bson and gridfs resolve by a URL rule, offline (see
``pymongo_links``); Python's own by the bundled inventory that conf.py names.
"""

import tomllib
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from .lazy import lazy_module
from .pymongo_links import resolve_reference

# Importing Motor, which introspect does, takes about a second: a rebuild that
# reads no reference page need not pay it.
introspect = lazy_module(f"{__name__}.introspect")
render = lazy_module(f"{__name__}.render")

logger = logging.getLogger(__name__)

PROSE_FILE = "data/api-reference.toml"
PAGE_DIR = "source/reference"
# The server manual's short links, the ones Motor's own site makes of ``mongodoc``.
MONGODOC_URL = "https://dochub.mongodb.org/core/{}"


class Prose:
    """The hand-written additions: intros, notes, what to use instead, migration sections."""

    def __init__(self, path):
        self.path = path
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        self.classes = data.get("classes", {})
        self.everywhere = data.get("members-everywhere", {})
        self.migration = data.get("migration", {})

    def intro(self, key):
        return self.classes.get(key, {}).get("intro", "")

    def class_instead(self, key):
        return self.classes.get(key, {}).get("instead", "")

    def member(self, key, name):
        return self.classes.get(key, {}).get("members", {}).get(name, {})

    def instead(self, key, name):
        return self.member(key, name).get("instead") or self.everywhere.get(name, {}).get("instead")

    def gaps(self, spec):
        """What the prose must say and does not: each a message naming the class and member."""
        problems = []
        if not self.intro(spec.key):
            problems.append(f"{spec.asyncio_name}: no intro paragraph in {PROSE_FILE}")
        if spec.counterpart is None:
            if not self.class_instead(spec.key):
                problems.append(
                    f"{spec.asyncio_name}: PyMongo Async has no counterpart "
                    f"and {PROSE_FILE} says nothing to use instead"
                )
            return problems
        for member, other in introspect.entries(spec):
            if other.comparison == introspect.MISSING and not self.instead(spec.key, member.name):
                problems.append(
                    f"{spec.asyncio_name}.{member.name}: PyMongo Async's {spec.counterpart.__name__} "
                    f"has no {member.name}, and {PROSE_FILE} says nothing to use instead"
                )
        known = {m.name for m in introspect.motor_members(spec)}
        for name in self.classes.get(spec.key, {}).get("members", {}):
            if name not in known:
                problems.append(
                    f"{spec.asyncio_name}.{name}: {PROSE_FILE} has a note for a member the class lacks"
                )
        return problems


def prose_for(env):
    path = Path(env.srcdir) / PROSE_FILE
    env.note_dependency(str(path))
    return Prose(path)


class ApiClassDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        key = self.arguments[0]
        spec = introspect.BY_KEY.get(key)
        if spec is None:
            raise self.error(f"api-class: no class {key!r}; known: {', '.join(introspect.BY_KEY)}")
        prose = prose_for(self.env)
        for problem in prose.gaps(spec):
            logger.warning(problem, location=self.get_location())
        text = render.class_page(spec, prose)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(text.splitlines(), self.get_location()), container)
        mark_docstring_code(container)
        if spec.tornado:
            register_tornado_names(self.env, spec, container)
        return container.children


def mark_docstring_code(tree):
    """Code in an installed package's docstring is shown, never run, and offers no copy button.

    The examples collector skips a block marked ``imported_docstring``; the copy
    button skips a block in a ``no-copybutton`` element.
    """
    for container in tree.findall(nodes.container):
        if render.DOCSTRING_CLASS in container["classes"]:
            for block in container.findall(nodes.literal_block):
                block["imported_docstring"] = True
                block["classes"].append("no-copybutton")


class DoctestDirective(SphinxDirective):
    """Motor's docstrings show sessions in ``.. doctest::`` blocks: shown here as a REPL session."""

    has_content = True
    optional_arguments = 1
    option_spec = {
        "hide": directives.flag,
        "options": directives.unchanged,
        "pyversion": directives.unchanged,
    }

    def run(self):
        if "hide" in self.options:
            return []
        text = "\n".join(self.content)
        block = nodes.literal_block(text, text, language="pycon")
        self.set_source_info(block)
        return [block]


class HiddenDoctestDirective(SphinxDirective):
    """``testsetup`` and ``testcleanup`` are never shown, on Motor's site either."""

    has_content = True
    optional_arguments = 1
    option_spec = {"skipif": directives.unchanged}

    def run(self):
        return []


def register_tornado_names(env, spec, tree):
    """Make every ``motor.motor_tornado`` name a target at its asyncio entry's anchor, and index it."""
    domain = env.get_domain("py")
    old, new = spec.asyncio_name, spec.tornado_name
    additions = []
    for desc in list(tree.findall(addnodes.desc)):
        for sig in [child for child in desc.children if isinstance(child, addnodes.desc_signature)]:
            for node_id in sig["ids"]:
                if node_id == old or node_id.startswith(old + "."):
                    twin = new + node_id[len(old) :]
                    domain.note_object(twin, desc["objtype"], node_id, location=sig)
                    additions.append((desc, twin, node_id))
    # Inserted after the walk, which must not see its own additions.
    for desc, twin, node_id in additions:
        index = addnodes.index(entries=[("single", f"{twin} (Tornado)", node_id, "", None)])
        desc.parent.insert(desc.parent.index(desc), index)


class ApiClassesDirective(SphinxDirective):
    def run(self):
        for spec in introspect.CLASSES:
            if f"{PAGE_DIR}/{spec.key}" not in self.env.found_docs:
                logger.warning(
                    f"{spec.asyncio_name} has no page: add {PAGE_DIR}/{spec.key}.rst",
                    location=self.get_location(),
                )
        container = nodes.container()
        self.state.nested_parse(
            StringList(render.index_page(prose_for(self.env)).splitlines(), self.get_location()), 0, container
        )
        return container.children


class MongodocDirective(SphinxDirective):
    """Motor's docstrings end with ``.. mongodoc:: NAME``, a link to the server manual's page on NAME.

    Motor's own site defines it; so must any site that shows those docstrings.
    """

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        para = nodes.paragraph("", "MongoDB manual: ")
        para += nodes.reference(name, name, refuri=MONGODOC_URL.format(name), internal=False)
        return [para]


def missing_reference(app, env, node, contnode):
    return resolve_reference(app, env, node, contnode, render.DOCSTRING_CLASS)


def setup(app):
    app.add_directive("api-class", ApiClassDirective)
    app.add_directive("api-classes", ApiClassesDirective)
    app.add_directive("mongodoc", MongodocDirective)
    app.add_directive("doctest", DoctestDirective)
    for name in ("testsetup", "testcleanup"):
        app.add_directive(name, HiddenDoctestDirective)
    app.connect("missing-reference", missing_reference)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
