import asyncio
import warnings

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        address = client.address  # the Motor habit: read, never awaited
        print("address:", type(address).__name__)
        del address  # Python warns when it drops a coroutine that never ran
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")
    await client.close()


asyncio.run(main())
