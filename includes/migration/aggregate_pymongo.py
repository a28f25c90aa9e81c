import asyncio

from pymongo import AsyncMongoClient

PIPELINE = [
    {"$group": {"_id": "$status", "orders": {"$sum": 1}}},
    {"$sort": {"_id": 1}},
]


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    orders = client.migration_guide.orders
    await orders.drop()
    await orders.insert_many([{"status": s} for s in ("new", "paid", "paid", "sent")])
    await orders.create_index("status")

    # These run a command on the server first: await them to get the cursor.
    cursor = await orders.aggregate(PIPELINE)
    async for group in cursor:
        print(group["_id"], group["orders"])
    print("indexes:", [index["name"] async for index in await orders.list_indexes()])
    await client.close()


asyncio.run(main())
