import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    pets = client.migration_guide.pets
    result = await pets.insert_one({"name": "Biscuit", "kind": "dog"})
    print(await pets.find_one({"_id": result.inserted_id}, {"_id": 0}))
    await client.close()


asyncio.run(main())
