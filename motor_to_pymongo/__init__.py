"""Convert Motor code to PyMongo Async: ``python -m motor_to_pymongo PATH...`` (see cli.py)."""

from .rules import RULES, Rule, cannot_do

TRANSFORM_NAMES = frozenset({"Context", "Finding", "Result", "SyntaxProblem", "convert_source"})


def __getattr__(name):
    # The transformer needs LibCST, which takes most of a second to import. Its names are
    # imported when first used, so that what only reads the rules or the kinds (the site's
    # build, on a rebuild with nothing to convert) does not pay for it.
    if name in TRANSFORM_NAMES:
        from . import transform

        return getattr(transform, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RULES", "Context", "Finding", "Result", "Rule", "SyntaxProblem", "cannot_do", "convert_source"]
