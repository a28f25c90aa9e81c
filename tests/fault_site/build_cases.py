"""Cases of the build itself: broken pages and data it must report, a page whose examples it must
collect as rendered, and MongoDB's own page, which it must build unchanged.

tests/test_site_faults.py, test_compatibility.py, test_api_reference.py and
test_collection.py read them.
"""

from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tested_examples.site_build import ROOT

from .case import Case

# Broken pages: (text, the line the build must name, a pattern of its message). Each page is in the
# table of contents, so that its lines are the ones given here.
BROKEN_PAGES = {
    "broken-include": (
        "Page\n====\n\nText.\n\n.. include:: /includes/no-such-fragment.rst\n",
        6,
        r"no-such-fragment\.rst",
    ),
    "missing-flavor": (
        "Page\n====\n\n"
        ".. tabs::\n\n   .. group-tab:: asyncio\n\n      A.\n\n   .. group-tab:: Tornado\n\n      T.\n\n"
        ".. tabs::\n\n   .. group-tab:: asyncio\n\n      Only asyncio.\n",
        14,
        r"tab set lacks the 'Tornado' flavour",
    ),
    "unknown-role": (
        "Page\n====\n\nSee :nosuchrole:`this`.\n",
        4,
        r'Unknown interpreted text role "nosuchrole"',
    ),
}


COMPAT_DATA = "data/compatibility.toml"


def motor_python_floor():
    """The oldest Python the installed Motor declares, as "3.9"."""
    specifier = SpecifierSet(metadata.metadata("motor")["Requires-Python"])
    (floor,) = [Version(spec.version) for spec in specifier if spec.operator == ">="]
    return f"{floor.major}.{floor.minor}"


def one_minor_before(version):
    major, minor = version.split(".")
    return f"{major}.{int(minor) - 1}"


# The installed Motor's row gives an oldest Python one minor too old: the fault the compatibility
# guide quotes.
WRONG_PYTHON_FLOOR = one_minor_before(motor_python_floor())


def python_floor_too_old(text):
    motor = Version(metadata.version("motor"))
    row = text.index(f'release = "{motor.major}.{motor.minor}"')
    right = f'python.motor-docs = "{motor_python_floor()}-'
    at = text.find(right, row)
    assert at != -1, f"the installed Motor's row in {COMPAT_DATA} no longer has {right!r}: update this case"
    return text[:at] + f'python.motor-docs = "{WRONG_PYTHON_FLOOR}-' + text[at + len(right) :]


# A page of every table and list drawn from the data, which must build even when a row is wrong.
COMPAT_TABLES_PAGE = """\
Tables
======

Motor :tested-stack:`motor` with PyMongo :tested-stack:`pymongo`.

.. compat-table:: stack

.. compat-table:: mongodb

.. compat-differences:: mongodb

.. compat-table:: python

.. compat-table:: pymongo

.. compat-table:: pymongo-needs

.. compat-table:: tornado

.. compat-sources::
"""


API_PROSE = "data/api-reference.toml"
EACH_INSTEAD = '[members-everywhere.each]\ninstead = "``async for`` over the cursor."\n'


def without_each_instead(text):
    assert EACH_INSTEAD in text, f"the each() entry of {API_PROSE} moved: update this case"
    return text.replace(EACH_INSTEAD, "")


FRAGMENT = """Some words first.

.. code-block:: python

   print("from a fragment")

.. output::

   from a fragment
"""

CODE_FILE = '''"""A module whose middle part a page shows."""

import json

# start of the shown part
data = {"a": 1}
print(json.dumps(data))
# end of the shown part
'''

COLLECTED_PAGE = """Collected
=========

.. include:: /includes/test-fragment.rst

.. literalinclude:: /code/shown.py
   :language: python
   :start-at: data =
   :end-at: print(

.. output::

   {"a": 1}

.. tabs::

   .. group-tab:: asyncio

      .. code-block:: pycon

         >>> 1 + 1
         2

   .. group-tab:: Tornado

      .. code-block:: pycon

         >>> 2 + 2
         4

.. code-block:: sh

   $ python -m pip install motor

::

   plain text, never Python
"""

# What the site's extensions make of the pages' examples, on a page that must build cleanly. With
# the tables page and the cursor's page, every kind of content the site generates is in the fault
# site, so that building it twice (tests/test_site_build.py) compares them all.
GENERATED_PAGE = """\
Generated
=========

.. mock-differences::

.. code-block:: pycon

   >>> print("a step")
   a step

.. tutorial-script:: steps.py
"""

# MongoDB's page is not ours to copy into the repository; it sits in shared/ beside the checkout,
# as it does on CI.
SEED = ROOT.parent / "shared" / "seed" / "000_a29094f968f48641.txt"
SEED_PAGE = "source/mongodb-seed.rst"
# The one page of ours MongoDB's page links to; its content plays no part.
PYMONGO_STAND_IN = "PyMongo\n=======\n\nThe page MongoDB's page links to.\n"


def seed_case():
    if not SEED.exists():
        return {}  # tests/test_site_faults.py says so
    return {
        "mongodb-seed": Case(
            files={SEED_PAGE: SEED.read_text(encoding="utf-8"), "pymongo.rst": PYMONGO_STAND_IN}
        )
    }


CURSOR_PAGE = "source/reference/cursor.rst"

CASES = {
    **{
        name: Case(files={f"{name}.rst": text}, warns_at=(f"{name}.rst",))
        for name, (text, _, _) in BROKEN_PAGES.items()
    },
    "compat-python-floor": Case(
        files={"compat-tables.rst": COMPAT_TABLES_PAGE},
        edits=((COMPAT_DATA, python_floor_too_old),),
        warns_at=(COMPAT_DATA,),
    ),
    # One reference page, without the pages it links to: its links to them and the deprecation
    # notice's fail too, and are its warnings as much as the one its test reads.
    "api-no-instead": Case(
        files={CURSOR_PAGE: (ROOT / CURSOR_PAGE).read_text(encoding="utf-8")},
        edits=((API_PROSE, without_each_instead),),
        warns_at=(CURSOR_PAGE, "includes/motor-deprecation-notice.rst"),
    ),
    "generated": Case(files={"generated.rst": GENERATED_PAGE}),
    "collected": Case(
        files={
            "collected.rst": COLLECTED_PAGE,
            "includes/test-fragment.rst": FRAGMENT,
            "code/shown.py": CODE_FILE,
        }
    ),
    **seed_case(),
}
