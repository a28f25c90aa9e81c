import asyncio
import warnings

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    fruit = client.migration_guide.fruit
    await fruit.drop()
    await fruit.insert_many([{"name": name} for name in ("apple", "fig", "pear")])

    cursor = fruit.find().sort("name")
    print("first pass:", [document["name"] async for document in cursor])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cursor.rewind()  # the Motor habit: called, never awaited
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")

    # The cursor was never rewound: it is still used up, so the second pass is empty.
    print("after rewind():", [document["name"] async for document in cursor])
    await client.close()


asyncio.run(main())
