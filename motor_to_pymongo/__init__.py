"""Convert Motor code to PyMongo Async: ``python -m motor_to_pymongo PATH...`` (see cli.py)."""

from .rules import RULES, Rule, cannot_do
from .transform import Context, Finding, Result, SyntaxProblem, convert_source

__all__ = ["RULES", "Context", "Finding", "Result", "Rule", "SyntaxProblem", "cannot_do", "convert_source"]
