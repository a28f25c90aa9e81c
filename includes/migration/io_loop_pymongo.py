import asyncio

from pymongo import AsyncMongoClient


async def main():
    # No loop argument: the client runs on the loop that first uses it.
    client = AsyncMongoClient("<your MongoDB connection string>")
    reply = await client.admin.command("ping")
    print("ping ok:", reply["ok"])
    await client.close()


asyncio.run(main())
