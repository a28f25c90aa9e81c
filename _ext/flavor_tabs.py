"""Tab sets whose tabs are example flavours, checked at build time.

Choosing a flavour on one tab set switches every tab set of the page (and of
the site) to it. That only works when every tab set on the page offers every
flavour the page uses; a set that lacks one is reported here, with its file
and line, and the build (run with warnings as errors) fails.

This module also records each tab set's source position, which sphinx-tabs
does not, so that the warning can name it.
"""

from sphinx.util import logging
from sphinx_tabs.tabs import TabsDirective

from tested_examples.sphinx_ext.tabs import is_tab_set, tab_set_flavors

logger = logging.getLogger(__name__)


class LocatedTabsDirective(TabsDirective):
    """sphinx-tabs' ``tabs`` directive, with the directive's file and line kept."""

    def run(self):
        result = super().run()
        result[0].source, result[0].line = self.get_source_info()
        return result


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
    app.setup_extension("tested_examples.sphinx_ext")
    app.add_directive("tabs", LocatedTabsDirective, override=True)
    app.connect("doctree-read", check_flavor_coverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
