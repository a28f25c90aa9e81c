"""No Python block on the site goes uncollected, and no shown output goes unchecked."""

import re
from collections import Counter

from tested_examples.runner.placeholders import PLACEHOLDERS, substitute
from tests.built_pages import parsed, text_of

# Sphinx renders a block of language L as <div class="highlight-L notranslate">.
PYTHON_BLOCK = re.compile(r'<div class="highlight-(python3?|py3?|pycon3?|default)[ "]')
# The class of a block the site shows as Python, one of the div's classes.
PYTHON_CLASS = re.compile(r"^highlight-(python3?|py3?|pycon3?)$")


def test_every_python_block_in_the_html_is_collected(site_build, manifest):
    shown = Counter()
    for page in manifest.pages.values():
        html = (site_build.html_dir / page.html).read_text(encoding="utf-8")
        shown[page.html] = len(PYTHON_BLOCK.findall(html))
    collected = Counter({p.html: len(p.examples) for p in manifest.pages.values()})
    differing = {page: (shown[page], collected[page]) for page in shown if shown[page] != collected[page]}
    assert not differing, f"pages whose Python blocks (shown, collected) differ: {differing}"
    assert sum(collected.values()) > 0


def shown_python_blocks(tree):
    """The text of each Python block a page shows, in page order."""
    blocks = [div for div in tree.iter("div") if any(map(PYTHON_CLASS.match, div.classes))]
    return [text_of(block.find(".//pre")) for block in blocks]


def test_every_collected_example_is_the_text_of_a_shown_block(site_build, manifest):
    """What the runner runs is what the page shows, block for block (derived tabs included)."""
    differing = []
    for page in manifest.pages_with_examples():
        tree = parsed(site_build.html_dir / page.html)
        shown = [block.rstrip("\n") for block in shown_python_blocks(tree)]
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


def test_every_output_shown_is_produced_by_a_run(manifest):
    """A text block that looks like output is an example's output, a quoted message, or says why not."""
    untied = [where for page in manifest.pages.values() for where in page.untied_outputs]
    assert not untied, (
        "text blocks that look like output but no run produces (make them an example's `.. output::`, "
        f"or give them `:not-output: reason` or `:quoted-from: run`): {untied}"
    )


def test_every_flavour_of_the_landing_page_shows_what_it_prints_when_no_server_answers(manifest):
    flavors = {e.flavor for e in manifest.pages["index"].examples if "closed-port" in e.outputs_when}
    assert flavors == set(manifest.flavors)


def test_every_file_the_reader_saves_carries_its_name(manifest):
    """A ``:module: name`` block is a file the reader saves: its caption says ``name.py``."""
    modules = [e for e in manifest.examples() if e.module]
    assert modules, "no page has the reader save a module, so this checks nothing"
    unnamed = [e.location for e in modules if f"{e.module}.py" not in (e.caption or "")]
    assert not unnamed, f"blocks the reader saves whose caption does not name the file: {unnamed}"
