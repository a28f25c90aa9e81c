import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    numbers = client.migration_guide.numbers
    await numbers.drop()
    await numbers.insert_many([{"n": n} for n in range(5)])
    for length in (0, 2, None):
        documents = await numbers.find().sort("n").to_list(length)
        print(f"to_list({length}):", [document["n"] for document in documents])
    documents = await numbers.find().sort("n").to_list()
    print("to_list():", [document["n"] for document in documents])
    client.close()


asyncio.run(main())
