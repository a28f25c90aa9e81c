import asyncio

from pymongo import AsyncMongoClient
from pymongo.errors import InvalidOperation


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    await client.admin.command("ping")
    await client.close()
    try:
        await client.admin.command("ping")
    except InvalidOperation as exc:
        print(f"after close: {type(exc).__name__}: {exc}")

    # Or let "async with" close the client, even when the block raises.
    async with AsyncMongoClient("<your MongoDB connection string>") as client:
        reply = await client.admin.command("ping")
        print("ping ok:", reply["ok"])


asyncio.run(main())
