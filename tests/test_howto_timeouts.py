"""The timeouts guide: what it says about a hung server that its examples do not show.

* Once the client's background check of a server has given up, an
  operation that finds no server raises ``ServerSelectionTimeoutError``
  with the check's reason in its message, through both drivers.

The server is one that never answers, so the check can only end by its own
``connectTimeoutMS``; the test waits for that to happen, then asks.
"""

import asyncio

import pytest
from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import AsyncMongoClient, monitoring
from pymongo.errors import ServerSelectionTimeoutError

from tested_examples.runner.conditions import silent_server

REASON = r"timed out \(configured timeouts: socketTimeoutMS: 100.0ms, connectTimeoutMS: 100.0ms\)"


class FirstFailedCheck(monitoring.ServerHeartbeatListener):
    """Set once a background check has failed; Motor's checks run in threads, hence the hand-over."""

    def __init__(self):
        self.loop = asyncio.get_running_loop()
        self.failed_once = asyncio.Event()
        self.seen = False

    def started(self, event):
        pass

    def succeeded(self, event):
        pass

    def failed(self, event):
        if not self.seen:  # a later one can come when the client closes, after the loop
            self.seen = True
            self.loop.call_soon_threadsafe(self.failed_once.set)


@pytest.mark.parametrize("client_class", [AsyncIOMotorClient, AsyncMongoClient])
def test_after_a_failed_check_the_selection_error_gives_its_reason(client_class):
    async def check(uri):
        checks = FirstFailedCheck()
        client = client_class(
            uri, connectTimeoutMS=100, serverSelectionTimeoutMS=300, event_listeners=[checks]
        )
        try:
            # The first operation starts the checks: its error may come before one has failed.
            with pytest.raises(ServerSelectionTimeoutError):
                await client.howto_timeouts.orders.find_one({})
            await checks.failed_once.wait()
            with pytest.raises(ServerSelectionTimeoutError, match=REASON):
                await client.howto_timeouts.orders.find_one({})
        finally:
            closed = client.close()
            if closed is not None:  # PyMongo's close() is a coroutine, Motor's is not
                await closed

    with silent_server() as uri:
        asyncio.run(check(uri))
