import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    bucket = AsyncGridFSBucket(client.migration_guide, bucket_name="seek")
    file_id = await bucket.upload_from_stream("greeting.txt", b"Hello, GridFS!")
    grid_out = await bucket.open_download_stream(file_id)
    await grid_out.seek(7)
    print("at", grid_out.tell(), await grid_out.read())
    await client.close()


asyncio.run(main())
