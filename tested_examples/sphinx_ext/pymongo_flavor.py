"""Derive the PyMongo Async flavour of a Motor example from its asyncio flavour, with motor_to_pymongo.

A ``flavors`` set without a ``.. flavor:: PyMongo Async`` section gets its
PyMongo Async tab from the converter: the same code, converted. Each block is
converted on its own (a ``>>>`` session statement by statement), so a block
that uses a Motor object made in an earlier block, whose kind the converter
cannot tell, is not derivable; nor is a block where the converter leaves a
place for a person. The build then fails naming the line, and the author
writes that tab by hand, as the section says why a person writes it
differently.
"""

from motor_to_pymongo import Context, SyntaxProblem, convert_source
from motor_to_pymongo.cli import plain

from ..runner.converted import convert_repl
from .tornado_flavor import Derivation, NotDerivable


def derive(text):
    """The PyMongo Async flavour of *text*; raises NotDerivable where the converter leaves work."""
    context = Context()
    try:
        if text.lstrip().startswith(">>>"):
            derived, findings = convert_repl(text, context)
        else:
            result = convert_source(text, context)
            derived, findings = result.text, result.findings
    except SyntaxProblem as exc:
        raise NotDerivable(f"the converter cannot parse it: {exc}", exc.line - 1) from exc
    manual = [f for f in findings if f.manual]
    if manual:
        first = manual[0]
        raise NotDerivable(
            f"motor_to_pymongo leaves a place for a person ({first.detail}: {plain(first.rule.what)}): "
            "write the PyMongo Async tab by hand",
            first.line - 1,
        )
    return Derivation(derived, derived != text)
