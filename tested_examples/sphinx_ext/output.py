"""``.. output::``: what the example just above prints, checked by the runner.

Given inline, or as a file argument (``.. output:: /includes/x.txt``). It is
shown under the caption "Output", without a copy button. With ``:condition:
NAME`` it is what the example prints under that condition (see
``runner.conditions``: ``closed-port``, no server answers; ``held-aggregate``,
no aggregation is answered in time), shown as "Output when" and the
condition's description, and the runner sets the condition up to check it.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from ..runner.conditions import CONDITIONS
from .code_options import NO_COPY_CLASS

OUTPUT_CLASS = "example-output"


class OutputDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec = {"condition": directives.unchanged_required}

    def run(self):
        condition = self.options.get("condition")
        if condition is not None and condition not in CONDITIONS:
            raise self.error(
                f"unknown condition {condition!r}; the runner knows {', '.join(sorted(CONDITIONS))}"
            )
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
        if condition:
            literal["example_condition"] = condition
        self.set_source_info(literal)
        caption = f"Output when {CONDITIONS[condition].description}" if condition else "Output"
        wrapper = container_wrapper(self, literal, caption)
        wrapper["classes"].append("example-output-wrapper")
        return [wrapper]


def setup(app):
    app.add_directive("output", OutputDirective)
