"""Each tutorial's download-as-one-script runs, and prints what its page shows.

A tutorial page links, in each flavour's tab, to its steps as one script
that the build writes beside the page (_ext/tutorial_script.py). Here every
such script runs as a reader would run it, ``python script.py`` with
DeprecationWarning as an error, against a live server. Its output must be
what the page shows for the examples the runner runs in that flavour, and
the comparison forgives what the runner forgives (tested_examples.runner.output_check).
"""

import base64
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tested_examples.pytest_plugin import site_build_once
from tested_examples.runner import output_check, repl
from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.placeholders import substitute
from tested_examples.runner.tiers import LiveTier
from tested_examples.schema import Example
from tested_examples.sphinx_ext.tutorial_script import build_script

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
    panel = element.find_parent("div", class_="sphinx-tabs-panel")
    return base64.b64decode(panel["name"].split("-", 1)[0]).decode() if panel else None


def script_links(html_path):
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    return [(tab_label(a), a["href"]) for a in soup.select("a.download[href$='.py']")]


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
    expected = expected_output(page_run)
    assert expected.strip(), f"{page_run.name} shows no output to compare with"
    assert output_check.matches(expected, result.stdout), output_check.diff(
        expected, result.stdout, page_run.name, script.name
    )


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
