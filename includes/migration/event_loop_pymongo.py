import asyncio

from pymongo import AsyncMongoClient


async def count_pets():
    # A client per event loop: made, used and closed inside the loop.
    async with AsyncMongoClient("<your MongoDB connection string>") as client:
        return await client.migration_guide.pets.count_documents({})


for run in (1, 2):
    asyncio.run(count_pets())
    print(f"loop {run}: ok")
