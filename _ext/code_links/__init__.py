"""Links from the names in the Python examples to where they are documented.

``insert_one`` in ``await client.db.books.insert_one(book)`` links to the
reference's ``AsyncIOMotorCollection.insert_one``, in a PyMongo Async tab to
PyMongo's ``AsyncCollection.insert_one``; ``print`` and ``asyncio.run`` link
to Python's documentation. The parts:

``code_names``  what each name in an example is (no Sphinx here)
``targets``     where a name is documented, if anywhere
``markup``      the links put into the highlighted HTML

When a page is written, its Python blocks are read in page order, once per
run as the runner runs them (each flavour with the blocks outside any tab),
so that a name bound in one block is known in the next; a block outside the
tabs is linked as the page's first flavour reads it. A ``:module:`` block is
its own module. The links are kept on each block, and the HTML translator puts
them into the block's highlighted HTML as it writes it: nothing parses a
page's HTML again, and the text of every ``<pre>`` stays the block's text.
An installed package's docstring code, on the reference pages, is not ours
and gets none.
"""

from docutils import nodes

from tested_examples.sphinx_ext.collector import python_context
from tested_examples.sphinx_ext.tabs import flavor_of

from .code_names import PageNames
from .markup import add_links
from .targets import Targets

LINK_CLASS = "code-link"
LINKS = "code_links"  # the block's attribute: [(start, end, href), ...]


def linked_blocks(doctree):
    """The page's Python blocks that get links, in page order."""
    for block in doctree.findall(nodes.literal_block):
        if (
            python_context(block.get("language"))
            and not block.get("imported_docstring")
            and block.rawsource == block.astext()
        ):
            yield block


def read_block(names, block):
    text = block.astext()
    if block.get("example_module"):
        names = PageNames()  # saved as a module and imported: its names are its own
    if python_context(block.get("language")) == "repl":
        return names.session(text)
    return names.script(text)


def page_references(blocks, flavors):
    """{id(block): the References of that block}, read per run as the runner runs the page.

    A block outside the tabs is linked as the page's first flavour reads it
    (asyncio, where the page has it); the other runs read it only to know
    the names it binds.
    """
    flavored = [(block, flavor_of(block, flavors)) for block in blocks]
    shown = {flavor for _, flavor in flavored}
    runs = [flavor for flavor in flavors if flavor in shown] or [None]
    found = {}
    for run in runs:
        names = PageNames()
        for block, flavor in flavored:
            if flavor in (None, run):
                references = read_block(names, block)
                if flavor == run or run == runs[0]:
                    found[id(block)] = references
    return found


def link_examples(app, doctree, docname):
    if app.builder.format != "html":
        return
    blocks = list(linked_blocks(doctree))
    if not blocks:
        return
    targets = Targets(app.builder, docname)
    found = page_references(blocks, app.config.example_flavors)
    for block in blocks:
        links = []
        for reference in sorted(found[id(block)], key=lambda r: r.start):
            href = targets.href(reference.name)
            if href:
                links.append((reference.start, reference.end, href))
        if links:
            block[LINKS] = links


def visit_literal_block(translator, node):
    """The HTML translator's own, then the block's links put into what it wrote."""
    start = len(translator.body)
    try:
        type(translator).visit_literal_block(translator, node)
    except nodes.SkipNode:
        if node.get(LINKS):
            written = "".join(translator.body[start:])
            translator.body[start:] = [add_links(written, node.astext(), node[LINKS], LINK_CLASS)]
        raise


def depart_literal_block(translator, node):
    type(translator).depart_literal_block(translator, node)


def setup(app):
    app.setup_extension("sphinx.ext.intersphinx")
    app.connect("doctree-resolved", link_examples)
    app.add_node(nodes.literal_block, override=True, html=(visit_literal_block, depart_literal_block))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
