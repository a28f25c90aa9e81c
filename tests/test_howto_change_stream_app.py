"""The change-stream web application guide: its mock exemptions hold.

Each script the page keeps off the mock tier still fails there, at the
change stream, with the error its reason names (the page's ``live_orders``
module imported first). What the application does is checked by the page's
own run on the live tier, and in a browser by
``tests/browser/test_browser_live_orders.py``.
"""

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.test_howto_change_streams import MOCK_FAILURES

PAGE = "source/howto/change-stream-app"


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)
