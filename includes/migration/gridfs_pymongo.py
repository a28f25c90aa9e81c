import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    bucket = AsyncGridFSBucket(client.migration_guide)
    file_id = await bucket.upload_from_stream("pymongo.txt", b"Kept in GridFS.", metadata={"by": "PyMongo"})
    grid_out = await bucket.open_download_stream(file_id)
    print(grid_out.filename, grid_out.metadata, await grid_out.read())
    await client.close()


asyncio.run(main())
