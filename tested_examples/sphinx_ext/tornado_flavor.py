"""Derive the Tornado flavour of a Motor example from its asyncio flavour.

Motor builds both of its APIs from one set of classes: ``motor.motor_tornado``
has a twin of every class in ``motor.motor_asyncio``, with the same methods,
named ``MotorX`` instead of ``AsyncIOMotorX``. Since Tornado 5 runs on
asyncio's event loop, an example written for one runs unchanged with the
other once its imports and class names say so. That is all this module
changes:

* ``motor.motor_asyncio`` (and ``motor_asyncio`` imported from ``motor``)
  becomes ``motor.motor_tornado``;
* each ``AsyncIOMotorX`` becomes ``MotorX``.

The rewrite works on whole words, in code, comments and strings alike, and
never adds or removes a line, so a derived block's line N is its source's
line N and a traceback still points at the page.

The table of names is read from the installed Motor, not typed here, so a
class that a new Motor adds is derived too. A name the table lacks, or a part
of Motor that exists for asyncio only (``motor.aiohttp``), cannot be derived:
``derive`` raises ``NotDerivable`` naming the line, and the author writes
that Tornado tab by hand.
"""

import functools
import re
from dataclasses import dataclass

ASYNCIO_PREFIX = "AsyncIOMotor"
TORNADO_PREFIX = "Motor"
ASYNCIO_CLASS = re.compile(r"\bAsyncIOMotor\w*")
# The module's name wherever it stands: `import motor.motor_asyncio`, `from motor import x, motor_asyncio`,
# `motor_asyncio.AsyncIOMotorClient`.
ASYNCIO_MODULE = re.compile(r"\bmotor_asyncio\b")
# Parts of Motor that only asyncio has: there is nothing to derive them into.
ASYNCIO_ONLY = re.compile(
    r"\bmotor\.aiohttp\b|\bfrom motor import\b[^#]*\baiohttp\b"
    r"|\bmotor\.frameworks\.asyncio\b|\bfrom motor\.frameworks import\b[^#]*\basyncio\b"
)


class NotDerivable(ValueError):
    """The text uses something of Motor's that has no Tornado counterpart to derive."""

    def __init__(self, message, line_offset):
        super().__init__(message)
        self.line_offset = line_offset  # lines from the start of the text


@functools.cache
def class_names():
    """``{"AsyncIOMotorClient": "MotorClient", ...}`` for every class the installed Motor has."""
    import motor.motor_asyncio
    import motor.motor_tornado

    names = {}
    for name in dir(motor.motor_asyncio):
        if name.startswith(ASYNCIO_PREFIX) and isinstance(getattr(motor.motor_asyncio, name), type):
            twin = TORNADO_PREFIX + name[len(ASYNCIO_PREFIX) :]
            if isinstance(getattr(motor.motor_tornado, twin, None), type):
                names[name] = twin
    return names


@dataclass(frozen=True)
class Derivation:
    text: str
    changed: bool


def derive(text):
    """The Tornado flavour of *text*; raises NotDerivable where there is none."""
    names = class_names()
    out = []
    for offset, line in enumerate(text.split("\n")):
        if match := ASYNCIO_ONLY.search(line):
            raise NotDerivable(f"{match.group(0)} is for asyncio only: write the Tornado tab by hand", offset)
        for match in ASYNCIO_CLASS.finditer(line):
            if match.group(0) not in names:
                raise NotDerivable(
                    f"{match.group(0)} is no class of the installed Motor's motor_asyncio, "
                    "so its Tornado name is unknown",
                    offset,
                )
        line = ASYNCIO_CLASS.sub(lambda m: names[m.group(0)], line)
        line = ASYNCIO_MODULE.sub("motor_tornado", line)
        out.append(line)
    derived = "\n".join(out)
    return Derivation(derived, derived != text)
