from motor.motor_asyncio import AsyncIOMotorClient


async def archive(uri):
    client = AsyncIOMotorClient(uri)
    orders = client.shop.orders
    async with await client.start_session() as session:
        async with session.start_transaction():
            cursor = orders.find({"old": True}, session=session)
            while await cursor.fetch_next:
                order = cursor.next_object()
                await orders.delete_one({"_id": order["_id"]}, session=session)
    client.close()
