"""``.. converter-limits::``: the list of what motor_to_pymongo leaves for a person, from its rules.

The list is made from ``motor_to_pymongo.rules.cannot_do()`` at build time, so
a report-only rule added to the converter appears on the page without anyone
typing it, and one removed disappears.
"""

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from motor_to_pymongo.rules import cannot_do


class ConverterLimits(SphinxDirective):
    has_content = False

    def run(self):
        source, line = self.get_source_info()
        text = StringList()
        for what, fix, anchor in cannot_do():
            text.append(f"* {what}: {fix} (:ref:`{anchor}`).", source, line)
        container = nodes.container(classes=["converter-limits"])
        self.state.nested_parse(text, self.content_offset, container)
        return container.children


def setup(app):
    app.add_directive("converter-limits", ConverterLimits)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
