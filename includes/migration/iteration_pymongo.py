import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    fruits = client.migration_guide.fruits
    await fruits.drop()
    await fruits.insert_many([{"name": name} for name in ("apple", "fig", "pear")])

    async for fruit in fruits.find().sort("name"):
        print("async for:", fruit["name"])

    # One document at a time, where fetch_next and next_object were used:
    cursor = fruits.find().sort("name")
    while (fruit := await anext(cursor, None)) is not None:
        print("anext:", fruit["name"])
    await client.close()


asyncio.run(main())
