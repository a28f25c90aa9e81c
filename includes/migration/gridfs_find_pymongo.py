import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("reports.files")
    await database.drop_collection("reports.chunks")
    bucket = AsyncGridFSBucket(database, bucket_name="reports")
    await bucket.upload_from_stream("april.txt", b"April: 12 sold")
    await bucket.upload_from_stream("may.txt", b"May: 19 sold")

    async for grid_out in bucket.find().sort("filename"):
        print(type(grid_out).__name__, grid_out.filename, await grid_out.read())

    files = await bucket.find().sort("filename").to_list()
    print(type(files[0]).__name__, [grid_out.filename for grid_out in files])
    await client.close()


asyncio.run(main())
