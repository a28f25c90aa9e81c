import asyncio

from motor.motor_asyncio import AsyncIOMotorClient

# Only changes to this collection, whatever else happens on the server.
ONLY_EVENTS = [{"$match": {"ns.db": "migration_guide", "ns.coll": "events"}}]


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    database = client.migration_guide
    events = database.events
    for level, source in (("collection", events), ("database", database), ("client", client)):
        async with source.watch(ONLY_EVENTS) as stream:
            await events.insert_one({"watched_by": level})
            change = await stream.next()
            print(level, change["operationType"], change["fullDocument"]["watched_by"])
    client.close()


asyncio.run(main())
