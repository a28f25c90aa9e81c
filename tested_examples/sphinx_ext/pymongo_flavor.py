"""Derive the PyMongo Async flavour of a Motor example from its asyncio flavour, with motor_to_pymongo.

A ``flavors`` set without a ``.. flavor:: PyMongo Async`` section gets its
PyMongo Async tab from the converter: the same code, converted. A page's
Python blocks are converted in page order with one ``PageConverter`` (the
one the converter's proof run uses), so a block that uses a Motor object an
earlier block made (``client.close()`` at the end of a ``>>>`` session) is
converted as the runner runs it. What is fed, in page order: each set's
asyncio source, and the blocks outside any tab set or in an ``asyncio`` tab
written by hand; never a hand-written tab of another flavour.

The converter lives in the document being read (``env.temp_data``), so it
starts afresh for each page, sees a fragment that two tutorials include
once within each of them, and keeps nothing between builds: a page read
again, alone or in a parallel process, is converted from its start again.

A block where the converter leaves a place for a person is not derivable:
the build then fails naming the line, and the author writes that tab by
hand, as the section says why a person writes it differently.
"""

from docutils import nodes

import motor_to_pymongo
from motor_to_pymongo.cli import plain

from ..runner.converted import PageConverter
from .collector import python_context
from .tabs import flavor_of
from .tornado_flavor import Derivation, NotDerivable

FLAVOR = "PyMongo Async"
CONVERTER = "example_pymongo_converter"
# Literal blocks of the page already fed to the page's converter (by id: nodes do not hash by value).
FED = "example_pymongo_fed"
# Flavours whose blocks the runner runs in the asyncio run, where the converter's proof converts them.
FED_FLAVORS = (None, "asyncio")


def derive(text):
    """The PyMongo Async flavour of *text* on its own; raises NotDerivable where the converter leaves work."""
    kind = "repl" if text.lstrip().startswith(">>>") else "script"
    return derivation(text, convert(PageConverter(), text, kind))


def convert(converter, text, kind):
    """(text, findings) from *converter*; raises NotDerivable where the text does not parse."""
    try:
        return converter.convert(text, kind)
    except motor_to_pymongo.SyntaxProblem as exc:
        raise NotDerivable(f"the converter cannot parse it: {exc}", exc.line - 1) from exc


def derivation(text, converted):
    """The Derivation of *text* from its conversion; raises NotDerivable at a place left for a person."""
    derived, findings = converted
    manual = [f for f in findings if f.manual]
    if manual:
        first = manual[0]
        problem = NotDerivable(
            f"motor_to_pymongo leaves a place for a person ({first.detail}: {plain(first.rule.what)}): "
            "write the PyMongo Async tab by hand",
            first.line - 1,
        )
        # What a hand-written tab tells its reader about why (reStructuredText inline markup).
        problem.for_reader = f"the converter cannot make this tab: {first.rule.what}."
        raise problem
    return Derivation(derived, derived != text)


def example_kind(block):
    """'script' or 'repl' for a Python example block, None for output and other languages."""
    if block.get("example_output"):
        return None
    return python_context(block.get("language"))


class PageDerivation:
    """The page's converter, fed in page order; ``page_derivation(env)`` gives the current page's."""

    def __init__(self):
        self.converter = PageConverter()
        self.fed = set()

    def catch_up(self, document, flavors):
        """Feed the page's blocks read so far that the converter has not seen, in page order."""
        for block in document.findall(nodes.literal_block):
            if id(block) in self.fed:
                continue
            kind = example_kind(block)
            if kind is None or flavor_of(block, flavors) not in FED_FLAVORS:
                continue
            self.fed.add(id(block))
            try:
                self.converter.convert(block.astext(), kind)
            except motor_to_pymongo.SyntaxProblem:
                pass  # the collector and the runner say so; the page's next blocks still convert

    def derive_source(self, blocks):
        """[Derivation or NotDerivable] for a set's source *blocks*, each marked as fed."""
        out = []
        for block in blocks:
            self.fed.add(id(block))
            text = block.astext()
            try:
                out.append(derivation(text, convert(self.converter, text, example_kind(block))))
            except NotDerivable as exc:
                out.append(exc)
        return out

    def mark_fed(self, node):
        """The blocks of a set's other tabs: copies or versions of its source, never fed again."""
        self.fed.update(id(block) for block in node.findall(nodes.literal_block))


def page_derivation(env):
    derivation_of_page = env.temp_data.get(CONVERTER)
    if derivation_of_page is None:
        derivation_of_page = env.temp_data[CONVERTER] = PageDerivation()
    return derivation_of_page
