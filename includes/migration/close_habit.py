import asyncio
import warnings

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    await client.admin.command("ping")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.close()  # the Motor habit: called, never awaited
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")

    # close() only made a coroutine, and nothing ran it: the client is still open.
    reply = await client.admin.command("ping")
    print("still open, ping ok:", reply["ok"])
    await client.close()


asyncio.run(main())
