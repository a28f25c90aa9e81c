import asyncio
import warnings

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")

    # Motor's "async with await client.start_session()":
    try:
        async with await client.start_session():
            pass
    except TypeError as exc:
        print(f"{type(exc).__name__}: {exc}")

    # Motor's "async with session.start_transaction()":
    async with client.start_session() as session:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                async with session.start_transaction():
                    pass
            except TypeError as exc:
                print(f"{type(exc).__name__}: {exc}")
        for warning in caught:
            print(f"{warning.category.__name__}: {warning.message}")
        print("in a transaction:", session.in_transaction)

    await client.close()


asyncio.run(main())
