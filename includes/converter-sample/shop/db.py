"""The shop's database: one AsyncIOMotorClient for the whole application."""

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorCollection


def orders(client: AsyncIOMotorClient) -> AsyncIOMotorCollection:
    return client.shop.orders


async def totals(uri):
    client = AsyncIOMotorClient(uri, io_loop=None)
    pipeline = [{"$group": {"_id": "$item", "total": {"$sum": "$qty"}}}]
    async for row in client.shop.orders.aggregate(pipeline):
        print(row["_id"], row["total"])
    client.close()
