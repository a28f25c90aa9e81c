"""The options an author puts on a code block, kept on the block for the collector.

``code-block`` and ``literalinclude`` are registered here once, with:

``:exempt-mock: reason`` / ``:exempt-live: reason``
    do not run on that tier, and why; the suite still runs it there and fails
    when the exemption is no longer needed;
``:timeout: seconds``
    a longer limit for a slow example;
``:module: name``
    on a Python script: the reader saves it as ``name.py``; the runner runs it
    as that module (its ``__main__`` guard stays shut), and later blocks
    import it;
``:copyable: false``
    MongoDB's dialect for a block without a copy button (a console session,
    say); what the copy button copies is part of what examples promise, so it
    is decided here;
``:not-output: reason``
    on a text block that looks like output but is not (a connection string's
    shape, say): why no run needs to produce it;
``:quoted-from: run``
    on a message quoted from a tool's run (a build warning, or mypy's report
    on an example): the named run, which a test makes and whose message it
    compares.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import CodeBlock, LiteralInclude

from ..schema import TIERS

NO_COPY_CLASS = "no-copybutton"


def positive_seconds(argument):
    value = float(argument)
    if value <= 0:
        raise ValueError("the timeout must be a positive number of seconds")
    return value


def copyable_flag(argument):
    """``:copyable: true`` or ``:copyable: false``, as MongoDB's pages write it."""
    return directives.choice(argument.strip().lower(), ("true", "false")) == "true"


OPTIONS = {
    "exempt-mock": directives.unchanged_required,
    "exempt-live": directives.unchanged_required,
    "timeout": positive_seconds,
    "module": directives.unchanged_required,
    "copyable": copyable_flag,
    "not-output": directives.unchanged_required,
    "quoted-from": directives.unchanged_required,
}


def first_line_in_file(path, code):
    """The line of *path* where *code* (a part a literalinclude took) starts."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    offset = text.find(code.split("\n", 1)[0])
    return None if offset < 0 else text.count("\n", 0, offset) + 1


class ExampleOptionsMixin:
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
                if self.options.get("copyable", True) is False:
                    block["classes"].append(NO_COPY_CLASS)
                for option in ("not-output", "quoted-from"):
                    if option in self.options:
                        block[f"example_{option.replace('-', '_')}"] = self.options[option]
                block["example_first_line"] = self.first_line(block)
                if "caption" in self.options:
                    block["example_caption"] = self.options["caption"]
        return result

    def first_line(self, block):
        """The file and line of the block's first line of code, so that a traceback points there."""
        if self.content:
            return self.state_machine.get_source_and_line(self.content_offset + 1)
        return None


class ExampleCodeBlock(ExampleOptionsMixin, CodeBlock):
    option_spec = {**CodeBlock.option_spec, **OPTIONS}


class ExampleLiteralInclude(ExampleOptionsMixin, LiteralInclude):
    option_spec = {**LiteralInclude.option_spec, **OPTIONS}

    def first_line(self, block):
        path = block.get("source")
        line = first_line_in_file(path, block.astext()) if path else None
        return (path, line) if line else None


def setup(app):
    for name in ("code-block", "code", "sourcecode"):
        app.add_directive(name, ExampleCodeBlock, override=True)
    app.add_directive("literalinclude", ExampleLiteralInclude, override=True)
