import asyncio

from motor.motor_asyncio import AsyncIOMotorClient

PIPELINE = [
    {"$group": {"_id": "$status", "orders": {"$sum": 1}}},
    {"$sort": {"_id": 1}},
]


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    orders = client.migration_guide.orders
    await orders.drop()
    await orders.insert_many([{"status": s} for s in ("new", "paid", "paid", "sent")])
    await orders.create_index("status")

    # Motor hands back these cursors at once, without an await.
    cursor = orders.aggregate(PIPELINE)
    async for group in cursor:
        print(group["_id"], group["orders"])
    print("indexes:", [index["name"] async for index in orders.list_indexes()])
    client.close()


asyncio.run(main())
