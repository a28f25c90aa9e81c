"""The copy button copies exactly the code the example runner executes.

For a script that is the whole block. For a ``>>>`` block it is the
statements without prompts and without the output lines, as
``tested_examples.runner.repl.statement_sources`` reads them. Connection-string
placeholders are copied as shown, which is also what the runner starts from
before it puts its own server there.
"""

import json

import pytest

from tested_examples.runner.repl import statement_sources

pytestmark = pytest.mark.xdist_group("browser-reader")

CLIPBOARD_SENTINEL = "(the clipboard before the click)"
HIGHLIGHTED = "div.highlight > pre"

# All the clicks of one page in one call: a round trip from Python for every
# click and clipboard read made this test take several times as long.
#
# For each block, given by its position among the page's highlighted <pre>s:
# open the tabs that hide it (outermost first), put a sentinel on the
# clipboard, click the block's copy button and read the real clipboard. Each
# click goes to whatever is on top at the centre of the element, scrolled into
# view, as a mouse click does, and through the page's own handlers
# (sphinx-tabs', sphinx-copybutton's). An element that is hidden or covered is
# reported instead, where Playwright's own click would have waited for it in
# vain. The outcomes come back as JSON, which crosses to Python faster than
# Playwright's own serialisation.
COPY_EACH = """async ([selector, positions, sentinel]) => {
  const describe = el => (el ? [el.tagName.toLowerCase(), ...el.classList].join('.') : 'nothing');
  const whyNotClicked = el => {
    el.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) return 'it is hidden';
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const top = document.elementFromPoint(x, y);
    if (!top || !el.contains(top)) return `it is covered by ${describe(top)}`;
    const click = {bubbles: true, cancelable: true, view: window, clientX: x, clientY: y};
    top.dispatchEvent(new MouseEvent('click', click));
    return null;
  };
  const tabsHiding = pre => {
    const tabs = [];
    let panel = pre.closest('[role=tabpanel]');
    while (panel) {
      tabs.unshift(document.getElementById(panel.getAttribute('aria-labelledby')));
      panel = panel.parentElement.closest('[role=tabpanel]');
    }
    return tabs.filter(tab => tab.getAttribute('aria-selected') !== 'true');
  };
  const pres = document.querySelectorAll(selector);
  const outcomes = [];
  for (const position of positions) {
    const pre = pres[position];
    const failedTab = tabsHiding(pre).map(tab => [tab, whyNotClicked(tab)]).find(([, why]) => why);
    if (failedTab) {
      const [tab, why] = failedTab;
      outcomes.push({unclickable: `the tab ${JSON.stringify(tab.textContent.trim())}: ${why}`});
      continue;
    }
    const button = pre.nextElementSibling;
    if (!button || !button.classList.contains('copybtn')) {
      outcomes.push({copied: null});
      continue;
    }
    await navigator.clipboard.writeText(sentinel);
    const why = whyNotClicked(button);
    if (why) outcomes.push({unclickable: `the copy button: ${why}`});
    else outcomes.push({copied: await navigator.clipboard.readText()});
  }
  return JSON.stringify(outcomes);
}"""


def executed_text(example):
    """What the runner executes for *example*, placeholders as displayed."""
    if example.context == "repl":
        return statement_sources(example.code)
    return example.code


def find_blocks(page, examples):
    """The position among the page's <pre>s of each example, matched in page order by its code."""
    shown = [
        text.rstrip("\n")
        for text in page.locator(HIGHLIGHTED).evaluate_all("els => els.map(e => e.textContent)")
    ]
    found, start = [], 0
    for example in examples:
        code = example.code.rstrip("\n")
        position = next((i for i in range(start, len(shown)) if shown[i] == code), None)
        if position is None:
            pytest.fail(f"{example.location}: {example.docname} does not display this example as collected")
        found.append(position)
        start = position + 1
    return found


def copy_with_buttons(page, positions):
    """Click the copy button of each block at *positions*, as a reader would; what each click did."""
    return json.loads(page.evaluate(COPY_EACH, [HIGHLIGHTED, positions, CLIPBOARD_SENTINEL]))


def problem_with(example, copied):
    """What is wrong with *copied* as the copy of *example*, or None."""
    if copied == CLIPBOARD_SENTINEL:
        return f"{example.location}: clicking the copy button copied nothing"
    expected = executed_text(example).rstrip("\n")
    if copied.rstrip("\n") != expected:
        return f"{example.location}: copied\n  {copied!r}\nbut the runner executes\n  {expected!r}"
    return None


def test_copy_buttons_copy_what_the_runner_executes(page, site_url, manifest):
    pages = manifest.pages_with_examples()
    assert pages, "the build collected no examples, so no copy button can be checked"
    compared, problems, without_button = 0, [], []
    for site_page in pages:
        page.goto(site_url + site_page.html)
        blocks = zip(site_page.examples, find_blocks(page, site_page.examples), strict=True)
        # One flavour after another, so that each tab is clicked once, not once per example.
        in_order = sorted(blocks, key=lambda pair: pair[0].flavor or "")
        outcomes = copy_with_buttons(page, [position for _, position in in_order])
        for (example, _), outcome in zip(in_order, outcomes, strict=True):
            if "unclickable" in outcome:
                problems.append(f"{example.location}: a reader cannot click {outcome['unclickable']}")
            elif outcome["copied"] is None:
                without_button.append(example.location)
            else:
                compared += 1
                if problem := problem_with(example, outcome["copied"]):
                    problems.append(problem)
    assert not problems, "\n".join(problems)
    assert compared, f"no example has a copy button (without one: {without_button})"
