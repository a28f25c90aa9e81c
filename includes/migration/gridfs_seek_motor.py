import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    bucket = AsyncIOMotorGridFSBucket(client.migration_guide, bucket_name="seek")
    file_id = await bucket.upload_from_stream("greeting.txt", b"Hello, GridFS!")
    grid_out = await bucket.open_download_stream(file_id)
    grid_out.seek(7)
    print("at", grid_out.tell(), await grid_out.read())
    client.close()


asyncio.run(main())
