"""A database of a test's own on the live server, through both async drivers."""

import asyncio

from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import AsyncMongoClient


def with_databases(server_uri, name, check, **client_options):
    """Run ``check(motor_db, pymongo_db)`` on the database *name*, then clean up.

    Both are that one database: through a Motor client and through a PyMongo
    Async client (each reached as the database's ``.client``), opened with
    *client_options*. It is dropped before the check, so the check starts from
    an empty database, and after it; then both clients are closed.
    """

    async def main():
        motor_client = AsyncIOMotorClient(server_uri, **client_options)
        pymongo_client = AsyncMongoClient(server_uri, **client_options)
        try:
            await pymongo_client.drop_database(name)
            await check(motor_client[name], pymongo_client[name])
        finally:
            await pymongo_client.drop_database(name)
            motor_client.close()
            await pymongo_client.close()

    asyncio.run(main())
