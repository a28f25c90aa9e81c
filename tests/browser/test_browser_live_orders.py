"""The live orders page of the change-stream guide, in a real browser.

For each tab's ``live_orders.py``, exactly as the built page shows it (taken
from the manifest): the application serves its page on a free port, Chromium
opens it and waits to be told it is live, the test inserts an order, and its
line must appear. Then the application shuts down: the page must see its
WebSocket close, and the application's thread must end without an error, a
warning or an exception its event loop had to report.

Every wait is Playwright's ``expect`` with a time limit, never a sleep.
"""

import asyncio
import inspect
import threading
import types
import warnings

import pymongo
import pytest
from playwright.sync_api import expect

from tests.browser.browsing import PageEvents

pytestmark = pytest.mark.xdist_group("browser-reader")

PAGE = "source/howto/change-stream-app"
MODULE = "live_orders"
# The client class each tab's module connects with.
CLIENT_CLASSES = {
    "asyncio": "AsyncIOMotorClient",
    "Tornado": "MotorClient",
    "PyMongo Async": "AsyncMongoClient",
}
WAIT_MS = 10_000  # the most any step may take; each is done in well under a second


def page_module(manifest, flavor):
    """The guide's live_orders.py of *flavor*, imported under a name of its own."""
    examples = manifest.pages[PAGE].examples
    [example] = [e for e in examples if e.module == MODULE and e.flavor == flavor]
    module = types.ModuleType(f"{MODULE}_{flavor.lower().replace(' ', '_')}")
    exec(compile(example.code, example.location, "exec"), module.__dict__)
    return module


class AppInThread:
    """The module's application, served by ``serving(database, 0)`` in an event loop of its own.

    Playwright's synchronous API holds this thread's event loop, so the
    application runs in another thread, as it would in another process.
    """

    def __init__(self, module, flavor, server_uri, database):
        self.module, self.flavor, self.server_uri, self.database = module, flavor, server_uri, database
        self.url = None
        self.problems = []  # what went wrong in the thread: errors, warnings, loop reports
        self._serving = threading.Event()
        self._loop = self._stop = None
        self._thread = threading.Thread(target=self._run, name="live-orders-app")

    def _run(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                asyncio.run(self._serve())
            except BaseException as exc:  # reported by the test, in its own thread
                self.problems.append(f"the application failed: {exc!r}")
            finally:
                self._serving.set()
        self.problems.extend(f"warning: {w.category.__name__}: {w.message}" for w in caught)

    async def _serve(self):
        self._loop = asyncio.get_running_loop()
        self._loop.set_exception_handler(lambda loop, context: self.problems.append(context["message"]))
        self._stop = asyncio.Event()
        client = getattr(self.module, CLIENT_CLASSES[self.flavor])(self.server_uri)
        try:
            async with self.module.serving(client[self.database], 0) as url:
                self.url = url
                self._serving.set()
                await self._stop.wait()
        finally:
            closed = client.close()
            if inspect.isawaitable(closed):  # PyMongo's close() is a coroutine, Motor's is not
                await closed

    def __enter__(self):
        self._thread.start()
        assert self._serving.wait(WAIT_MS / 1000), "the application did not start"
        assert self.url, "\n".join(self.problems)
        return self

    def __exit__(self, *exc_info):
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(WAIT_MS / 1000)
        assert not self._thread.is_alive(), "the application did not shut down"


@pytest.mark.parametrize("flavor", list(CLIENT_CLASSES))
def test_a_new_order_appears_on_the_page_and_it_shuts_down_cleanly(browser, manifest, server_uri, flavor):
    database = f"test_browser_live_orders_{flavor.lower().replace(' ', '_')}"
    mongo = pymongo.MongoClient(server_uri)
    mongo.drop_database(database)
    app = AppInThread(page_module(manifest, flavor), flavor, server_uri, database)
    context = browser.new_context()
    events = PageEvents()
    try:
        with app:
            page = context.new_page()
            events.watch(page)
            page.goto(app.url)
            expect(page.locator("#status")).to_have_text("Live", timeout=WAIT_MS)
            expect(page.locator("#orders li")).to_have_count(0)
            mongo[database].orders.insert_one({"item": "tea", "qty": 2})
            expect(page.locator("#orders li")).to_have_text(["2 × tea"], timeout=WAIT_MS)
        expect(page.locator("#status")).to_have_text("Disconnected", timeout=WAIT_MS)
    finally:
        context.close()
        mongo.drop_database(database)
        mongo.close()
    assert not events.errors, "errors in the browser console:\n" + events.error_report()
    assert not app.problems, "\n".join(app.problems)
