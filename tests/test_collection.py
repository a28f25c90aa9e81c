"""Collection sees pages as rendered: included and literal-included code too,
each traced to the file and line it came from.

The page is a case of the fault site, where it must build cleanly
(tests/test_fault_site.py).
"""

import pytest


@pytest.fixture(scope="module")
def collected(fault_site):
    """The examples of the fault site's page ``collected`` (tests/fault_site/build_cases.py)."""
    assert fault_site.warnings_of("collected") == []
    return fault_site.manifest.pages["collected"].examples


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
