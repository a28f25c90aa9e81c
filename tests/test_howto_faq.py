"""The FAQ: what it says about the drivers that its examples do not show holds.

* A thread with no event loop cannot start a Motor operation: Motor's asyncio
  client raises RuntimeError, naming the thread.
* Motor adds its framework to the handshake's ``platform``: ``asyncio``, or
  ``Tornado`` and Tornado's version; PyMongo Async adds nothing there.
* A client's pool holds at most 100 connections to a server unless
  ``maxPoolSize`` says otherwise.
"""

import asyncio
import threading

import pytest
import tornado
from motor.motor_asyncio import AsyncIOMotorClient
from motor.motor_tornado import MotorClient
from pymongo import AsyncMongoClient

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
