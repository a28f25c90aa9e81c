"""Is a page's ``:exempt-mock:`` still needed, and for the reason it gives?

Each exempt example is run on the mock tier anyway, on its own. It must still
fail, or its exemption should go; and the failure must be the one its reason
describes, or the reason has gone stale.

Also: which examples a page sends to a test of its own, by naming that test
in an ``:exempt-live:`` reason.
"""

from tested_examples.runner.page_runs import PageRun
from tested_examples.runner.runner import FAILED, PASSED, run_page
from tested_examples.runner.tiers import MockTier


class MockTierRunningEverything(MockTier):
    """The mock tier, made to run the examples a page exempts from it."""

    def exemption(self, example, flavor):
        return self.flavor_exemptions.get(flavor)


def assert_mock_exemptions_hold(manifest, srcdir, docname, failures):
    """*failures* maps each exemption reason on the page to text its failure must contain.

    The page's ``:module:`` blocks of the example's flavour run first, so that
    an example that imports one fails for its reason, not for want of it.
    """
    page = manifest.pages[docname]
    exempt = [e for e in page.examples if "mock" in e.exempt]
    assert {e.exempt["mock"] for e in exempt} == set(failures)
    for example in exempt:
        modules = tuple(e for e in page.examples if e.module and e.flavor in (None, example.flavor))
        run = PageRun(page, example.flavor, (*modules, example))
        *imported, result = run_page(run, MockTierRunningEverything(), srcdir)
        assert all(r.status == PASSED for r in imported), [r.message for r in imported]
        assert result.status == FAILED, f"{example.location} runs on the mock now: drop its exemption"
        assert failures[example.exempt["mock"]] in result.message, result.message


def examples_sent_to(manifest, docname, test_path):
    """The examples of a page whose ``:exempt-live:`` reason says *test_path* runs them.

    Every flavour the page offers must be among them, so that no tab is left
    unrun.
    """
    page = manifest.pages[docname]
    chosen = [e for e in page.examples if test_path in e.exempt.get("live", "")]
    assert chosen, f"no example on {docname} names {test_path} in its :exempt-live: reason"
    assert {e.flavor for e in chosen} == set(page.flavors()), "every flavour's tab must be run here"
    return chosen
