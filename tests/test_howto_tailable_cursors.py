"""The tailable cursors guide: what it says about capped collections and cursors holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names.
* On a live server, through both drivers: a tailable cursor on a collection
  that is not capped fails; a capped collection drops its oldest documents;
  ``async for`` ends when a wait brings nothing, while the cursor stays open;
  the server answers a waiting read as soon as a document arrives; the cursor
  dies when its collection is dropped; Motor refuses ``to_list()`` on a
  tailable cursor and PyMongo Async does not; closing a cursor sends
  ``killCursors``; ObjectIds made in one process grow, and those of two
  processes differ in a part chosen at random.
* The page's scripts, run as a reader runs them with every warning an error
  (``ResourceWarning`` included, which the runner leaves alone), print
  nothing to stderr: the cursor and the client are closed, the task is
  cancelled.
"""

import asyncio
import contextlib
import subprocess
import sys

import pytest
from bson import ObjectId
from pymongo import CursorType, monitoring
from pymongo.errors import InvalidOperation, OperationFailure

from tested_examples.runner.placeholders import substitute
from tests.command_names import CommandNames
from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/tailable-cursors"
DATABASE = "test_howto_tailable_cursors"
MOCK_FAILURES = {
    "raises NotImplementedError: mongomock's create_collection takes no options, "
    "so it makes no capped collection": "Special options not supported",
}
SHORT_WAIT_MS = 200
# Longer than any test may run (pytest-timeout stops it first), so that a
# read that comes back at all did not wait this out.
ENDLESS_WAIT_MS = 600_000


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def tail(collection, wait_ms=SHORT_WAIT_MS):
    return collection.find(cursor_type=CursorType.TAILABLE_AWAIT).max_await_time_ms(wait_ms)


async def one_round(cursor):
    return [entry["n"] async for entry in cursor]


@contextlib.asynccontextmanager
async def following(db, wait_ms=SHORT_WAIT_MS):
    """A capped log that holds {"n": 1}, and a tailable cursor that has read it; closed after."""
    log = await db.create_collection("log", capped=True, size=4096)
    await log.insert_one({"n": 1})
    cursor = tail(log, wait_ms)
    try:
        assert await one_round(cursor) == [1]
        yield log, cursor
    finally:
        await cursor.close()


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_a_tailable_cursor_needs_a_capped_collection(server_uri, driver):
    async def check(motor_db, pymongo_db):
        db = motor_db if driver == "motor" else pymongo_db
        await db.plain.insert_one({"n": 1})
        cursor = tail(db.plain)
        with pytest.raises(OperationFailure, match="tailable cursor requested on non capped collection"):
            await one_round(cursor)
        await cursor.close()

    with_databases(server_uri, DATABASE, check)


def test_a_full_capped_collection_drops_its_oldest_documents(server_uri):
    async def check(motor_db, pymongo_db):
        log = await motor_db.create_collection("log", capped=True, size=4096, max=3)
        for n in range(5):
            await log.insert_one({"n": n})
        assert [entry["n"] async for entry in log.find()] == [2, 3, 4]
        by_size = await motor_db.create_collection("by_size", capped=True, size=4096)
        for n in range(10):
            await by_size.insert_one({"n": n, "padding": "x" * 1000})
        kept = [entry["n"] async for entry in by_size.find()]
        assert 0 < len(kept) < 10 and kept == list(range(10 - len(kept), 10)), kept

    with_databases(server_uri, DATABASE, check)


class GetMores(monitoring.CommandListener):
    """Each getMore sent: the wait it asked the server for, and how many documents came back."""

    def __init__(self):
        self.sent = []  # maxTimeMS of each getMore
        self.returned = []  # (documents in the batch, cursor id) of each reply

    def started(self, event):
        if event.command_name == "getMore":
            self.sent.append(event.command.get("maxTimeMS"))

    def succeeded(self, event):
        if event.command_name == "getMore":
            cursor = event.reply["cursor"]
            self.returned.append((len(cursor["nextBatch"]), cursor["id"]))

    def failed(self, event):
        pass


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_async_for_ends_on_an_empty_wait_and_the_cursor_stays_open(server_uri, driver):
    get_mores = GetMores()

    async def check(motor_db, pymongo_db):
        async with following(motor_db if driver == "motor" else pymongo_db) as (log, cursor):
            assert cursor.alive
            get_mores.sent.clear()
            get_mores.returned.clear()
            assert await one_round(cursor) == []
            # The round ended on an empty answer to a read that asked the server to
            # wait, not on a closed cursor.
            assert get_mores.sent == [SHORT_WAIT_MS]
            ((documents, cursor_id),) = get_mores.returned
            assert documents == 0 and cursor_id != 0
            assert cursor.alive
            await log.insert_one({"n": 2})
            assert await one_round(cursor) == [2]
        assert not cursor.alive

    with_databases(server_uri, DATABASE, check, event_listeners=[get_mores])


async def a_get_more_is_waiting(db):
    """Whether the server is holding a getMore now (``currentOp`` lists the operations in progress)."""
    in_progress = (await db.client.admin.command("currentOp"))["inprog"]
    return any("getMore" in operation.get("command", {}) for operation in in_progress)


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_a_waiting_read_returns_when_a_document_arrives(server_uri, driver):
    async def check(motor_db, pymongo_db):
        db = motor_db if driver == "motor" else pymongo_db
        log = await db.create_collection("log", capped=True, size=4096)
        await log.insert_one({"n": 1})
        cursor = tail(log, ENDLESS_WAIT_MS)
        try:
            assert (await cursor.next())["n"] == 1  # from the first batch: no wait
            reading = asyncio.ensure_future(cursor.next())
            # Insert only once the server holds the read, so that the document arrives during the wait.
            while not await a_get_more_is_waiting(pymongo_db):
                assert not reading.done(), f"the read ended before the server held it: {reading}"
                await asyncio.sleep(0)
            await log.insert_one({"n": 2})
            # Answered at once: the wait it asked for outlasts this test.
            assert (await reading)["n"] == 2
        finally:
            await cursor.close()

    with_databases(server_uri, DATABASE, check)


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_the_cursor_ends_when_its_collection_is_dropped(server_uri, driver):
    """On the live server the next read ends the cursor quietly; another server may raise instead."""

    async def check(motor_db, pymongo_db):
        async with following(motor_db if driver == "motor" else pymongo_db) as (log, cursor):
            await log.drop()
            assert await one_round(cursor) == []
            assert not cursor.alive

    with_databases(server_uri, DATABASE, check)


def test_motor_refuses_to_list_on_a_tailable_cursor_and_pymongo_does_not(server_uri):
    async def check(motor_db, pymongo_db):
        log = await pymongo_db.create_collection("log", capped=True, size=4096)
        await log.insert_many([{"n": 1}, {"n": 2}])
        motor_cursor = tail(motor_db.log)
        with pytest.raises(InvalidOperation, match="Can't call to_list on tailable cursor"):
            await motor_cursor.to_list()
        await motor_cursor.close()
        pymongo_cursor = tail(log)
        try:
            assert [entry["n"] for entry in await pymongo_cursor.to_list()] == [1, 2]
            assert pymongo_cursor.alive
        finally:
            await pymongo_cursor.close()

    with_databases(server_uri, DATABASE, check)


def test_object_ids_made_in_one_process_grow():
    made = [ObjectId() for _ in range(10_000)]
    assert made == sorted(made)


def test_object_ids_of_two_processes_in_one_second_order_by_a_random_part():
    """After the 4-byte time comes a 5-byte value chosen at random per process, then a counter."""
    here = ObjectId().binary
    code = "from bson import ObjectId; print(ObjectId().binary.hex())"
    there = bytes.fromhex(subprocess.check_output([sys.executable, "-c", code], text=True).strip())
    assert here[4:9] == ObjectId().binary[4:9]
    assert here[4:9] != there[4:9]


def test_the_pages_scripts_end_without_a_warning(manifest, server_uri, tmp_path):
    """Run as a reader runs them, with every warning an error: no unclosed cursor or client."""
    scripts = [e for e in manifest.pages[PAGE].examples if e.context == "script"]
    assert len(scripts) == 6, "two scripts in three flavours"
    for example in scripts:
        path = tmp_path / f"example_{example.index}.py"
        path.write_text(substitute(example.code, server_uri), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-W", "error", str(path)], capture_output=True, text=True, timeout=60
        )
        where = f"{example.location} [{example.flavor}]"
        assert done.returncode == 0, f"{where}: {done.stderr}"
        assert done.stderr == "", f"{where} printed to stderr: {done.stderr}"


def test_closing_the_cursor_tells_the_server_at_once(server_uri):
    """``cursor.close()`` sends ``killCursors`` rather than leaving the cursor to time out."""
    sent = CommandNames()

    async def check(motor_db, pymongo_db):
        for db in (motor_db, pymongo_db):
            async with following(db):
                sent.names.clear()
            assert sent.names == ["killCursors"], f"{type(db).__name__}: {sent.names}"
            await db.drop_collection("log")

    with_databases(server_uri, DATABASE, check, event_listeners=[sent])
