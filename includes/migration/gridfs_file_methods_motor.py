import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    bucket = AsyncIOMotorGridFSBucket(client.migration_guide, bucket_name="lines")
    file_id = await bucket.upload_from_stream("shopping.txt", b"flour\nsugar\nsalt\n")
    grid_out = await bucket.open_download_stream(file_id)
    # Motor passes both calls to PyMongo's synchronous GridOut.
    print(grid_out.readlines())
    grid_out.close()
    print("closed:", grid_out.closed)
    client.close()


asyncio.run(main())
