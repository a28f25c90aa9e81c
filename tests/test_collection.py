"""Collection sees pages as rendered: included and literal-included code too,
each traced to the file and line it came from."""

import pytest

from tested_examples.site_build import copy_site, sphinx_build

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

PAGE = """Collected
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


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("collect") / "src", with_content=False)
    (root / "includes" / "test-fragment.rst").write_text(FRAGMENT)
    (root / "code").mkdir()
    (root / "code" / "shown.py").write_text(CODE_FILE)
    (root / "index.rst").write_text(PAGE)
    build = sphinx_build(root, root.parent / "out")
    assert build.returncode == 0, build.warnings
    return build.manifest().pages["index"].examples


def test_only_python_blocks_are_collected_in_page_order(collected):
    assert [e.context for e in collected] == ["script", "script", "repl", "repl"]


def test_an_included_block_names_the_fragment_and_its_line(collected):
    fragment = collected[0]
    assert (fragment.source, fragment.line) == ("includes/test-fragment.rst", 5)
    assert fragment.output == "from a fragment"
    assert fragment.output_source == "includes/test-fragment.rst"


def test_a_literalinclude_names_the_code_file_and_the_first_shown_line(collected):
    shown = collected[1]
    assert (shown.source, shown.line) == ("code/shown.py", 6)
    assert shown.code.rstrip("\n") == 'data = {"a": 1}\nprint(json.dumps(data))'
    assert shown.output == '{"a": 1}'


def test_blocks_in_group_tabs_carry_their_flavour(collected):
    assert [e.flavor for e in collected] == [None, None, "asyncio", "Tornado"]
