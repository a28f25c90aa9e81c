import asyncio

from motor.motor_asyncio import AsyncIOMotorClient

# Made once, at import time, and shared by everything below.
client = AsyncIOMotorClient("<your MongoDB connection string>")


async def count_pets():
    return await client.migration_guide.pets.count_documents({})


# Two event loops, one after the other, as a test suite with a loop per test has.
for run in (1, 2):
    try:
        asyncio.run(count_pets())
        print(f"loop {run}: ok")
    except RuntimeError as exc:
        print(f"loop {run}: {type(exc).__name__}: {exc}")
client.close()
