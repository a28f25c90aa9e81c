"""No Python block on the site goes uncollected, and the seed's failure path holds."""

import re
import socket
import subprocess
import sys
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from tested_examples.runner.placeholders import PLACEHOLDERS, substitute

PIPES = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}

# Runs the example given as its argument and reports, on stderr, how long the
# example itself took: the drivers are imported first, so that interpreter
# start-up and imports are not counted against the connection timeout.
TIMED_RUN = """
import sys, time
import motor.motor_asyncio, motor.motor_tornado, pymongo
code = compile(sys.argv[1], "<example>", "exec")
started = time.monotonic()
exec(code, {"__name__": "__main__"})
print(f"elapsed {time.monotonic() - started}", file=sys.stderr)
"""

# Sphinx renders a block of language L as <div class="highlight-L notranslate">.
PYTHON_BLOCK = re.compile(r'<div class="highlight-(python3?|py3?|pycon3?|default)[ "]')


def test_every_python_block_in_the_html_is_collected(site_build, manifest):
    shown = Counter()
    for page in manifest.pages.values():
        html = (site_build.html_dir / page.html).read_text(encoding="utf-8")
        shown[page.html] = len(PYTHON_BLOCK.findall(html))
    collected = Counter({p.html: len(p.examples) for p in manifest.pages.values()})
    differing = {page: (shown[page], collected[page]) for page in shown if shown[page] != collected[page]}
    assert not differing, f"pages whose Python blocks (shown, collected) differ: {differing}"
    assert sum(collected.values()) > 0


def shown_python_blocks(html):
    """The text of each Python block a page shows, in page order."""
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.find_all("div", class_=re.compile(r"^highlight-(python3?|py3?|pycon3?)$"))
    return [block.find("pre").get_text() for block in blocks]


def test_every_collected_example_is_the_text_of_a_shown_block(site_build, manifest):
    """What the runner runs is what the page shows, block for block (derived tabs included)."""
    differing = []
    for page in manifest.pages_with_examples():
        html = (site_build.html_dir / page.html).read_text(encoding="utf-8")
        shown = [text.rstrip("\n") for text in shown_python_blocks(html)]
        collected = [example.code.rstrip("\n") for example in page.examples]
        if shown != collected:
            differing.append(page.docname)
    assert not differing, f"pages whose shown Python blocks are not the collected examples: {differing}"


def test_placeholders_are_the_only_substitution():
    code = 'a = "<your MongoDB Atlas connection string>"\nb = "mongodb://localhost:27017"\nc = 1\n'
    assert (
        substitute(code, "mongodb://127.0.0.1:9")
        == 'a = "mongodb://127.0.0.1:9"\nb = "mongodb://127.0.0.1:9"\nc = 1\n'
    )
    assert all(p not in substitute(p, "X") for p in PLACEHOLDERS)


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on: bound, never listening, so it refuses."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


def landing_connection_examples(manifest):
    examples = manifest.pages["index"].examples
    return [e for e in examples if "Unable to connect to the server." in e.code]


def test_every_flavour_of_the_landing_page_shows_the_failure_path(manifest):
    assert {e.flavor for e in landing_connection_examples(manifest)} == set(manifest.flavors)


def test_the_landing_page_failure_path_against_a_closed_port(manifest, site_build, closed_port):
    """Each flavour prints the failure message within its timeout plus one second.

    The flavours wait out their timeouts side by side, each in a Python of
    its own running the shown code with only the connection string put in.
    """
    runs = {}
    for example in landing_connection_examples(manifest):
        code = substitute(example.code, f"mongodb://127.0.0.1:{closed_port}/")
        timeout_ms = int(re.search(r"serverSelectionTimeoutMS=(\d+)", example.code).group(1))
        command = [sys.executable, "-W", "error::DeprecationWarning", "-c", TIMED_RUN, code]
        runs[example.flavor] = (timeout_ms, subprocess.Popen(command, **PIPES))
    for flavor, (timeout_ms, process) in runs.items():
        out, err = process.communicate(timeout=timeout_ms / 1000 + 30)
        assert (process.returncode, out) == (0, "Unable to connect to the server.\n"), f"{flavor}: {err}"
        elapsed = float(err.rsplit("elapsed ", 1)[1])
        assert elapsed < timeout_ms / 1000 + 1, f"{flavor} took {elapsed:.2f} s"
