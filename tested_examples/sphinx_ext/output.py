"""``.. output::``: what the example just above prints, checked by the runner.

Given inline, or as a file argument (``.. output:: /includes/x.txt``). It is
shown under the caption "Output", without a copy button.
"""

from pathlib import Path

from docutils import nodes
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from .code_options import NO_COPY_CLASS

OUTPUT_CLASS = "example-output"


class OutputDirective(SphinxDirective):
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


def setup(app):
    app.add_directive("output", OutputDirective)
