import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    print("is_primary:", await client.is_primary, "is_mongos:", await client.is_mongos)
    print("address is the primary:", await client.address == await client.primary)
    print("secondaries:", await client.secondaries, "arbiters:", await client.arbiters)
    await client.close()


asyncio.run(main())
