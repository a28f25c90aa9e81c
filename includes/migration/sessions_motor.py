import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    accounts = client.migration_guide.accounts
    await accounts.drop()
    await accounts.insert_many([{"_id": "ana", "balance": 50}, {"_id": "ben", "balance": 0}])

    async with await client.start_session() as session:
        async with session.start_transaction():
            await accounts.update_one({"_id": "ana"}, {"$inc": {"balance": -20}}, session=session)
            await accounts.update_one({"_id": "ben"}, {"$inc": {"balance": 20}}, session=session)

    print(await accounts.find().sort("_id").to_list())
    client.close()


asyncio.run(main())
