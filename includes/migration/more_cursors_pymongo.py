import asyncio

import bson
from pymongo import AsyncMongoClient
from pymongo.errors import OperationFailure

SQUARES = [
    {"$documents": [{"n": 2}, {"n": 3}]},
    {"$set": {"square": {"$multiply": ["$n", "$n"]}}},
]


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    parcels = database.parcels
    await parcels.drop()
    await parcels.insert_many([{"kg": 1}, {"kg": 4}])

    print(await (await database.aggregate(SQUARES)).to_list())
    async for batch in await parcels.aggregate_raw_batches([{"$project": {"_id": 0}}]):
        print(bson.decode_all(batch))
    try:
        search_indexes = await (await parcels.list_search_indexes()).to_list()
    except OperationFailure:  # servers without Atlas Search refuse the command
        search_indexes = []
    print("search indexes:", search_indexes)
    await client.close()


asyncio.run(main())
