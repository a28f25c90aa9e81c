"""How a page's examples are grouped into runs.

A page runs once per flavour it offers. Each run takes, in page order, the
examples of that flavour and those outside any tab set, so a later step can
use what an earlier one made, exactly as a reader following one tab would.
A page with no tab sets runs once.
"""

from dataclasses import dataclass

from ..schema import Page


@dataclass(frozen=True)
class PageRun:
    page: Page
    flavor: str | None
    examples: tuple

    @property
    def name(self):
        return f"{self.page.docname}[{self.flavor}]" if self.flavor else self.page.docname


def page_runs(page):
    flavors = page.flavors()
    if not flavors:
        return [PageRun(page, None, page.examples)]
    return [
        PageRun(page, flavor, tuple(e for e in page.examples if e.flavor in (None, flavor)))
        for flavor in flavors
    ]
