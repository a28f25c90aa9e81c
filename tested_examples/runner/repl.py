"""A ``>>>`` block, split into statements and what each should print.

The block is read the way doctest reads it: a statement starts at ``>>>``,
continues over ``...`` lines, and the lines up to the next prompt or blank
line are its expected output (an echoed value, printed text, or a traceback).
"""

import doctest
from dataclasses import dataclass

_parser = doctest.DocTestParser()


@dataclass(frozen=True)
class Statement:
    source: str
    want: str
    line_offset: int  # lines from the start of the block to the ">>>" line
    exception: str | None  # "ExcType: message" when the block shows a traceback


def statements(code):
    """The statements of a REPL block, in order."""
    found = []
    for example in _parser.parse(code):
        if isinstance(example, doctest.Example):
            found.append(Statement(example.source, example.want, example.lineno, example.exc_msg))
    return found


def statement_sources(code):
    """The code a reader copies from a REPL block: the statements, no prompts, no output."""
    return "".join(s.source for s in statements(code))
