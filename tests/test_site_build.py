"""The built site: no warnings, the landing page whole, includes that resolve,
builds that repeat exactly, and no credentials in the repository."""

import filecmp
import json
import os
import re
import subprocess
import sys

import pytest

from tested_examples.site_build import BUILD_ENVIRONMENT, ROOT, sphinx_build

LANDING_SECTIONS = {
    "introduction": "Introduction",
    "installation": "Installation",
    "connect-to-mongodb-atlas": "Connect to MongoDB Atlas",
    "connect-with-the-stable-api": "Connect with the Stable API",
    "connect-to-localhost": "Connect to localhost",
    "run-operations-concurrently": "Run operations concurrently",
    "compatibility": "Compatibility",
    "mongodb-compatibility": "MongoDB Compatibility",
    "language-compatibility": "Language Compatibility",
    "how-to-get-help": "How to get help",
}
INCLUDE = re.compile(r"^\s*\.\. include:: (/\S+)", re.MULTILINE)


def test_the_site_builds_without_warnings(site_build):
    assert site_build.returncode == 0
    assert site_build.warnings.strip() == ""


@pytest.fixture(scope="module")
def landing(site_build):
    return (site_build.html_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("section_id, title", LANDING_SECTIONS.items())
def test_the_landing_page_has_every_section(landing, section_id, title):
    match = re.search(
        rf'<section id="{section_id}">\s*(?:<span id="[^"]*"></span>\s*)*<h[23]>(.*?)<a class="headerlink"',
        landing,
        re.S,
    )
    assert match, f"no section {section_id!r}"
    assert re.sub(r"<[^>]+>", "", match.group(1)).strip() == title


def test_the_landing_page_warns_that_motor_is_past_end_of_life(landing):
    notice = landing.index("Motor is past its end of life")
    assert notice < landing.index('<section id="introduction">')
    assert 'href="source/migrate-to-pymongo-async.html"' in landing


def test_the_on_this_page_box_is_in_two_columns_without_the_themes_error_banner(landing):
    box = re.search(r'<nav class="contents ([^"]*)"', landing)
    assert box, "no contents box"
    assert "twocols" in box.group(1).split()
    assert "this-will-duplicate-information-and-it-is-still-useful-here" in box.group(1).split()


def test_every_tab_set_on_the_landing_page_offers_asyncio_and_tornado(landing):
    tab_sets = landing.split('class="sphinx-tabs docutils container"')[1:]
    assert len(tab_sets) >= 2
    for tab_set in tab_sets:
        tablist = tab_set.split("</div>", 1)[0]
        assert ">asyncio</button>" in tablist and ">Tornado</button>" in tablist


def test_the_landing_page_has_the_compatibility_tables_and_legend(landing):
    assert landing.count("<table") >= 2
    assert "\u2713" in landing and "\u229b" in landing


def source_files():
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in tracked if (ROOT / name).is_file()]


def test_every_include_resolves():
    checked = 0
    for path in source_files():
        if path.suffix != ".rst":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if match:
                checked += 1
                target = ROOT / match.group(1).lstrip("/")
                assert target.is_file(), f"{path.relative_to(ROOT)}:{number}: {match.group(1)} does not exist"
    assert checked > 10


def test_every_fragment_is_used():
    used = set()
    for path in source_files():
        if path.suffix == ".rst":
            used.update(m.lstrip("/") for m in INCLUDE.findall(path.read_text(encoding="utf-8")))
    fragments = {p.relative_to(ROOT).as_posix() for p in (ROOT / "includes").rglob("*.rst")}
    assert not fragments - used, f"fragments no page includes: {sorted(fragments - used)}"


def differing_files(first, second):
    """The files of one output directory that the other lacks, or holds with other bytes."""
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    _, mismatch, errors = filecmp.cmpfiles(first, second, sorted(names & others), shallow=False)
    return sorted((names ^ others) | set(mismatch) | set(errors))


def test_two_builds_of_the_same_sources_give_identical_html(fault_site, tmp_path):
    """Every file of the output: the HTML, and the Markdown twins, llms.txt, llms-full.txt and sitemap.

    The second build is of the fault site, not of the whole site, which costs as
    much as the suite's own build. What makes one build differ from the next is
    code, not text: Sphinx, the theme or an extension writing an address, a
    time, a random value, the output directory, or an order that follows memory
    or the file system. The fault site's pages run every extension the site
    has (tab sets and their derived tabs, outputs, includes, the compatibility
    tables, a reference page, MongoDB's page, a tutorial script, the table of
    mock differences; tests/fault_site/build_cases.py) and every build writes
    the twins, llms files and sitemap of all its pages, so this second build, in
    a process of its own into another directory as the whole site's second
    build was, differs wherever that one would. What changes from page to page
    rather than from code to code is what the reference pages show of the
    installed packages: test_every_reference_page_is_made_the_same_by_two_processes
    makes all of that twice.
    """
    again = sphinx_build(fault_site.root, tmp_path / "again")
    assert again.returncode == fault_site.build.returncode, again.warnings
    first = fault_site.build.html_dir
    for kind in ("index.md", "llms.txt", "llms-full.txt", "sitemap.xml"):
        assert (first / kind).is_file(), f"the build wrote no {kind}, so this compares less than it says"
    assert differing_files(first, again.html_dir) == []


def test_the_comparison_names_a_file_built_otherwise_and_one_built_once(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for directory, page in ((first, "<p>0x7f01</p>"), (second, "<p>0x7f02</p>")):
        (directory / "source").mkdir(parents=True)
        (directory / "source" / "page.html").write_text(page)
        (directory / "index.html").write_text("same")
    (first / "only-once.md").write_text("")
    assert differing_files(first, second) == ["only-once.md", "source/page.html"]


# Each reference page in full, the converter's limits, and the reference pages once more as they
# were before defaults were shown by name: a default function's repr holds its address.
REFERENCE_TEXT = """
import json, sys
from _ext.api_reference import PROSE_FILE, Prose, introspect, render
from motor_to_pymongo.rules import cannot_do

def pages():
    prose = Prose(PROSE_FILE)
    return {spec.key: render.class_page(spec, prose) for spec in introspect.CLASSES}

made = {"pages": pages(), "limits": repr(cannot_do())}
introspect._stable_default = lambda value: value
made["pages with addresses"] = pages()
json.dump(made, sys.stdout)
"""


def reference_text_of_a_process():
    env = {**os.environ, **BUILD_ENVIRONMENT}
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", REFERENCE_TEXT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_reference_page_is_made_the_same_by_two_processes():
    """The text of every class's reference page, as the build parses it, and the converter's limits.

    It would fail as the reference failed before its defaults were shown by
    name: with them shown raw, two processes make other text.
    """
    first, second = reference_text_of_a_process(), reference_text_of_a_process()
    assert first["pages with addresses"] != second["pages with addresses"], (
        "two processes gave the same addresses, so this test cannot tell a page that shows one"
    )
    assert [key for key in first["pages"] if first["pages"][key] != second["pages"][key]] == []
    assert first["limits"] == second["limits"]


# A connection string with a user and password in it...
CREDENTIAL = re.compile(r"mongodb(?:\+srv)?://(?P<user>[^\s:/@\"'<>]+|<[^>]+>):(?P<password>[^\s@\"']+)@")
# ...is fine only when the password is an obvious placeholder.
PLACEHOLDER = re.compile(r"^(<[^>]+>|\*+|x+|\.\.\.)$", re.IGNORECASE)


def credentials_in(text):
    return [m.group(0) for m in CREDENTIAL.finditer(text) if not PLACEHOLDER.match(m.group("password"))]


def test_no_file_in_the_repository_holds_a_credential():
    found = []
    for path in source_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{path.relative_to(ROOT)}: {hit}" for hit in credentials_in(text)]
    assert not found, "credentials found:\n" + "\n".join(found)


# The secrets below are split so that this file itself holds none.
@pytest.mark.parametrize(
    "text, flagged",
    [
        ("mongodb+srv://admin:" + "hunter2@cluster0.example.net/", True),
        ("mongodb://app:" + "S3cret!@db.internal:27017/", True),
        ("mongodb+srv://<username>:<password>@cluster0.example.net/", False),
        ("mongodb+srv://<db_username>:<db_password>@cluster0.example.net/", False),
        ("mongodb://localhost:27017", False),
    ],
)
def test_the_credential_scan_tells_secrets_from_placeholders(text, flagged):
    assert bool(credentials_in(text)) is flagged


# Anything the browser fetches by itself: scripts, stylesheets, images, fonts,
# frames, and url() in stylesheets. Links a reader may click are not fetches,
# and neither is the page's canonical address (<link rel="canonical">).
FETCHED = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(https?:)?//"
    r"|<link\b(?![^>]*\brel=\"canonical\")[^>]*\bhref=\"(https?:)?//"
    r"|url\(\s*['\"]?(https?:)?//"
    r"|@import\s+['\"](https?:)?//",
    re.IGNORECASE,
)


def test_the_built_site_fetches_nothing_from_another_host(site_build):
    offenders = []
    for path in site_build.html_dir.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [
                f"{path.relative_to(site_build.html_dir)}: {m.group(0)}" for m in FETCHED.finditer(text)
            ]
    assert not offenders, "\n".join(offenders)


def test_the_404_page_is_built_with_absolute_asset_urls(site_build):
    page = (site_build.html_dir / "404.html").read_text(encoding="utf-8")
    assert 'href="/_static/styles/furo.css' in page
    assert "Page not found" in page or "404" in page
