"""``.. flavors::`` on a temporary copy of the site: the tab set it makes, the
examples the collector sees in it, and the faults it reports with file and line.

The pages are cases of the fault site (tests/fault_site/flavor_cases.py):
pages that must build cleanly, and pages that must each fail with their own
warnings, in the one build that serves every test here.
"""

import base64
import contextlib
import io
import re
from html.parser import HTMLParser

import pytest
from docutils import nodes

from tested_examples.sphinx_ext.flavor_set import FlavorsDirective, flavor_list
from tested_examples.sphinx_ext.tornado_flavor import derive
from tests.fault_site.flavor_cases import FAULT_PAGES, GOOD_PAGES

ALL_FLAVORS = ["asyncio", "Tornado", "PyMongo Async"]


@pytest.fixture(scope="module")
def good_site(fault_site):
    """The pages that must build cleanly share the fault site's build: none of them may draw a warning."""
    assert {name: fault_site.warnings_of(name) for name in GOOD_PAGES if fault_site.warnings_of(name)} == {}
    return fault_site


def line_of(site, page, line_text):
    """The number of the one line of the page that reads exactly *line_text*."""
    return site.line_of(f"{page}.rst", line_text)


def warnings_of(site, page):
    """(line, level, message) of each warning that names *page*'s file."""
    return site.warnings_at(f"{page}.rst")


def examples(site, page):
    return site.manifest.pages[page].examples


class TabsParser(HTMLParser):
    """The group-tab labels of a page, and the text of each flavour's panel."""

    def __init__(self):
        super().__init__()
        self.labels, self.panels = [], {}
        self._button = self._panel = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "button" and "group-tab" in classes:
            self._button = []
        if tag != "div":
            return
        if self._panel is not None:
            self._depth += 1
        elif "sphinx-tabs-panel" in classes and "group-tab" in classes:
            self._panel = base64.b64decode(attrs["name"].split("-", 1)[0]).decode()
            self.panels[self._panel] = self.panels.get(self._panel, "")
            self._depth = 1

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            self.labels.append("".join(self._button))
            self._button = None
        if tag == "div" and self._panel is not None:
            self._depth -= 1
            if self._depth == 0:
                self._panel = None

    def handle_data(self, data):
        if self._button is not None:
            self._button.append(data)
        if self._panel is not None:
            self.panels[self._panel] += data


def tabs(good_site, page):
    parser = TabsParser()
    parser.feed((good_site.build.html_dir / f"{page}.html").read_text(encoding="utf-8"))
    return parser


def printed(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<example>", "exec"), {"__name__": "__main__"})
    return out.getvalue().rstrip("\n")


# -- A set with a derived Tornado tab and a PyMongo section --------------------------


def test_a_set_gives_one_example_per_flavour_in_tab_order(good_site):
    assert [e.flavor for e in examples(good_site, "basic")] == ALL_FLAVORS


def test_the_tornado_example_is_the_asyncio_one_derived(good_site):
    asyncio_example, tornado, _ = examples(good_site, "basic")
    assert tornado.code == derive(asyncio_example.code).text
    assert tornado.code != asyncio_example.code
    assert (tornado.derived_from, asyncio_example.derived_from) == ("asyncio", None)


def test_the_tornado_example_keeps_the_asyncio_ones_file_and_line(good_site):
    asyncio_example, tornado, pymongo = examples(good_site, "basic")
    first_line = line_of(good_site, "basic", "      import asyncio")
    assert (asyncio_example.source, asyncio_example.line) == ("basic.rst", first_line)
    assert (tornado.source, tornado.line) == ("basic.rst", first_line)
    pymongo_line = line_of(good_site, "basic", "         import asyncio")
    assert (pymongo.source, pymongo.line) == ("basic.rst", pymongo_line)
    assert pymongo.derived_from is None


def test_the_html_shows_three_group_tabs(good_site):
    assert tabs(good_site, "basic").labels == ALL_FLAVORS


def test_each_panel_shows_its_flavours_code(good_site):
    panels = tabs(good_site, "basic").panels
    assert sorted(panels) == sorted(ALL_FLAVORS)
    asyncio_example, tornado, pymongo = examples(good_site, "basic")
    assert tornado.code in panels["Tornado"]
    assert "AsyncIOMotor" not in panels["Tornado"] and "motor_asyncio" not in panels["Tornado"]
    assert asyncio_example.code in panels["asyncio"]
    assert pymongo.code in panels["PyMongo Async"]


def test_an_exemption_naming_a_motor_class_is_derived_too(good_site):
    assert [e.exempt for e in examples(good_site, "basic")] == [
        {"mock": "the mock's AsyncIOMotorClient lists no databases"},
        {"mock": "the mock's MotorClient lists no databases"},
        {},
    ]


def test_an_output_below_the_set_serves_every_flavour(good_site):
    output_line = line_of(good_site, "basic", "   ['admin', 'config', 'local']")
    assert [(e.output, e.output_source, e.output_line) for e in examples(good_site, "basic")] == [
        ("['admin', 'config', 'local']", "basic.rst", output_line)
    ] * 3


def test_derived_prose_and_code_stay_attached_to_their_nodes():
    # Inline code in a set's prose cannot go on a page of the fault site: it crashes the whole build.
    paragraph = nodes.paragraph("", "", nodes.Text("Connect with an "))
    paragraph += nodes.literal("AsyncIOMotorClient", "AsyncIOMotorClient")
    code = "from motor.motor_asyncio import AsyncIOMotorClient"
    panel = nodes.container("", paragraph, nodes.literal_block(code, code))
    FlavorsDirective.derive_panel(None, panel, "Tornado")  # no warning, so no directive needed
    assert panel.astext() == "Connect with an MotorClient\n\nfrom motor.motor_tornado import MotorClient"
    assert [text.parent is not None for text in panel.findall(nodes.Text)] == [True] * 3


# -- Outputs inside the set ------------------------------------------------------


def test_an_output_in_the_content_is_derived_with_its_example(good_site):
    source_output = line_of(
        good_site, "per-tab-output", "      <class 'motor.motor_asyncio.AsyncIOMotorClient'>"
    )
    pymongo_output = line_of(
        good_site, "per-tab-output", "         <class 'pymongo.asynchronous.mongo_client.AsyncMongoClient'>"
    )
    assert [(e.flavor, e.output, e.output_line) for e in examples(good_site, "per-tab-output")] == [
        ("asyncio", "<class 'motor.motor_asyncio.AsyncIOMotorClient'>", source_output),
        ("Tornado", "<class 'motor.motor_tornado.MotorClient'>", source_output),
        ("PyMongo Async", "<class 'pymongo.asynchronous.mongo_client.AsyncMongoClient'>", pymongo_output),
    ]


def test_each_flavour_prints_the_output_the_page_shows_for_it(good_site):
    shown = examples(good_site, "per-tab-output")
    assert [printed(e.code) for e in shown] == [e.output for e in shown]


# -- :only: and a hand-written Tornado tab -------------------------------------------


def test_only_limits_the_set_to_the_named_flavours(good_site):
    assert [e.flavor for e in examples(good_site, "only")] == ["asyncio", "PyMongo Async"]
    assert tabs(good_site, "only").labels == ["asyncio", "PyMongo Async"]


def test_the_tabs_come_in_the_order_only_names_them(good_site):
    assert [e.flavor for e in examples(good_site, "pymongo-first")] == ["PyMongo Async", "asyncio"]
    assert tabs(good_site, "pymongo-first").labels == ["PyMongo Async", "asyncio"]


def test_page_flavors_give_every_set_of_the_page_its_flavours(good_site):
    assert [e.flavor for e in examples(good_site, "page-flavors")] == ["Tornado", "PyMongo Async"]
    assert tabs(good_site, "page-flavors").labels == ["Tornado", "PyMongo Async"]
    (tornado, _) = examples(good_site, "page-flavors")
    assert tornado.code == "from motor.motor_tornado import MotorClient"


def test_a_derived_tab_like_its_source_is_fine_where_the_pymongo_tab_differs(good_site):
    assert "same-motor-code" not in good_site.build.warnings
    assert [e.code for e in examples(good_site, "same-motor-code")] == [
        'print("Motor returns the cursor at once")',
        'print("Motor returns the cursor at once")',
        'print("PyMongo Async awaits it")',
    ]


def test_a_tornado_section_replaces_the_derived_tab(good_site):
    asyncio_example, tornado, pymongo = examples(good_site, "tornado-section")
    assert [asyncio_example.flavor, tornado.flavor, pymongo.flavor] == ALL_FLAVORS
    assert tornado.code == (
        "import tornado.web\n"
        "from motor.motor_tornado import MotorClient\n\n"
        "app = tornado.web.Application(db=MotorClient().app)"
    )
    assert tornado.derived_from is None
    assert tornado.line == line_of(good_site, "tornado-section", "         import tornado.web")
    assert tabs(good_site, "tornado-section").labels == ALL_FLAVORS


def test_an_output_below_a_set_serves_no_example_of_an_earlier_set(good_site):
    first_asyncio, first_tornado, first_pymongo, second_asyncio, second_tornado = examples(
        good_site, "stale-tab-set"
    )
    assert [first_asyncio.output, first_tornado.output] == ["AsyncIOMotorClient", "MotorClient"]
    assert [second_asyncio.output, second_tornado.output] == ["second", "second"]
    assert first_pymongo.output is None


# -- Faults, each reported at its page's file and line ---------------------------------


def test_every_fault_page_fails_with_warnings_of_its_own(fault_site):
    # Warnings that name no fault page at all are tests/test_fault_site.py's.
    assert [name for name in FAULT_PAGES if not warnings_of(fault_site, name)] == []


def assert_one_warning(fault_site, page, line_text, message):
    """The page gives one warning, *message*, at the one line that reads *line_text*."""
    assert warnings_of(fault_site, page) == [(line_of(fault_site, page, line_text), "WARNING", message)]


def test_a_pymongo_tab_the_converter_cannot_make_is_reported_at_its_line(fault_site):
    # No PyMongo Async section, and code motor_to_pymongo leaves for a person: the tab needs writing.
    assert_one_warning(
        fault_site,
        "missing-pymongo",
        "      AsyncIOMotorClient().db.c.find().each(print)",
        "cannot derive the PyMongo Async tab: motor_to_pymongo leaves a place for a person "
        "(each: each(), fetch_next and next_object() do not exist in PyMongo Async): "
        "write the PyMongo Async tab by hand [flavors.not-derivable]",
    )


def test_a_derived_tab_identical_to_its_source_is_reported(fault_site):
    assert warnings_of(fault_site, "identical") == [
        (
            line_of(fault_site, "identical", ".. flavors::"),
            "WARNING",
            f"the derived {flavor} tab would be identical to the asyncio one: "
            "show the example once, without tabs [flavors.identical]",
        )
        for flavor in ("Tornado", "PyMongo Async")
    ]


NOT_DERIVABLE = (
    "cannot derive the Tornado tab: AsyncIOMotorUnknown is no class of the installed Motor's "
    "motor_asyncio, so its Tornado name is unknown [flavors.not-derivable]"
)


def test_an_unknown_motor_name_is_reported_at_its_code_line(fault_site):
    code_line = line_of(fault_site, "unknown-name", "      unknown = AsyncIOMotorUnknown()")
    # The exact file name is the test's below; this one holds the line.
    (warning,) = [w for w in fault_site.warnings if w.message == NOT_DERIVABLE]
    assert warning.path == "unknown-name.rst"
    assert (warning.line, warning.level) == (code_line, "WARNING")


def test_the_unknown_name_warning_names_the_page_file(fault_site):
    code_line = line_of(fault_site, "unknown-name", "      unknown = AsyncIOMotorUnknown()")
    assert (code_line, "WARNING", NOT_DERIVABLE) in warnings_of(fault_site, "unknown-name")


def test_a_tab_that_cannot_be_derived_is_not_also_called_identical(fault_site):
    assert not any("identical" in message for _, _, message in warnings_of(fault_site, "unknown-name"))


@pytest.mark.parametrize(
    "page, directive, message",
    [
        (
            "flavor-outside",
            ".. flavor:: PyMongo Async",
            "'.. flavor::' belongs inside a '.. flavors::' tab set, at its own indentation",
        ),
        ("only-unknown", ".. flavors::", "unknown flavour(s) in :only: Trio"),
        (
            "section-not-offered",
            ".. flavors::",
            "a section for 'Tornado', which this tab set does not derive or offer",
        ),
        ("second-section", ".. flavors::", "a second section for 'PyMongo Async'"),
        ("empty-section", ".. flavors::", "the 'PyMongo Async' section is empty"),
    ],
)
def test_a_malformed_set_is_an_error_at_its_directive(fault_site, page, directive, message):
    assert warnings_of(fault_site, page) == [
        (line_of(fault_site, page, directive), "ERROR", f"{message} [docutils]")
    ]


def test_a_shared_output_below_a_tab_that_has_its_own_is_reported(fault_site):
    assert_one_warning(
        fault_site,
        "shared-output-after-some",
        ".. output::",
        "an output below a tab set needs every tab to end in a script without one [examples.shared-output]",
    )


def test_a_shared_output_below_tabs_that_all_have_their_own_is_reported(fault_site):
    page = "shared-output-after-all"
    placed = [(line, level) for line, level, _ in warnings_of(fault_site, page)]
    assert placed == [(line_of(fault_site, page, ".. output::"), "WARNING")]


def test_a_shared_output_below_tabs_that_all_have_their_own_says_why(fault_site):
    (warning,) = warnings_of(fault_site, "shared-output-after-all")
    assert warning[2].endswith("[examples.shared-output]")


def test_only_without_a_value_is_an_option_error():
    with pytest.raises(ValueError):
        flavor_list(None)


# -- The page's converter, across blocks and includes -----------------------------


def test_a_block_uses_the_motor_objects_an_earlier_block_made(good_site):
    # The included fragment alone cannot tell that client is a Motor client; the page can.
    codes = {e.flavor: e.code for e in examples(good_site, "across-blocks") if "close" in e.code}
    assert codes == {
        "asyncio": ">>> client.close()",
        "Tornado": ">>> client.close()",
        "PyMongo Async": ">>> await client.close()",
    }


# -- Hand-written PyMongo Async tabs ----------------------------------------------


def test_a_section_the_converter_would_derive_must_go(fault_site):
    assert_one_warning(
        fault_site,
        "derivable-section",
        "   .. flavor:: PyMongo Async",
        "this PyMongo Async section is what motor_to_pymongo derives: derive it: delete this section "
        "[flavors.derivable]",
    )


def test_a_section_where_the_converter_derives_a_tab_says_why(fault_site):
    assert_one_warning(
        fault_site,
        "by-hand-missing",
        "   .. flavor:: PyMongo Async",
        "motor_to_pymongo derives a PyMongo Async tab here: delete this section, or say why a person "
        "writes it differently with ':by-hand: reason' on its first line [flavors.by-hand]",
    )


def test_the_reason_is_shown_at_the_top_of_the_tab(good_site):
    html = (good_site.build.html_dir / "basic.html").read_text(encoding="utf-8")
    assert '<p class="by-hand"><strong>Written by hand: </strong>a test of a hand-written tab</p>' in html


def test_a_tab_the_converter_cannot_make_shows_the_converters_reason(good_site):
    html = (good_site.build.html_dir / "manual-place.html").read_text(encoding="utf-8")
    (note,) = re.findall(r'<p class="by-hand">(.*?)</p>', html)
    assert re.sub(r"<[^>]+>", "", note) == (
        "Written by hand: the converter cannot make this tab: "
        "each(), fetch_next and next_object() do not exist in PyMongo Async."
    )


def test_by_hand_is_for_a_pymongo_async_section_only(fault_site):
    assert warnings_of(fault_site, "by-hand-tornado") == [
        (
            line_of(fault_site, "by-hand-tornado", ".. flavors::"),
            "ERROR",
            ":by-hand: is for a PyMongo Async section, the one the converter derives [docutils]",
        )
    ]
