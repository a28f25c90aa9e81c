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


def tab_set_above(block):
    """The tab set directly above an output block (or the box around it), or None."""
    node = block
    if node.parent is not None and "example-output-wrapper" in node.parent.get("classes", []):
        node = node.parent
    parent = node.parent
    if parent is None:
        return None
    index = parent.index(node)
    return parent[index - 1] if index and is_tab_set(parent[index - 1]) else None


def warn(message, node, subtype):
    logger.warning(message, location=node, type="examples", subtype=subtype)


def collect_examples(app, doctree):
    """Record the Python examples of the page just read, in page order."""
    docname = app.env.docname
    flavors = app.config.example_flavors
    examples = []
    last = None  # the example an output block may belong to
    set_last = {}  # id(tab set) -> {flavour: the last example of that flavour in the set}
    for block in doctree.findall(nodes.literal_block):
        if block.get("example_output"):
            above = tab_set_above(block) if flavor_of(block, flavors) is None else None
            if above is not None and id(above) in set_last:
                # Below a tab set, one output stands for every flavour's last example in it.
                source, line = block["example_first_line"]
                owners = list(set_last.pop(id(above)).values())
                if any(e.output is not None or e.context == "repl" for e in owners):
                    message = "an output below a tab set needs every tab to end in a script without one"
                    warn(message, block, "shared-output")
                for example in owners:
                    examples[example.index] = _with_output(example, block.astext(), app, source, line)
                last = None
                continue
            if last is None:
                warn("output block does not follow a Python example", block, "orphan-output")
            elif last.context == "repl":
                warn(
                    "a REPL (>>>) example shows its output inline: drop this block",
                    block,
                    "repl-output",
                )
            elif flavor_of(block, flavors) != last.flavor:
                warn("output block is in another tab than the example before it", block, "orphan-output")
            else:
                source, line = block["example_first_line"]
                examples[-1] = last = _with_output(last, block.astext(), app, source, line)
                if last.flavor:
                    set_last[id(enclosing_tab_set(block))][last.flavor] = last
            last = None
            continue
        context = python_context(block.get("language"))
        if context is None:
            last = None
            continue
        if block.get("example_module") and context != "script":
            warn(f":module: applies to Python script blocks, not to {block.get('language')}", block, "module")
        source, line = block.get("example_first_line") or (block.source, block.line)
        last = Example(
            docname=docname,
            index=len(examples),
            context=context,
            code=block.astext(),
            source=relative_source(app.srcdir, source) if source else None,
            line=line,
            flavor=flavor_of(block, flavors),
            exempt=dict(block.get("example_exempt", {})),
            timeout=block.get("example_timeout"),
            module=block.get("example_module"),
            section=section_title(block),
            derived_from=block.get("example_derived_from"),
        )
        examples.append(last)
        if last.flavor:
            set_last.setdefault(id(enclosing_tab_set(block)), {})[last.flavor] = last
    app.env.example_blocks[docname] = examples


def _with_output(example, text, app, source, line):
    return replace(example, output=text, output_source=relative_source(app.srcdir, source), output_line=line)


def init_env(app, env, docnames):
    if not hasattr(env, "example_blocks"):
        env.example_blocks = {}


def purge_doc(app, env, docname):
    getattr(env, "example_blocks", {}).pop(docname, None)


def merge_info(app, env, docnames, other):
    env.example_blocks.update({d: other.example_blocks[d] for d in docnames if d in other.example_blocks})


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
        )
    return Manifest(tuple(app.config.example_flavors), pages)


def manifest_path(app):
    return Path(app.outdir).parent / MANIFEST_NAME


def write_manifest(app, exception):
    if exception is None and app.builder.format == "html":
        site_manifest(app).write(manifest_path(app))


def setup(app):
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-read", collect_examples)
    app.connect("build-finished", write_manifest)
