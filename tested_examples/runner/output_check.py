"""Compare what an example printed with what its page shows.

Only these differences are forgiven, in both texts alike:

* an ObjectId (``ObjectId('...')`` or its 24 hex digits) matches any ObjectId;
* a date or time (``datetime.datetime(...)``, ISO 8601 text, BSON
  ``Timestamp(...)``) matches any other;
* ``...`` in the page's text matches any run of characters (doctest's ELLIPSIS).

Anything else must be printed exactly as shown.
"""

import difflib
import doctest
import re

OBJECT_ID = re.compile(r"\b[0-9a-f]{24}\b")
DATETIME_REPR = re.compile(r"datetime\.datetime\([^()]*(?:\([^()]*\)[^()]*)*\)")
ISO_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
BSON_TIMESTAMP = re.compile(r"Timestamp\(\d+, \d+\)")

_checker = doctest.OutputChecker()


def normalise(text):
    text = OBJECT_ID.sub("<ObjectId>", text)
    text = DATETIME_REPR.sub("<datetime>", text)
    text = ISO_DATETIME.sub("<datetime>", text)
    return BSON_TIMESTAMP.sub("<Timestamp>", text)


def _with_newline(text):
    return text if not text or text.endswith("\n") else text + "\n"


def matches(expected, printed):
    """True when *printed* is what *expected* shows, up to the forgiven differences."""
    want, got = _with_newline(normalise(expected)), _with_newline(normalise(printed))
    return _checker.check_output(want, got, doctest.ELLIPSIS)


def diff(expected, printed, expected_label, printed_label="printed"):
    """A unified diff from the page's text to the printed text."""
    lines = difflib.unified_diff(
        _with_newline(expected).splitlines(keepends=True),
        _with_newline(printed).splitlines(keepends=True),
        fromfile=f"{expected_label} (shown on the page)",
        tofile=printed_label,
    )
    return "".join(lines) or "(the texts differ only in white space at line ends)\n"
