import asyncio
import warnings

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    fruits = client.migration_guide.fruits
    await fruits.drop()
    await fruits.insert_many([{"name": name} for name in ("apple", "fig", "pear")])

    # each(): a callback per document, then (None, None) when the cursor is done.
    finished = asyncio.get_running_loop().create_future()

    def on_document(document, error):
        if error is not None:
            finished.set_exception(error)
        elif document is None:
            finished.set_result(None)
        else:
            print("each:", document["name"])

    fruits.find().sort("name").each(on_document)
    await finished

    # fetch_next and next_object: deprecated since Motor 2.2, and they say so.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        cursor = fruits.find().sort("name")
        while await cursor.fetch_next:
            print("fetch_next:", cursor.next_object()["name"])
    print(f"{len(caught)} warnings, the first: {caught[0].message}")
    client.close()


asyncio.run(main())
