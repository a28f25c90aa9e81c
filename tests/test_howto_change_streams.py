"""The change streams guide: what it says about the mock and about the drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock-motor learns change streams, this
  test says that the exemption can go.
* The page's claims that its examples do not show are checked on a live
  server: a Motor stream starts watching when its ``async with`` block is
  entered, or else at its first read; PyMongo Async's awaited ``watch()``
  starts at once; a pipeline that drops the event's ``_id`` breaks the
  stream; ``updateLookup`` shows a document as it is when the event is
  sent, and ``None`` for one deleted since.
"""

import pytest
from pymongo.errors import InvalidOperation, OperationFailure

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/change-streams"
DATABASE = "test_howto_change_streams"
WAIT_MS = 500

# For each exemption reason on the page, what the mock's failure must say.
MOCK_FAILURES = {
    "mongomock-motor has no change streams: its collections have no watch()": (
        "If you meant to call the 'watch' method on a 'Collection' object it is failing "
        "because no such method exists"
    ),
}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


async def drain(stream):
    """The events the stream has for us now; it stops when none comes within the wait."""
    while (change := await stream.try_next()) is not None:
        yield change


async def ids_seen(stream):
    return [change["documentKey"]["_id"] async for change in drain(stream)]


def test_motor_stream_starts_when_its_block_is_entered(server_uri):
    async def check(motor_db, pymongo_db):
        entered = motor_db.events.watch(max_await_time_ms=WAIT_MS)
        async with entered as stream:
            await motor_db.events.insert_one({"_id": "before first read"})
            assert await ids_seen(stream) == ["before first read"]

        never_entered = motor_db.events.watch(max_await_time_ms=WAIT_MS)
        await motor_db.events.insert_one({"_id": "missed"})
        try:
            assert await ids_seen(never_entered) == []  # the first read started the stream
            await motor_db.events.insert_one({"_id": "after first read"})
            assert await ids_seen(never_entered) == ["after first read"]
        finally:
            await never_entered.close()

    with_databases(server_uri, DATABASE, check)


def test_pymongo_watch_starts_when_awaited(server_uri):
    async def check(motor_db, pymongo_db):
        stream = await pymongo_db.events.watch(max_await_time_ms=WAIT_MS)
        try:
            await pymongo_db.events.insert_one({"_id": "before first read"})
            assert await ids_seen(stream) == ["before first read"]
        finally:
            await stream.close()

    with_databases(server_uri, DATABASE, check)


def test_a_pipeline_that_drops_the_resume_token_breaks_the_stream(server_uri):
    async def check(motor_db, pymongo_db):
        async with motor_db.events.watch([{"$project": {"_id": 0}}], max_await_time_ms=WAIT_MS) as stream:
            await motor_db.events.insert_one({"_id": 1})
            with pytest.raises((OperationFailure, InvalidOperation)):
                await stream.try_next()

    with_databases(server_uri, DATABASE, check)


def test_update_lookup_shows_the_document_as_it_is_when_sent(server_uri):
    async def check(motor_db, pymongo_db):
        await motor_db.events.insert_many([{"_id": "kept", "n": 0}, {"_id": "deleted", "n": 0}])
        watching = motor_db.events.watch(full_document="updateLookup", max_await_time_ms=WAIT_MS)
        async with watching as stream:
            for _ in range(2):
                await motor_db.events.update_one({"_id": "kept"}, {"$inc": {"n": 1}})
            await motor_db.events.update_one({"_id": "deleted"}, {"$inc": {"n": 1}})
            await motor_db.events.delete_one({"_id": "deleted"})
            updates = [c for c in [c async for c in drain(stream)] if c["operationType"] == "update"]
        # Both updates of "kept" show its state after the second one.
        assert [c["fullDocument"] for c in updates[:2]] == [{"_id": "kept", "n": 2}] * 2
        assert updates[2]["documentKey"] == {"_id": "deleted"}
        assert updates[2]["fullDocument"] is None

    with_databases(server_uri, DATABASE, check)
