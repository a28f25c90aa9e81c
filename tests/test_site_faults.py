"""Broken pages fail the build with their file and line, and MongoDB's own
dialect builds unchanged."""

import os
import re

import pytest

from tested_examples.site_build import ROOT, copy_site, sphinx_build

SEED = ROOT.parent / "shared" / "seed" / "000_a29094f968f48641.txt"

FAULTS = {
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


# Faults in the data a page is drawn from: (file, text there, wrong text).
DATA_FAULTS = {
    "compat-python-floor": (
        "data/compatibility.toml",
        'python.motor-docs = "3.9-3.13"',
        'python.motor-docs = "3.8-3.13"',
    ),
}


@pytest.fixture(scope="module")
def fault_builds(tmp_path_factory):
    """fault -> its build, made once for every test here that asks."""
    cache = {}

    def build_of(fault):
        if fault not in cache:
            tmp_path = tmp_path_factory.mktemp(fault)
            root = copy_site(tmp_path / "src", with_content=False)
            if fault in DATA_FAULTS:
                name, right, wrong = DATA_FAULTS[fault]
                text = (root / name).read_text(encoding="utf-8")
                assert right in text, f"{name} no longer has {right!r}: update DATA_FAULTS"
                (root / name).write_text(text.replace(right, wrong, 1), encoding="utf-8")
                (root / "index.rst").write_text("Page\n====\n\nText.\n")
            else:
                (root / "index.rst").write_text(FAULTS[fault][0])
            cache[fault] = sphinx_build(root, tmp_path / "out")
        return cache[fault]

    return build_of


@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_page_fails_the_build_naming_file_and_line(fault_builds, fault):
    _, line, message = FAULTS[fault]
    build = fault_builds(fault)
    assert build.returncode != 0
    pattern = rf"index\.rst:{line}: (WARNING|ERROR|SEVERE|CRITICAL): [^\n]*(\n\S[^\n]*)*{message}"
    assert re.search(pattern, build.warnings), build.warnings


QUOTED = re.compile(r"^\S+:\d+: (?P<level>WARNING|ERROR): (?P<message>.*)$", re.DOTALL)
WARNING_LINE = re.compile(
    r"^\S+:\d+: (?P<level>WARNING|ERROR): (?P<message>.*?)(?: \[[\w.-]+\])?$", re.MULTILINE
)


# Quoted runs of other tools, each checked by the test named here.
OTHER_RUNS = {"mypy": "tests/test_howto_type_hints.py"}


def test_every_quoted_build_message_is_what_its_fault_makes_the_build_say(manifest, fault_builds):
    """A page that quotes a build message names the fault that makes it (``:quoted-from:``)."""
    quoted = [
        q for page in manifest.pages.values() for q in page.quoted_messages if q["run"] not in OTHER_RUNS
    ]
    assert quoted, "no page quotes a build message, so this checks nothing"
    for message in quoted:
        known = FAULTS.keys() | DATA_FAULTS.keys()
        assert message["run"] in known, f"{message['where']}: no fault here is called {message['run']!r}"
        shown = QUOTED.match(" ".join(message["text"].split()))
        assert shown, f"{message['where']}: a quoted message reads 'file:line: WARNING: text'"
        said = [
            (m["level"], " ".join(m["message"].split()))
            for m in WARNING_LINE.finditer(fault_builds(message["run"]).warnings)
        ]
        assert (shown["level"], shown["message"]) in said, (
            f"{message['where']} quotes {shown['message']!r}; the build said {said}"
        )


def test_mongodbs_own_page_builds_unchanged_under_our_configuration(tmp_path):
    if not SEED.exists():
        # MongoDB's page is not ours to copy into the repository; it sits in
        # shared/ beside the checkout, as it does on CI, where it must be found.
        reason = f"MongoDB's page is not at {SEED}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; on CI it must be", pytrace=False)
        pytest.skip(reason)
    root = copy_site(tmp_path / "src")
    (root / "source" / "mongodb-seed.rst").write_text(SEED.read_text(encoding="utf-8"))
    index = (root / "index.rst").read_text()
    (root / "index.rst").write_text(index + "\n.. toctree::\n   :hidden:\n\n   source/mongodb-seed\n")
    build = sphinx_build(root, tmp_path / "out")
    assert build.returncode == 0, build.warnings
    html = (build.html_dir / "source" / "mongodb-seed.html").read_text()
    assert (
        "twocols" in html
        and "\u2713" in html
        and "www.mongodb.com/docs/manual/reference/connection-string/" in html
    )
