"""The FAQ: what it says about the drivers that its examples do not show holds.

* A thread with no event loop cannot start a Motor operation: Motor's asyncio
  client raises RuntimeError, naming the thread.
* Motor adds its framework to the handshake's ``platform``: ``asyncio``, or
  ``Tornado`` and Tornado's version; PyMongo Async adds nothing there.
* A client's pool holds at most 100 connections to a server unless
  ``maxPoolSize`` says otherwise.
* ``to_list(length)`` caps the list and not the round trips: the cursor
  fetches in batches of its own, which ``batch_size()`` sets.
"""

import asyncio
import threading

import pytest
import tornado
from motor.motor_asyncio import AsyncIOMotorClient
from motor.motor_tornado import MotorClient
from pymongo import AsyncMongoClient

from tests.live_databases import with_databases
from tests.test_howto_bulk_writes import CommandNames

UNUSED_URI = "mongodb://127.0.0.1:9"  # nothing is sent: these clients never run an operation


def test_a_thread_without_a_loop_cannot_start_a_motor_operation():
    client = AsyncIOMotorClient(UNUSED_URI)
    raised = []

    def in_a_thread():
        try:
            client.admin.command("ping")
        except RuntimeError as exc:
            raised.append(str(exc))

    worker = threading.Thread(target=in_a_thread, name="request-thread")
    worker.start()
    worker.join()
    client.close()
    assert raised == ["There is no current event loop in thread 'request-thread'."]


@pytest.mark.parametrize(
    ("client_class", "platform_ends_with"),
    [
        (AsyncIOMotorClient, "|asyncio"),
        (MotorClient, f"|Tornado {tornado.version}"),
    ],
)
def test_motor_names_its_framework_in_the_handshake(client_class, platform_ends_with):
    client = client_class(UNUSED_URI)
    platform = client.options.pool_options.metadata["platform"]
    client.close()
    assert platform.endswith(platform_ends_with), platform


def test_pymongo_async_names_no_framework_and_pools_100_connections():
    async def read_options():
        client = AsyncMongoClient(UNUSED_URI)
        options = client.options.pool_options
        await client.close()
        return options.metadata, options.max_pool_size

    metadata, max_pool_size = asyncio.run(read_options())
    assert "|" not in metadata["platform"], metadata["platform"]
    assert max_pool_size == 100


def test_to_list_length_caps_the_list_and_not_the_round_trips(server_uri):
    commands = CommandNames()

    async def check(motor_db, pymongo_db):
        await motor_db.orders.insert_many([{"_id": n} for n in range(5)])
        commands.names.clear()
        cursor = motor_db.orders.find().sort("_id")
        lists = [batch async for batch in lists_of(cursor, 2)]
        assert [len(batch) for batch in lists] == [2, 2, 1]
        assert commands.names == ["find"]  # one round trip for three lists
        commands.names.clear()
        cursor = motor_db.orders.find().sort("_id").batch_size(2)
        assert [len(batch) async for batch in lists_of(cursor, 5)] == [5]
        assert commands.names == ["find", "getMore", "getMore"]  # three round trips for one list

    with_databases(server_uri, "test_howto_faq", check, event_listeners=[commands])


async def lists_of(cursor, length):
    while batch := await cursor.to_list(length):
        yield batch
