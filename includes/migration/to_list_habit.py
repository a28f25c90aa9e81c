import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    numbers = client.migration_guide.numbers
    try:
        await numbers.find().to_list(0)
    except ValueError as exc:
        print(f"{type(exc).__name__}: {exc}")
    await client.close()


asyncio.run(main())
