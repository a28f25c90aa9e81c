import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    accounts = client.migration_guide.accounts
    await accounts.drop()
    await accounts.insert_many([{"_id": "ana", "balance": 50}, {"_id": "ben", "balance": 0}])

    # start_session() is no longer awaited; start_transaction() now is.
    async with client.start_session() as session:
        async with await session.start_transaction():
            await accounts.update_one({"_id": "ana"}, {"$inc": {"balance": -20}}, session=session)
            await accounts.update_one({"_id": "ben"}, {"$inc": {"balance": 20}}, session=session)

    print(await accounts.find().sort("_id").to_list())
    await client.close()


asyncio.run(main())
