"""Compare what an example printed with what its page shows.

Only these differences are forgiven, in both texts alike:

* an ObjectId (``ObjectId('...')`` or its 24 hex digits) matches any ObjectId;
* a date or time (``datetime.datetime(...)``, ISO 8601 text, BSON
  ``Timestamp(...)``) matches any other;
* a duration matches any other: a number of milliseconds or microseconds
  written with a space before its unit (``8.4 ms``, ``120 µs``), and the
  value of a ``durationMS`` field (``"durationMS": 12.01``), as PyMongo's
  structured log messages carry it;
* the ids that number a driver's requests and a server's connections match
  any other: the integer value of a ``requestId``, ``operationId`` or
  ``serverConnectionId`` field;
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
# How long something took differs on every run. Only a number with a space
# before ms or µs counts, so that a configured limit quoted in a message
# without one, such as PyMongo's "timeoutMS: 100.0ms", is still checked.
NUMBER = r"\d+(?:\.\d+)?(?:e-?\d+)?"
DURATION = re.compile(rf"\b{NUMBER} (?:ms|µs)(?!\w)")
# A field as json.dumps or repr() of a dict writes it.
DURATION_FIELD = re.compile(rf"([\"']durationMS[\"']: ){NUMBER}")
# Request and operation ids are random; a server numbers its connections
# from its start, so the count depends on what ran before.
ID_FIELD = re.compile(r"([\"'](?:requestId|operationId|serverConnectionId)[\"']: )\d+")

_checker = doctest.OutputChecker()


def normalise(text):
    text = OBJECT_ID.sub("<ObjectId>", text)
    text = DATETIME_REPR.sub("<datetime>", text)
    text = ISO_DATETIME.sub("<datetime>", text)
    text = BSON_TIMESTAMP.sub("<Timestamp>", text)
    text = DURATION_FIELD.sub(r"\1<duration>", text)
    text = DURATION.sub("<duration>", text)
    return ID_FIELD.sub(r"\1<id>", text)


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
