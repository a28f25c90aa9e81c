"""Broken pages fail the build with their file and line, and MongoDB's own
dialect builds unchanged.

Every page and change here is a case of the fault site (tests/fault_site/build_cases.py),
built once for all of them.
"""

import os
import re

import pytest
from sphinx.util.inventory import InventoryFile

from tests.fault_site import CASES
from tests.fault_site.build_cases import BROKEN_PAGES, SEED, SEED_PAGE


@pytest.mark.parametrize("fault", BROKEN_PAGES)
def test_a_broken_page_fails_the_build_naming_file_and_line(fault_site, fault):
    _, line, message = BROKEN_PAGES[fault]
    assert fault_site.build.returncode != 0
    said = [text for at, _, text in fault_site.warnings_at(f"{fault}.rst") if at == line]
    assert any(re.search(message, text) for text in said), fault_site.build.warnings


QUOTED = re.compile(r"^\S+:\d+: (?P<level>WARNING|ERROR): (?P<message>.*)$", re.DOTALL)
WARNING_TYPE = re.compile(r" \[[\w.-]+\]$")


# Quoted runs of other tools, each checked by the test named here.
OTHER_RUNS = {"mypy": "tests/test_howto_type_hints.py"}


def test_every_quoted_build_message_is_what_its_fault_makes_the_build_say(manifest, fault_site):
    """A page that quotes a build message names the fault case that makes it (``:quoted-from:``)."""
    quoted = [
        q for page in manifest.pages.values() for q in page.quoted_messages if q["run"] not in OTHER_RUNS
    ]
    assert quoted, "no page quotes a build message, so this checks nothing"
    faults = {name for name, case in CASES.items() if case.warns_at}
    for message in quoted:
        assert message["run"] in faults, f"{message['where']}: no fault case is called {message['run']!r}"
        shown = QUOTED.match(" ".join(message["text"].split()))
        assert shown, f"{message['where']}: a quoted message reads 'file:line: WARNING: text'"
        said = [
            (said.level, WARNING_TYPE.sub("", " ".join(said.message.split())))
            for said in fault_site.warnings_of(message["run"])
        ]
        assert (shown["level"], shown["message"]) in said, (
            f"{message['where']} quotes {shown['message']!r}; the build said {said}"
        )


def test_mongodbs_own_page_builds_unchanged_under_our_configuration(fault_site):
    """Our conf.py, extensions and fragments, with a stand-in for the one page of ours it links to."""
    if not SEED.exists():
        # MongoDB's page is not ours to copy into the repository; it sits in
        # shared/ beside the checkout, as it does on CI, where it must be found.
        reason = f"MongoDB's page is not at {SEED}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; on CI it must be", pytrace=False)
        pytest.skip(reason)
    text = SEED.read_text(encoding="utf-8")
    files = {SEED_PAGE, *re.findall(r"^\.\. include:: /(\S+)", text, re.MULTILINE)}
    assert [w for w in fault_site.warnings if w.path in files] == [], fault_site.build.warnings
    html = (fault_site.build.html_dir / "source" / "mongodb-seed.html").read_text()
    assert (
        "twocols" in html
        and "\u2713" in html
        and "www.mongodb.com/docs/manual/reference/connection-string/" in html
    )


def test_mongodbs_own_page_fits_among_ours(site_build):
    """The rest of what building it into our whole site checked: it links only to pages we have,
    and no label of ours is one of its own (a duplicate label is a warning)."""
    if not SEED.exists():
        pytest.skip(f"MongoDB's page is not at {SEED}")  # the test above says so, and fails on CI
    text = SEED.read_text(encoding="utf-8")
    inventory = InventoryFile.loads((site_build.html_dir / "objects.inv").read_bytes(), uri="").data
    linked = {target.lstrip("/") for target in re.findall(r":doc:`[^`]*?<([^>`]+)>`", text)}
    assert linked and linked <= inventory["std:doc"].keys(), linked
    labels = set(re.findall(r"^\.\. _([\w-]+):", text, re.MULTILINE))
    assert labels and not labels & inventory["std:label"].keys(), labels
