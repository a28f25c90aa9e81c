"""Collect every Python example as the reader sees it, and write the manifest.

Collection works on each page's doctree once Sphinx has read it, so blocks
that arrive through ``.. include::``, ``literalinclude`` or a derived flavour
tab are seen exactly as they are rendered. Each Python block becomes a
``schema.Example``: its page, the file and line its code came from, the
flavour tab that holds it, the output the page shows for it, its section,
and the options its author gave (see ``code_options``). At the end of an
HTML build the examples of every page go to ``examples.json`` beside the
HTML output directory, as a ``schema.Manifest``.
"""

from dataclasses import replace
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from ..schema import MANIFEST_NAME, Example, Manifest, Page
from .page_records import keep_per_page
from .tabs import flavor_of, is_tab_set

logger = logging.getLogger(__name__)

SCRIPT_LANGUAGES = {"python", "python3", "py", "py3"}
REPL_LANGUAGES = {"pycon", "pycon3"}


def python_context(language):
    """'script' or 'repl' for a Python block's language, None for anything else."""
    if language in SCRIPT_LANGUAGES:
        return "script"
    if language in REPL_LANGUAGES:
        return "repl"
    return None


def relative_source(srcdir, source):
    """A source path as the reader of an error message wants it: from the site root."""
    path = Path(source)
    try:
        return path.resolve().relative_to(Path(srcdir).resolve()).as_posix()
    except ValueError:
        return str(path)


def section_title(node):
    while node is not None:
        if isinstance(node, nodes.section) and node.children and isinstance(node[0], nodes.title):
            return node[0].astext()
        node = node.parent
    return None


def enclosing_tab_set(node):
    node = node.parent
    while node is not None and not is_tab_set(node):
        node = node.parent
    return node


def is_output_box(node):
    return isinstance(node, nodes.container) and "example-output-wrapper" in node.get("classes", [])


def tab_set_above(block):
    """The tab set above an output block, past other outputs and plain paragraphs only; or None.

    So that the output for a condition can follow the usual one, each with a
    sentence of its own, and still belong to the tab set's examples.
    """
    node = block.parent if is_output_box(block.parent) else block
    parent = node.parent
    if parent is None:
        return None
    for sibling in reversed(parent.children[: parent.index(node)]):
        if is_tab_set(sibling):
            return sibling
        if not (is_output_box(sibling) or isinstance(sibling, nodes.paragraph)):
            return None
    return None


def warn(message, node, subtype):
    logger.warning(message, location=node, type="examples", subtype=subtype)


def collect_examples(app, doctree):
    """Record the Python examples of the page just read, in page order."""
    page = PageRecord(app)
    for block in doctree.findall(nodes.literal_block):
        if block.get("imported_docstring"):
            continue  # an installed package's docstring, shown on the API reference: not ours to run
        if block.get("example_output"):
            page.attach_output(block)
            continue
        context = python_context(block.get("language"))
        if context is None:
            page.note_other_block(block)
            continue
        page.add_example(block, context)
    app.env.example_blocks[app.env.docname] = page.examples
    app.env.example_untied_outputs[app.env.docname] = page.untied
    app.env.example_quoted_messages[app.env.docname] = page.quoted


# Languages a block has when it shows text rather than code.
TEXT_LANGUAGES = {None, "none", "text", "console", "default", "output"}
COMMAND_PROMPT = "$ "


class PageRecord:
    """The examples of one page as it is walked, and where each output belongs."""

    def __init__(self, app):
        self.app = app
        self.flavors = app.config.example_flavors
        self.examples = []
        self.last = None  # the example an output block may belong to
        self.set_last = {}  # id(tab set) -> {flavour: the last example of that flavour in the set}
        self.untied = []  # "file:line" of text blocks that look like output no run produces
        self.quoted = []

    def add_example(self, block, context):
        if block.get("example_module") and context != "script":
            warn(f":module: applies to Python script blocks, not to {block.get('language')}", block, "module")
        source, line = block.get("example_first_line") or (block.source, block.line)
        self.last = Example(
            docname=self.app.env.docname,
            index=len(self.examples),
            context=context,
            code=block.astext(),
            source=relative_source(self.app.srcdir, source) if source else None,
            line=line,
            flavor=flavor_of(block, self.flavors),
            exempt=dict(block.get("example_exempt", {})),
            timeout=block.get("example_timeout"),
            module=block.get("example_module"),
            section=section_title(block),
            derived_from=block.get("example_derived_from"),
            caption=block.get("example_caption"),
        )
        self.examples.append(self.last)
        if self.last.flavor:
            self.set_last.setdefault(id(enclosing_tab_set(block)), {})[self.last.flavor] = self.last

    def note_other_block(self, block):
        """A block that is not Python: a command, text, or output that no run ties."""
        self.last = None
        if block.get("language") not in TEXT_LANGUAGES or block.get("example_not_output"):
            return
        source, line = block.get("example_first_line") or (block.source, block.line)
        where = f"{relative_source(self.app.srcdir, source)}:{line}" if source else f"?:{line}"
        if block.get("example_quoted_from"):
            self.quoted.append({"run": block["example_quoted_from"], "text": block.astext(), "where": where})
            return
        first = next((text for text in block.astext().splitlines() if text.strip()), "")
        if not first.startswith(COMMAND_PROMPT):
            self.untied.append(where)

    def attach_output(self, block):
        """Give the output block to the example (or, below a tab set, the examples) it belongs to."""
        above = tab_set_above(block) if flavor_of(block, self.flavors) is None else None
        if above is not None and id(above) in self.set_last:
            # Below a tab set, one output stands for every flavour's last example in it.
            owners = list(self.set_last[id(above)].values())
        elif self.last is None:
            return warn("output block does not follow a Python example", block, "orphan-output")
        elif self.last.context == "repl":
            return warn("a REPL (>>>) example shows its output inline: drop this block", block, "repl-output")
        elif flavor_of(block, self.flavors) != self.last.flavor:
            return warn("output block is in another tab than the example before it", block, "orphan-output")
        else:
            owners = [self.last]
        condition = block.get("example_condition")
        taken = [
            e
            for e in owners
            if e.context == "repl" or (e.outputs_when.get(condition) if condition else e.output)
        ]
        if taken and len(owners) > 1 or taken and above is not None:
            message = "an output below a tab set needs every tab to end in a script without one"
            return warn(message, block, "shared-output")
        if taken:
            what = f"an output when {condition}" if condition else "an output"
            return warn(f"the example above already has {what}", block, "second-output")
        source, line = block["example_first_line"]
        shown = {"text": block.astext(), "source": relative_source(self.app.srcdir, source), "line": line}
        for example in owners:
            if condition:
                updated = replace(example, outputs_when={**example.outputs_when, condition: shown})
            else:
                updated = replace(
                    example, output=shown["text"], output_source=shown["source"], output_line=line
                )
            self.examples[example.index] = updated
            if self.last is example:
                self.last = updated
            if updated.flavor:
                self.set_last[id(enclosing_tab_set(block) or above)][updated.flavor] = updated


# What the collector keeps per page in Sphinx's environment.
ENV_RECORDS = ("example_blocks", "example_untied_outputs", "example_quoted_messages")


def site_manifest(app):
    """Every page of the site and its examples, as the build has them now."""
    env = app.env
    pages = {}
    for docname in sorted(env.found_docs):
        pages[docname] = Page(
            docname=docname,
            title=env.titles[docname].astext() if docname in env.titles else docname,
            html=app.builder.get_target_uri(docname),
            source=relative_source(app.srcdir, env.doc2path(docname)),
            examples=tuple(env.example_blocks.get(docname, [])),
            untied_outputs=tuple(env.example_untied_outputs.get(docname, [])),
            quoted_messages=tuple(env.example_quoted_messages.get(docname, [])),
        )
    return Manifest(tuple(app.config.example_flavors), pages)


def manifest_path(app):
    return Path(app.outdir).parent / MANIFEST_NAME


def write_manifest(app, exception):
    if exception is None and app.builder.format == "html":
        site_manifest(app).write(manifest_path(app))


def setup(app):
    keep_per_page(app, *ENV_RECORDS)
    app.connect("doctree-read", collect_examples)
    app.connect("build-finished", write_manifest)
