import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    pets = client.migration_guide.pets
    result = await pets.insert_one({"name": "Biscuit", "kind": "dog"})
    print(await pets.find_one({"_id": result.inserted_id}, {"_id": 0}))
    client.close()


asyncio.run(main())
