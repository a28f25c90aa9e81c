"""What a shared link shows: each page's summary as its description and OpenGraph text.

sphinxext-opengraph writes the ``og:*`` and description meta of every page,
taking the description from the page's first text. On pages that open with
MongoDB's "On this page" box, that text is the box's list of sections, which
says nothing about the page. This extension gives those tags the first
paragraph of the page's own prose instead: the first paragraph outside
contents boxes, admonitions (the deprecation notice), tab sets, tables and
lists. A page that sets ``:og:description:`` itself keeps its own.
"""

from docutils import nodes

DESCRIPTION_LENGTH = 200
# Where a page's first paragraph is not its summary.
NOT_SUMMARY = (nodes.topic, nodes.Admonition, nodes.table, nodes.list_item, nodes.field_list)


def first_prose(doctree):
    for paragraph in doctree.findall(nodes.paragraph):
        node, inside = paragraph.parent, False
        while node is not None:
            if isinstance(node, NOT_SUMMARY) or "sphinx-tabs" in node.get("classes", []):
                inside = True
                break
            node = node.parent
        if not inside and paragraph.astext().strip():
            return " ".join(paragraph.astext().split())
    return None


def shortened(text, length=DESCRIPTION_LENGTH):
    """*text* cut at a word boundary to at most *length* characters, marked when cut."""
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def describe_page(app, doctree):
    metadata = app.env.metadata[app.env.docname]
    if "og:description" in metadata:
        return
    text = first_prose(doctree)
    if text:
        summary = shortened(text)
        metadata["og:description"] = summary
        # A description meta of the page's own: opengraph then adds none of its own.
        doctree.insert(0, nodes.meta(name="description", content=summary))


def setup(app):
    app.connect("doctree-read", describe_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
