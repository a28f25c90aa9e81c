import asyncio

from pymongo import AsyncMongoClient

NO_CURSOR_TIMEOUT = 16  # the query flag that find(no_cursor_timeout=True) sets


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    fruit = client.migration_guide.fruit
    await fruit.drop()
    await fruit.insert_many([{"name": name} for name in ("apple", "fig", "pear")])

    cursor = fruit.find().sort("name")
    await cursor.add_option(NO_CURSOR_TIMEOUT)
    print([document["name"] async for document in cursor])
    await client.close()


asyncio.run(main())
