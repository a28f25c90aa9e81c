"""One visit to every page of the site in each theme, judged by several checks.

test_browser_every_page.py judges the requests, console errors and axe-core
findings of these visits and test_browser_contrast.py the colours, so that
each page is loaded and laid out once per theme, not once per check.
"""

import json
from dataclasses import dataclass

from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.browsing import PageEvents, new_context

THEMES = ("light", "dark")

# axe's colour rules, run apart from the rest. They skip highlighted code:
# test_browser_contrast.py measures every code token, hidden tabs included,
# in both themes, and axe's colour check of thousands of tokens would take
# most of this suite's time.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
ALL_BUT_COLOUR = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
COLOUR_ONLY = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}
NOT_CODE = {"exclude": [["div.highlight"]]}
# The dark theme changes nothing but colours, so there only the colour rules
# run. A context of None is the whole page.
AXE_RUNS = {
    "light": [(None, ALL_BUT_COLOUR), (NOT_CODE, COLOUR_ONLY)],
    "dark": [(NOT_CODE, COLOUR_ONLY)],
}

# For test_browser_contrast.py: elements with text of their own, their text
# colour and the backgrounds from the element up to the root, innermost first.
# An element's chain of backgrounds is looked up once, however many elements
# sit inside it.
COLOURS = """() => {
  const parts = [
    ['tab', '.sphinx-tabs [role=tab]'],
    ['panel text', '.sphinx-tabs-panel, .sphinx-tabs-panel :is(p, li, dt, dd, th, td)'],
    ['code', 'div.highlight pre, div.highlight pre *'],
  ];
  const ownText = el => [...el.childNodes]
    .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
  const tabState = el => el.getAttribute('aria-selected') === 'true' ? ' (chosen)' : ' (not chosen)';
  const chains = new Map();
  const backgroundsFrom = el => {
    if (!el) return [];
    if (!chains.has(el)) {
      chains.set(el, [getComputedStyle(el).backgroundColor, ...backgroundsFrom(el.parentElement)]);
    }
    return chains.get(el);
  };
  const canvas = getComputedStyle(document.documentElement).backgroundColor;
  const found = [];
  for (const [kind, selector] of parts) {
    for (const el of document.querySelectorAll(selector)) {
      const text = ownText(el);
      if (!text) continue;
      found.push({
        kind: kind + (el.getAttribute('role') === 'tab' ? tabState(el) : ''),
        text: text.slice(0, 40),
        color: getComputedStyle(el).color,
        backgrounds: backgroundsFrom(el),
        canvas,
      });
    }
  }
  return found;
}"""

# Everything a visit records, in one call. The colours come back as JSON text,
# kept as it is until judged: tens of thousands of samples per theme, which
# Playwright's own serialisation took seconds to bring across. axe-core is
# already in the page.
RECORD = f"""async axeRuns => {{
  const theme = document.body.dataset.theme;
  const colours = JSON.stringify(({COLOURS})());
  const violations = [];
  for (const [context, options] of axeRuns) {{
    violations.push(...(await axe.run(context ?? document, options)).violations);
  }}
  return [JSON.stringify({{theme, violations}}), colours];
}}"""


@dataclass
class Tour:
    theme: str
    events: PageEvents
    axe_violations: dict  # page -> list of axe violations
    colours_json: dict  # page -> what COLOURS found there, as JSON text

    def colour_samples(self, path):
        return json.loads(self.colours_json[path])


def take_tour(browser, site_url, site_pages, theme):
    """Open every page once in *theme*, recording requests, errors, axe's findings and colours."""
    context = new_context(browser, site_url, theme=theme)
    events = PageEvents()
    violations, colours = {}, {}
    try:
        page = context.new_page()
        events.watch(page)
        for path in site_pages:
            page.goto(site_url + path, wait_until="load")
            page.evaluate(AXE_SCRIPT)
            found, colours[path] = page.evaluate(RECORD, AXE_RUNS[theme])
            found = json.loads(found)
            assert found["theme"] == theme, f"{path}: Furo shows theme {found['theme']!r}, not {theme!r}"
            violations[path] = found["violations"]
    finally:
        context.close()
    return Tour(theme, events, violations, colours)
