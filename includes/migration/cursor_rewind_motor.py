import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    fruit = client.migration_guide.fruit
    await fruit.drop()
    await fruit.insert_many([{"name": name} for name in ("apple", "fig", "pear")])

    cursor = fruit.find().sort("name")
    print("first pass:", [document["name"] async for document in cursor])
    cursor.rewind()
    print("after rewind():", [document["name"] async for document in cursor])
    client.close()


asyncio.run(main())
