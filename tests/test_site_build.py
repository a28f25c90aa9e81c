"""The built site: no warnings, the landing page whole, includes that resolve,
builds that repeat exactly, and no credentials in the repository."""

import filecmp
import re
import subprocess

import pytest

from tested_examples.site_build import ROOT, sphinx_build

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


def test_two_builds_of_the_same_sources_give_identical_html(site_build, tmp_path):
    """Every file of the output: the HTML, and the Markdown twins, llms.txt, llms-full.txt and sitemap."""
    again = sphinx_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.warnings
    first, second = site_build.html_dir, again.html_dir
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    for kind in ("index.md", "llms.txt", "llms-full.txt", "sitemap.xml"):
        assert kind in names, f"the build wrote no {kind}, so this compares less than it says"
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert not mismatch and not errors, f"differ between builds: {mismatch + errors}"


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
