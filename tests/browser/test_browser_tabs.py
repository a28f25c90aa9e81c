"""Flavour tabs as a reader uses them: by mouse, across pages, and by keyboard.

sphinx-tabs group tabs switch every tab set on the page that has the chosen
label, and remember the choice in sessionStorage for the rest of the visit.
"""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.xdist_group("browser-reader")

CHOSEN = "Tornado"  # the flavour a reader picks
TAB_SETS = ".sphinx-tabs [role=tablist]"

# For every tab set that offers *label*: is that tab selected, and is its panel
# the only one shown?
SETS_SHOWING = """(tablists, label) => tablists
  .filter(list => [...list.querySelectorAll('[role=tab]')].some(tab => tab.textContent.trim() === label))
  .map(list => {
    const tabs = [...list.querySelectorAll('[role=tab]')];
    const panels = tabs.map(tab => document.getElementById(tab.getAttribute('aria-controls')));
    const chosen = tabs.findIndex(tab => tab.textContent.trim() === label);
    return {
      selected: tabs[chosen].getAttribute('aria-selected') === 'true',
      onlyPanelShown: panels.every((panel, i) => (i === chosen) === !panel.hasAttribute('hidden')),
    };
  })"""


def tab_sets_in(html):
    """Each tab set of a built page as (its labels, the label it shows first)."""
    soup = BeautifulSoup(html, "html.parser")
    sets = []
    for tablist in soup.select(".sphinx-tabs [role=tablist]"):
        tabs = tablist.select("[role=tab]")
        labels = [tab.get_text(strip=True) for tab in tabs]
        shown = [tab.get_text(strip=True) for tab in tabs if tab.get("aria-selected") == "true"]
        sets.append((labels, shown[0] if shown else None))
    return sets


@pytest.fixture(scope="package")
def tab_sets(site_build, site_pages):
    """The tab sets of every page that has one offering the chosen flavour, most sets first."""
    found = {}
    for path in site_pages:
        sets = tab_sets_in((site_build.html_dir / path).read_text(encoding="utf-8"))
        if any(CHOSEN in labels for labels, _ in sets):
            found[path] = sets
    assert found, f"no page has a {CHOSEN!r} tab; the landing page should"
    return dict(sorted(found.items(), key=lambda item: (-len(item[1]), item[0])))


@pytest.fixture(scope="package")
def pages_to_choose_on(tab_sets):
    """Pages where no tab set shows the chosen flavour first, so choosing it changes them all."""
    pages = [path for path, sets in tab_sets.items() if all(first != CHOSEN for _, first in sets)]
    assert pages, f"every page with a {CHOSEN!r} tab already shows it first"
    return pages


def label_to_choose(sets):
    """A label that the last tab set does not show first: the chosen flavour where possible."""
    labels, first = sets[-1]
    if CHOSEN in labels and first != CHOSEN:
        return CHOSEN
    return next(label for label in labels if label != first)


def tab_sets_showing(page, label):
    return page.locator(TAB_SETS).evaluate_all(SETS_SHOWING, label)


def assert_every_set_shows(page, label):
    sets = tab_sets_showing(page, label)
    assert sets, f"{page.url}: no tab set offers {label!r}"
    wrong = [i for i, state in enumerate(sets) if not (state["selected"] and state["onlyPanelShown"])]
    assert not wrong, f"{page.url}: tab sets {wrong} of {len(sets)} do not show {label!r}: {sets}"


def assert_no_set_shows(page, label):
    shown = [i for i, state in enumerate(tab_sets_showing(page, label)) if state["selected"]]
    assert not shown, f"{page.url}: tab sets {shown} already show {label!r} before any choice"


# sphinx-tabs keeps the visit's choice here and nowhere else.
FORGET_THE_CHOICE = "sessionStorage.clear()"


def test_choosing_a_tab_switches_every_set_on_the_page(page, site_url, tab_sets):
    for path, sets in tab_sets.items():
        label = label_to_choose(sets)
        page.goto(site_url + path)
        # The last set, so that sets above the click switch too, not only those below.
        last = page.locator(TAB_SETS).last
        assert last.get_by_role("tab", name=label, exact=True).get_attribute("aria-selected") == "false"
        last.get_by_role("tab", name=label, exact=True).click()
        assert_every_set_shows(page, label)
        # No choice carried to the next page, as in a new tab; in one tab,
        # each page loads about twice as fast as in a new one.
        page.evaluate(FORGET_THE_CHOICE)


def test_the_choice_lasts_for_the_visit(page, site_url, tab_sets, pages_to_choose_on, site_pages):
    first = pages_to_choose_on[0]
    page.goto(site_url + first)
    assert_no_set_shows(page, CHOSEN)
    page.locator(TAB_SETS).first.get_by_role("tab", name=CHOSEN, exact=True).click()
    # On to a page without those tabs and then to the next page that has them
    # and would not show them first (the same page again if there is none).
    elsewhere = next(path for path in site_pages if path not in tab_sets)
    page.goto(site_url + elsewhere)
    following = pages_to_choose_on[1] if len(pages_to_choose_on) > 1 else first
    page.goto(site_url + following)
    assert_every_set_shows(page, CHOSEN)
    page.reload()
    assert_every_set_shows(page, CHOSEN)


def test_a_new_visit_starts_from_the_default(context, site_url, pages_to_choose_on):
    """The choice is kept per visit (sessionStorage), so the test above can fail."""
    first, second = context.new_page(), context.new_page()
    first.goto(site_url + pages_to_choose_on[0])
    first.locator(TAB_SETS).first.get_by_role("tab", name=CHOSEN, exact=True).click()
    second.goto(site_url + pages_to_choose_on[0])
    assert_no_set_shows(second, CHOSEN)


FOCUSED = "() => `${document.activeElement.getAttribute('role')}:${document.activeElement.textContent}`"


def focused_tab(page):
    return page.evaluate(FOCUSED)


def test_tabs_work_from_the_keyboard(page, site_url, pages_to_choose_on):
    page.goto(site_url + pages_to_choose_on[0])
    tablist = page.locator(TAB_SETS).first
    labels = [label.strip() for label in tablist.get_by_role("tab").all_text_contents()]
    assert CHOSEN in labels and len(labels) > 1, labels
    start = labels[0]

    tablist.get_by_role("tab", name=start, exact=True).focus()
    # Arrow keys move the focus along the tabs (and wrap round) without choosing.
    for _ in range(labels.index(CHOSEN)):
        page.keyboard.press("ArrowRight")
    assert focused_tab(page) == f"tab:{CHOSEN}"
    assert_no_set_shows(page, CHOSEN)
    page.keyboard.press("Enter")
    assert_every_set_shows(page, CHOSEN)

    for _ in range(len(labels) - labels.index(CHOSEN)):
        page.keyboard.press("ArrowRight")
    assert focused_tab(page) == f"tab:{start}", "ArrowRight on the last tab should wrap to the first"
    page.keyboard.press("ArrowLeft")
    assert focused_tab(page) == f"tab:{labels[-1]}", "ArrowLeft on the first tab should wrap to the last"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert_every_set_shows(page, start)
