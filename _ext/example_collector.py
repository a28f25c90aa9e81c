"""Collect every Python example as the reader sees it, for the example runner.

Collection works on each page's doctree after Sphinx has read it, so blocks
that arrive through ``.. include::`` or ``literalinclude`` are seen exactly as
they are rendered. For each Python block it records the page, the file and
line the code came from, the tab flavour that holds it, the output the page
shows for it, and any exemption the author gave. The result is written to
``examples.json`` beside the HTML output directory.

Authoring vocabulary defined here:

``.. output::``
    What the preceding example prints; given inline or as a file argument.
``:exempt-mock: reason`` / ``:exempt-live: reason``
    On ``code-block`` or ``literalinclude``: do not run on that tier, and why.
``:timeout: seconds``
    On ``code-block`` or ``literalinclude``: a longer limit for a slow example.
``:module: name``
    On a Python script block: the reader saves this as ``name.py``; the runner
    runs it as that module (its ``__main__`` guard stays shut) and lets later
    blocks import it.
"""

import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from _ext.flavor_tabs import flavor_of
from _ext.mongodb_dialect import NO_COPY_CLASS, DialectCodeBlock, DialectLiteralInclude

logger = logging.getLogger(__name__)

SCRIPT_LANGUAGES = {"python", "python3", "py", "py3"}
REPL_LANGUAGES = {"pycon", "pycon3"}
TIERS = ("mock", "live")
OUTPUT_CLASS = "example-output"
MANIFEST_NAME = "examples.json"


def python_context(language):
    """'script' or 'repl' for a Python block's language, None for anything else."""
    if language in SCRIPT_LANGUAGES:
        return "script"
    if language in REPL_LANGUAGES:
        return "repl"
    return None


def positive_seconds(argument):
    value = float(argument)
    if value <= 0:
        raise ValueError("the timeout must be a positive number of seconds")
    return value


class ExampleOptionsMixin:
    """Exemption and timeout options, stored on the literal block they describe."""

    option_spec_extra = {
        "exempt-mock": directives.unchanged_required,
        "exempt-live": directives.unchanged_required,
        "timeout": positive_seconds,
        "module": directives.unchanged_required,
    }

    def run(self):
        result = super().run()
        exempt = {tier: self.options[f"exempt-{tier}"] for tier in TIERS if f"exempt-{tier}" in self.options}
        for node in result:
            for block in node.findall(nodes.literal_block):
                block["example_exempt"] = exempt
                if "timeout" in self.options:
                    block["example_timeout"] = self.options["timeout"]
                if "module" in self.options:
                    block["example_module"] = self.options["module"]
                if self.content:
                    # The file and line of the first line of code, so that a
                    # traceback can point into the page (or the fragment).
                    source, line = self.state_machine.get_source_and_line(self.content_offset + 1)
                    block["example_first_line"] = (source, line)
        return result


class ExampleCodeBlock(ExampleOptionsMixin, DialectCodeBlock):
    option_spec = {**DialectCodeBlock.option_spec, **ExampleOptionsMixin.option_spec_extra}


class ExampleLiteralInclude(ExampleOptionsMixin, DialectLiteralInclude):
    option_spec = {**DialectLiteralInclude.option_spec, **ExampleOptionsMixin.option_spec_extra}


class OutputDirective(SphinxDirective):
    """What the example just above prints, checked by the runner."""

    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True

    def run(self):
        if self.arguments and self.content:
            raise self.error("output takes a file or inline text, not both")
        if self.arguments:
            rel, path = self.env.relfn2path(self.arguments[0])
            self.env.note_dependency(rel)
            try:
                text = Path(path).read_text(encoding="utf-8").rstrip("\n")
            except OSError as exc:
                raise self.error(f"cannot read output file {self.arguments[0]!r}: {exc}") from exc
            first_line = (path, 1)
        elif self.content:
            text = "\n".join(self.content)
            first_line = self.state_machine.get_source_and_line(self.content_offset + 1)
        else:
            raise self.error("output needs a file argument or inline text")
        literal = nodes.literal_block(text, text)
        literal["language"] = "none"
        literal["classes"] += [OUTPUT_CLASS, NO_COPY_CLASS]
        literal["example_output"] = True
        literal["example_first_line"] = first_line
        self.set_source_info(literal)
        wrapper = container_wrapper(self, literal, "Output")
        wrapper["classes"].append("example-output-wrapper")
        return [wrapper]


def relative_source(app, source):
    """A source path as the reader of an error message wants it: from the repo root."""
    if not source:
        return None
    path = Path(source)
    try:
        return path.resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    except ValueError:
        return str(path)


def literalinclude_first_line(block, code):
    """Where *code* starts inside the file a literalinclude took it from."""
    path = block.get("source")
    if not path:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    offset = text.find(code.split("\n", 1)[0])
    if offset < 0:
        return None
    return path, text.count("\n", 0, offset) + 1


def collect_examples(app, doctree):
    """Record the Python examples of the page just read, in page order."""
    env = app.env
    docname = env.docname
    examples = []
    last_example = None
    for block in doctree.findall(nodes.literal_block):
        if block.get("example_output"):
            attach_output(app, block, last_example)
            last_example = None
            continue
        context = python_context(block.get("language"))
        if context is None:
            last_example = None
            continue
        code = block.astext()
        if block.get("example_module") and context != "script":
            logger.warning(
                ":module: applies to Python script blocks, not to %s",
                block.get("language"),
                location=block,
                type="examples",
                subtype="module",
            )
        if block.get("source"):  # literalinclude names the file it read
            first = literalinclude_first_line(block, code)
        else:
            first = block.get("example_first_line")
        source, line = first or (block.source, block.line)
        example = {
            "index": len(examples),
            "context": context,
            "code": code,
            "source": relative_source(app, source),
            "line": line,
            "flavor": flavor_of(block, app.config.example_flavors),
            "exempt": dict(block.get("example_exempt", {})),
            "timeout": block.get("example_timeout"),
            "module": block.get("example_module"),
            "output": None,
        }
        examples.append(example)
        last_example = (block, example)
    env.example_blocks[docname] = examples


def attach_output(app, output_block, last_example):
    if last_example is None:
        logger.warning(
            "output block does not follow a Python example",
            location=output_block,
            type="examples",
            subtype="orphan-output",
        )
        return
    block, example = last_example
    if example["context"] == "repl":
        logger.warning(
            "a REPL (>>>) example shows its output inline; remove this output block",
            location=output_block,
            type="examples",
            subtype="repl-output",
        )
        return
    if flavor_of(output_block, app.config.example_flavors) != example["flavor"]:
        logger.warning(
            "output block is in another tab than the example before it",
            location=output_block,
            type="examples",
            subtype="orphan-output",
        )
        return
    source, line = output_block["example_first_line"]
    example["output"] = output_block.astext()
    example["output_source"] = relative_source(app, source)
    example["output_line"] = line


def init_env(app, env, docnames):
    if not hasattr(env, "example_blocks"):
        env.example_blocks = {}


def purge_doc(app, env, docname):
    getattr(env, "example_blocks", {}).pop(docname, None)


def merge_info(app, env, docnames, other):
    env.example_blocks.update({d: other.example_blocks[d] for d in docnames if d in other.example_blocks})


def manifest_path(app):
    return Path(app.outdir).parent / MANIFEST_NAME


def write_manifest(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    env = app.env
    pages = {}
    for docname in sorted(env.found_docs):
        pages[docname] = {
            "html": app.builder.get_target_uri(docname),
            "title": env.titles[docname].astext() if docname in env.titles else docname,
            "source": relative_source(app, env.doc2path(docname)),
            "examples": env.example_blocks.get(docname, []),
        }
    data = {"flavors": list(app.config.example_flavors), "pages": pages}
    path = manifest_path(app)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def setup(app):
    app.setup_extension("_ext.mongodb_dialect")
    app.setup_extension("_ext.flavor_tabs")
    app.add_directive("code-block", ExampleCodeBlock, override=True)
    app.add_directive("code", ExampleCodeBlock, override=True)
    app.add_directive("sourcecode", ExampleCodeBlock, override=True)
    app.add_directive("literalinclude", ExampleLiteralInclude, override=True)
    app.add_directive("output", OutputDirective)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-read", collect_examples)
    app.connect("build-finished", write_manifest)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
