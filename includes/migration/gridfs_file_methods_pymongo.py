import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    bucket = AsyncGridFSBucket(client.migration_guide, bucket_name="lines")
    file_id = await bucket.upload_from_stream("shopping.txt", b"flour\nsugar\nsalt\n")
    grid_out = await bucket.open_download_stream(file_id)
    print(await grid_out.readlines())
    await grid_out.close()
    print("closed:", grid_out.closed)
    await client.close()


asyncio.run(main())
