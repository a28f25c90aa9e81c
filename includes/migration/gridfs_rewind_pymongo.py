import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("minutes.files")
    await database.drop_collection("minutes.chunks")
    bucket = AsyncGridFSBucket(database, bucket_name="minutes")
    await bucket.upload_from_stream("june.txt", b"Met twice.")
    await bucket.upload_from_stream("july.txt", b"Met once.")

    cursor = bucket.find().sort("filename")
    print(type(cursor).__name__, [grid_out.filename async for grid_out in cursor])
    await cursor.rewind()
    print("after rewind():", [grid_out.filename async for grid_out in cursor])
    await client.close()


asyncio.run(main())
