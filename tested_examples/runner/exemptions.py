"""Exemptions stay honest: an exempt example is still run, and must still fail, for its reason.

An author exempts an example from a tier (``:exempt-mock: reason``) because
that tier cannot run it. Causes go away (a new mongomock, a fixed example),
and an exemption that outlives its cause hides a working example from its
tier. So after a page run the runner runs each exempt example once more, on
the same tier, in the page run's state, and:

* if it now does what the page shows, the run fails: "exemption no longer
  needed";
* if its reason names an exception (``TypeError``, ``NotImplementedError``,
  ``OperationFailure``...), the failure must be that exception, or the
  reason has gone stale and the run fails saying so.

Two kinds of exemption are not rechecked this way, because running the
example on the tier proves nothing either way:

* what the tier has no stand-in for at all (``Tier.categorical_exemption``:
  the PyMongo Async flavour, and PyMongo's own clients, on the mock);
* an exemption that hands the example to a test of its own, naming it
  (``tests/test_howto_auth.py runs this block``): that test runs it against
  the server it needs;
* a ``:module:`` block: running it only defines the module, which always
  works, so its exemption is judged by the exempt blocks that import it.
"""

import re

EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Failure|Timeout)\b")
DELEGATED_TO = re.compile(r"\btests/[\w/]+\.py\b")


def delegated_to(reason):
    """The test file an exemption hands its example to, or None."""
    match = DELEGATED_TO.search(reason or "")
    return match.group(0) if match else None


def can_recheck(tier, example, flavor):
    if tier.categorical_exemption(example, flavor) or example.module:
        return False
    return delegated_to(example.exempt.get(tier.name)) is None


def stale(tier, example, problem):
    """Why *example*'s exemption on *tier* no longer holds, given how it ran now; None if it holds."""
    reason = example.exempt[tier.name]
    if problem is None:
        return (
            f"exemption no longer needed: {example.location} runs on the {tier.name} tier now; "
            f"drop its :exempt-{tier.name}: ({reason})"
        )
    named = EXCEPTION_NAME.findall(reason)
    if named and not any(name in problem for name in named):
        first_line = problem.strip().splitlines()[0] if problem.strip() else problem
        return (
            f"exemption reason no longer matches: {example.location} is exempt from the {tier.name} tier "
            f"because it raises {' or '.join(named)} ({reason}), but now it fails otherwise: {first_line}"
        )
    return None
