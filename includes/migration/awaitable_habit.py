import asyncio
import warnings

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    orders = client.migration_guide.orders
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            async for order in orders.aggregate([{"$match": {}}]):
                print(order)
        except TypeError as exc:
            print(f"{type(exc).__name__}: {exc}")
        try:
            await orders.aggregate([{"$match": {}}]).to_list()
        except AttributeError as exc:
            print(f"{type(exc).__name__}: {exc}")
        try:
            async with orders.watch():
                pass
        except TypeError as exc:
            print(f"{type(exc).__name__}: {exc}")
    # Each call made a coroutine that nothing ran, so no command reached the server.
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")
    await client.close()


asyncio.run(main())
