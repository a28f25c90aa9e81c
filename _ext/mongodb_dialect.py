"""The parts of MongoDB's documentation dialect that its pages use.

A page written for MongoDB's docs builds here unchanged, given its includes:

* ``.. default-domain:: mongodb`` needs a domain of that name;
* ``:manual:`` and ``:atlas:`` link into the MongoDB Server manual and the
  Atlas documentation;
* ``code-block`` and ``literalinclude`` accept ``:copyable: false``, which
  drops the copy button from that block (``tested_examples.sphinx_ext``
  registers those two directives, with every option an example can take);
* ``.. contents::`` ("On this page", often ``:class: twocols``) is kept in the
  page body; ``_static/site.css`` sets ``twocols`` in two columns.
"""

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import split_explicit_title

MANUAL_URL = "https://www.mongodb.com/docs/manual"
ATLAS_URL = "https://www.mongodb.com/docs/atlas"

# Furo marks an in-page table of contents as an error unless it carries this
# class. MongoDB's pages use one on purpose, so the dialect opts in for them.
FURO_CONTENTS_OPT_IN = "this-will-duplicate-information-and-it-is-still-useful-here"


class MongoDBDomain(Domain):
    """Empty on purpose: pages only name it as their default domain."""

    name = "mongodb"
    label = "MongoDB"

    def merge_domaindata(self, docnames, otherdata):
        pass  # it holds no data, so parallel builds have nothing to merge


def docs_link_role(base_url):
    """A role that turns ``Title </path/>`` into a link below *base_url*."""

    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        has_title, title, target = split_explicit_title(text)
        if not target.startswith("/"):
            target = "/" + target
        node = nodes.reference(rawtext, title, refuri=base_url + target)
        node["classes"].append(f"{name}-link")
        return [node], []

    return role


def keep_contents_boxes(app, doctree):
    for topic in doctree.findall(nodes.topic):
        if "contents" in topic["classes"] and FURO_CONTENTS_OPT_IN not in topic["classes"]:
            topic["classes"].append(FURO_CONTENTS_OPT_IN)


def setup(app):
    app.connect("doctree-read", keep_contents_boxes)
    app.add_domain(MongoDBDomain)
    app.add_role("manual", docs_link_role(MANUAL_URL))
    app.add_role("atlas", docs_link_role(ATLAS_URL))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
