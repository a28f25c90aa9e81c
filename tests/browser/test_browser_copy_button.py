"""The copy button copies exactly the code the example runner executes.

For a script that is the whole block. For a ``>>>`` block it is the
statements without prompts and without the output lines, as
``example_runner.repl.statement_sources`` reads them. Connection-string
placeholders are copied as shown, which is also what the runner starts from
before it puts its own server there.
"""

import pytest

from example_runner.repl import statement_sources

# Some 250 clicks and clipboard reads: more than most tests on a loaded machine.
pytestmark = [pytest.mark.xdist_group("browser-reader"), pytest.mark.timeout(300)]

CLIPBOARD_SENTINEL = "(the clipboard before the click)"

# Before a copy: put a sentinel on the clipboard, and say which tabs must be
# clicked to show the block (outermost first) and whether it has a button.
PREPARE = """async (pre, sentinel) => {
  await navigator.clipboard.writeText(sentinel);
  const tabs = [];
  let panel = pre.closest('[role=tabpanel]');
  while (panel) {
    const tab = document.getElementById(panel.getAttribute('aria-labelledby'));
    if (tab.getAttribute('aria-selected') !== 'true') tabs.unshift(tab.id);
    panel = panel.parentElement.closest('[role=tabpanel]');
  }
  const next = pre.nextElementSibling;
  return {tabs, hasButton: next !== null && next.classList.contains('copybtn')};
}"""


def executed_text(example):
    """What the runner executes for *example*, placeholders as displayed."""
    if example.context == "repl":
        return statement_sources(example.code)
    return example.code


def find_blocks(page, examples):
    """The <pre> of each example, matched in page order by the code it displays."""
    pres = page.locator("div.highlight > pre")
    shown = [text.rstrip("\n") for text in pres.evaluate_all("els => els.map(e => e.textContent)")]
    found, start = [], 0
    for example in examples:
        code = example.code.rstrip("\n")
        position = next((i for i in range(start, len(shown)) if shown[i] == code), None)
        if position is None:
            pytest.fail(f"{example.location}: {example.docname} does not display this example as collected")
        found.append(pres.nth(position))
        start = position + 1
    return found


def copy_with_button(page, pre):
    """Click the block's copy button as a reader would; the clipboard's text, or None."""
    before = pre.evaluate(PREPARE, CLIPBOARD_SENTINEL)
    for tab_id in before["tabs"]:
        page.locator(f'[id="{tab_id}"]').click()
    if not before["hasButton"]:
        return None
    pre.locator("xpath=following-sibling::button[contains(@class, 'copybtn')]").click()
    return page.evaluate("() => navigator.clipboard.readText()")


def problem_with(example, copied):
    """What is wrong with *copied* as the copy of *example*, or None."""
    if copied == CLIPBOARD_SENTINEL:
        return f"{example.location}: clicking the copy button copied nothing"
    expected = executed_text(example).rstrip("\n")
    if copied.rstrip("\n") != expected:
        return f"{example.location}: copied\n  {copied!r}\nbut the runner executes\n  {expected!r}"
    return None


def test_copy_buttons_copy_what_the_runner_executes(page, site_url, examples):
    pages = examples.pages_with_examples()
    assert pages, "the build collected no examples, so no copy button can be checked"
    compared, problems, without_button = 0, [], []
    for site_page in pages:
        page.goto(site_url + site_page.html)
        blocks = zip(site_page.examples, find_blocks(page, site_page.examples), strict=True)
        # One flavour after another, so that each tab is clicked once, not once per example.
        for example, pre in sorted(blocks, key=lambda pair: pair[0].flavor or ""):
            copied = copy_with_button(page, pre)
            if copied is None:
                without_button.append(example.location)
                continue
            compared += 1
            if problem := problem_with(example, copied):
                problems.append(problem)
    assert compared, f"no example has a copy button (without one: {without_button})"
    assert not problems, "\n".join(problems)
