import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    print("is_primary:", client.is_primary, "is_mongos:", client.is_mongos)
    print("address is the primary:", client.address == client.primary)
    print("secondaries:", client.secondaries, "arbiters:", client.arbiters)
    client.close()


asyncio.run(main())
