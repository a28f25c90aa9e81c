import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    cursor = client.migration_guide.fruits.find()
    for motor_only in ("each", "fetch_next", "next_object"):
        try:
            getattr(cursor, motor_only)
        except AttributeError as exc:
            print(f"{type(exc).__name__}: {exc}")
    await client.close()


asyncio.run(main())
