"""Each tutorial's download-as-one-script runs, and prints what its page shows.

A tutorial page links, in each flavour's tab, to its steps as one script
that the build writes beside the page (_ext/tutorial_script.py). Here every
such script runs as a reader would run it, ``python script.py`` with
DeprecationWarning as an error, against a live server. Its output must be
what the page shows for the examples the runner runs in that flavour, and
the comparison forgives what the runner forgives (tested_examples.runner.output_check).
It must print nothing on stderr, which the page does not show.

The versions and requirements that the tutorials' prerequisites name are
checked against the installed packages' metadata.
"""

import base64
import re
import subprocess
import sys
from collections import Counter
from importlib.metadata import metadata, version

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tested_examples.pytest_plugin import site_build_once
from tested_examples.runner import output_check, repl
from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.placeholders import substitute
from tested_examples.runner.tiers import LiveTier
from tested_examples.schema import Example
from tested_examples.site_build import ROOT
from tested_examples.sphinx_ext.tutorial_script import build_script
from tests.built_pages import parsed, select, text_of

TUTORIALS = "tutorials/"
SCRIPT_TIMEOUT = 120


def tutorial_runs():
    """One run per tutorial page and flavour, as the example runner groups them."""
    build = site_build_once()
    if build.returncode != 0:
        return []
    manifest = build.manifest()
    pages = [p for p in manifest.pages_with_examples() if p.docname.startswith(TUTORIALS)]
    return [run for page in pages for run in page_runs(page)]


def pytest_generate_tests(metafunc):
    if "page_run" in metafunc.fixturenames:
        runs = tutorial_runs()
        metafunc.parametrize("page_run", runs, ids=[run.name for run in runs])


@pytest.fixture(scope="module")
def live_tier(server_uri):
    tier = LiveTier(server_uri)
    try:
        yield tier
    finally:
        tier.close()


def tab_label(element):
    """The flavour of the group tab holding *element*, or None outside any tab."""
    panel = next((div for div in element.iterancestors("div") if "sphinx-tabs-panel" in div.classes), None)
    return base64.b64decode(panel.get("name").split("-", 1)[0]).decode() if panel is not None else None


def script_links(html_path):
    return [(tab_label(a), a.get("href")) for a in select(parsed(html_path), "a.download[href$='.py']")]


def expected_output(page_run):
    """What the page shows the examples of this run printing, in page order."""
    shown = []
    for example in page_run.examples:
        if "live" in example.exempt:
            continue
        if example.context == "repl":
            shown += [statement.want for statement in repl.statements(example.code)]
        elif example.output is not None:
            shown.append(example.output.rstrip("\n") + "\n")
    return "".join(shown)


def test_there_are_tutorial_scripts_to_run():
    assert tutorial_runs(), "no tutorial page with examples was found"


def test_tutorial_script_runs_as_its_page_shows(page_run, site_build, live_tier, tmp_path):
    page_html = site_build.html_dir / page_run.page.html
    links = [href for flavor, href in script_links(page_html) if flavor == page_run.flavor]
    assert len(links) == 1, f"{page_run.name}: expected one script link in this flavour, found {links}"
    script = (page_html.parent / links[0]).resolve()
    assert script.is_relative_to(site_build.html_dir.resolve()) and script.is_file(), script

    runnable = tmp_path / script.name
    runnable.write_text(substitute(script.read_text(encoding="utf-8"), live_tier.uri), encoding="utf-8")
    with live_tier.page_context(page_run):  # drops the databases the script makes
        result = subprocess.run(
            [sys.executable, "-W", "error::DeprecationWarning", str(runnable)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=SCRIPT_TIMEOUT,
        )
    assert result.returncode == 0, f"{script.name} failed:\n{result.stderr}"
    # The page shows what the session prints; a reader sees stderr too (a log line, a warning).
    assert result.stderr == "", (
        f"{script.name} printed on stderr what its page does not show:\n{result.stderr}"
    )
    expected = expected_output(page_run)
    assert expected.strip(), f"{page_run.name} shows no output to compare with"
    assert output_check.matches(expected, result.stdout), output_check.diff(
        expected, result.stdout, page_run.name, script.name
    )


# -- What the prerequisites say, against the installed packages ---------------------

TUTORIAL_PAGES = ("motor-asyncio", "motor-tornado")


def prose(page):
    """The page's text with its line breaks and indentation folded into single spaces."""
    return " ".join((ROOT / "tutorials" / f"{page}.rst").read_text(encoding="utf-8").split())


def lowest_python(distribution):
    """The oldest Python ``major.minor`` that the installed *distribution* accepts."""
    spec = SpecifierSet(metadata(distribution)["Requires-Python"])
    return next(f"3.{minor}" for minor in range(0, 30) if f"3.{minor}" in spec)


def claims(pattern, page):
    found = re.findall(pattern, prose(page))
    assert found, f"tutorials/{page}.rst no longer says {pattern!r}; update this test with the page"
    return found


@pytest.mark.parametrize("page", TUTORIAL_PAGES)
def test_the_python_each_package_needs_is_what_its_metadata_says(page):
    [(motor, motor_python)] = claims(r"Motor (\S+) needs Python (\S+) or later", page)
    assert (motor, motor_python) == (version("motor"), lowest_python("motor"))
    [(pymongo, pymongo_python)] = claims(r"The newest, PyMongo (\S+), needs Python (\S+) or later", page)
    assert version("pymongo").startswith(pymongo + ".")
    assert pymongo_python == lowest_python("pymongo")
    # The PyMongo that Motor accepts, whichever release pip picks for the Python.
    requirements = map(Requirement, metadata("motor").get_all("Requires-Dist"))
    [needs] = [r for r in requirements if r.name == "pymongo" and r.marker is None]
    assert version("pymongo") in needs.specifier


@pytest.mark.parametrize("page", TUTORIAL_PAGES)
def test_the_tested_versions_named_are_the_ones_installed(page):
    pattern = (
        r"tests every step below with Python (\S+) or later, "
        r"Motor ([\d.]*\d),? (?:and )?PyMongo ([\d.]*\d)(?: and Tornado ([\d.]*\d))?"
    )
    [(python, motor, pymongo, tornado)] = claims(pattern, page)
    assert sys.version_info[:2] >= tuple(int(part) for part in python.split("."))
    assert (motor, pymongo) == (version("motor"), version("pymongo"))
    assert (tornado == version("tornado")) if page == "motor-tornado" else tornado == ""


def test_the_tornado_tutorial_says_what_motor_says_about_tornado():
    claims(r"Motor 3 is tested only with Tornado 6", "motor-tornado")
    assert version("motor").startswith("3.") and version("tornado").startswith("6.")
    [(tornado, tornado_python)] = claims(
        r"Tornado: Tornado (\S+) needs Python (\S+) or later", "motor-tornado"
    )
    assert (tornado, tornado_python) == (version("tornado"), lowest_python("tornado"))
    # "Motor does not depend on Tornado": only its docs and test extras name it.
    claims(r"Motor does not depend on Tornado", "motor-tornado")
    for requirement in map(Requirement, metadata("motor").get_all("Requires-Dist")):
        if requirement.name == "tornado":
            assert requirement.marker is not None and "extra" in str(requirement.marker), requirement


def test_every_file_the_reader_saves_carries_its_name(site_build, manifest):
    """Each block a tutorial has the reader save as a module is captioned with its file name."""
    for page in TUTORIAL_PAGES:
        docname = f"tutorials/{page}"
        tree = parsed(site_build.html_dir / f"{docname}.html")
        captions = Counter(text_of(caption) for caption in select(tree, ".code-block-caption .caption-text"))
        saved = Counter(f"{e.module}.py" for e in manifest.pages[docname].examples if e.module)
        assert saved, f"{docname} has the reader save no file"
        assert {name: captions[name] for name in saved} == dict(saved), docname


# -- The conversion itself, on small made-up pages ------------------------------------


def example(code, context="repl", flavor=None, module=None, exempt=None, section=None):
    return Example("t", 0, context, code, "t.rst", 1, flavor, exempt or {}, module=module, section=section)


def run_built_script(text, tmp_path):
    path = tmp_path / "script.py"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=30)


def test_a_script_echoes_what_the_repl_echoes_and_nothing_else(tmp_path):
    page = [
        example(">>> pair = 1, 2\n>>> pair[0], pair[1]\n(1, 2)\n>>> None\n>>> print('x')\nx\n", section="S"),
        example(">>> 'a' + 'b'  # a comment\n'ab'\n>>> [].append(1)\n", section="S"),
    ]
    text, problems = build_script("T", "t.py", None, page)
    assert problems == []
    assert run_built_script(text, tmp_path).stdout == "(1, 2)\nx\n'ab'\n"


def test_a_module_block_joins_the_script_without_its_main_guard(tmp_path):
    page = [
        example(
            '"""Greets."""\n\ndef hello():\n    return "hi"\n\n\nif __name__ == "__main__":\n'
            '    raise SystemExit("the guard ran")\n',
            context="script",
            module="greeter",
        ),
        example(">>> from greeter import hello\n>>> hello()\n'hi'\n"),
    ]
    text, problems = build_script("T", "t.py", None, page)
    assert problems == []
    result = run_built_script(text, tmp_path)
    assert (result.returncode, result.stdout) == (0, "'hi'\n"), result.stderr


def test_a_script_takes_its_flavour_and_the_untabbed_blocks_only(tmp_path):
    page = [
        example(">>> 'shared'\n'shared'\n"),
        example(">>> 'mine'\n'mine'\n", flavor="asyncio"),
        example(">>> 'theirs'\n'theirs'\n", flavor="Tornado"),
        example(">>> 'not live'\n'not live'\n", flavor="asyncio", exempt={"live": "reason"}),
    ]
    text, _ = build_script("T", "t.py", "asyncio", page)
    assert run_built_script(text, tmp_path).stdout == "'shared'\n'mine'\n"


def test_blocks_a_script_cannot_hold_are_reported():
    page = [
        example("print('hello')\n", context="script"),
        example(">>> 1 / 0\nTraceback (most recent call last):\nZeroDivisionError: division by zero\n"),
    ]
    _, problems = build_script("T", "t.py", None, page)
    assert len(problems) == 2
