import asyncio

from pymongo import AsyncMongoClient
from pymongo.errors import ConfigurationError


async def main():
    loop = asyncio.get_running_loop()
    try:
        AsyncMongoClient("<your MongoDB connection string>", io_loop=loop)
    except ConfigurationError as exc:
        print(f"{type(exc).__name__}: {exc}")


asyncio.run(main())
