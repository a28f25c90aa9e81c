"""Tab sets whose tabs are example flavours, checked at build time.

Pages show the same example for each flavour (``asyncio``, ``Tornado``, ...)
in sphinx-tabs group tabs, so choosing a flavour on one tab set switches them
all. That only works when every tab set on the page offers every flavour the
page uses; a set that lacks one is reported here, with its file and line, and
the build (run with warnings as errors) fails.

This module also records each tab set's source position, which sphinx-tabs
does not, so that the report and other checks can name it.
"""

import base64

from docutils import nodes
from sphinx.util import logging
from sphinx_tabs.tabs import SphinxTabsPanel, TabsDirective

logger = logging.getLogger(__name__)

TAB_SET_CLASS = "sphinx-tabs"
GROUP_TAB_CLASS = "group-tab"


class LocatedTabsDirective(TabsDirective):
    """sphinx-tabs' ``tabs`` directive, with the directive's file and line kept."""

    def run(self):
        result = super().run()
        result[0].source, result[0].line = self.get_source_info()
        return result


def group_tab_label(panel):
    """The label of a group-tab panel, decoded from the id sphinx-tabs gives it."""
    # sphinx-tabs appends "-1", "-2" when a label repeats within one set;
    # the base64 alphabet has no "-", so the label is what comes before it.
    encoded = panel.get("name", "").split("-", 1)[0]
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def is_tab_set(node):
    return isinstance(node, nodes.container) and TAB_SET_CLASS in node.get("classes", [])


def tab_set_flavors(tab_set, flavors):
    """The example flavours offered by the panels directly inside *tab_set*."""
    found = []
    for child in tab_set.children:
        if isinstance(child, SphinxTabsPanel) and GROUP_TAB_CLASS in child["classes"]:
            label = group_tab_label(child)
            if label in flavors:
                found.append(label)
    return found


def flavor_of(node, flavors):
    """The flavour of the group tab that holds *node*, or None outside any."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SphinxTabsPanel) and GROUP_TAB_CLASS in parent["classes"]:
            label = group_tab_label(parent)
            if label in flavors:
                return label
        parent = parent.parent
    return None


def check_flavor_coverage(app, doctree):
    flavors = app.config.example_flavors
    tab_sets = [(ts, tab_set_flavors(ts, flavors)) for ts in doctree.findall(is_tab_set)]
    page_flavors = []
    for _, offered in tab_sets:
        page_flavors.extend(f for f in offered if f not in page_flavors)
    for tab_set, offered in tab_sets:
        if not offered:
            continue  # a tab set that is not about flavours (e.g. operating systems)
        missing = [f for f in page_flavors if f not in offered]
        if missing:
            logger.warning(
                "tab set lacks the %s flavour%s that other tab sets on this page offer (it has: %s)",
                ", ".join(repr(m) for m in missing),
                "s" if len(missing) > 1 else "",
                ", ".join(offered),
                location=tab_set,
                type="flavor-tabs",
                subtype="missing-flavor",
            )


def setup(app):
    app.setup_extension("sphinx_tabs.tabs")
    app.add_config_value("example_flavors", ["asyncio", "Tornado"], "env", [list])
    app.add_directive("tabs", LocatedTabsDirective, override=True)
    app.connect("doctree-read", check_flavor_coverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
