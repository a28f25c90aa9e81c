import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    bucket = AsyncIOMotorGridFSBucket(client.migration_guide)
    file_id = await bucket.upload_from_stream("motor.txt", b"Kept in GridFS.", metadata={"by": "Motor"})
    grid_out = await bucket.open_download_stream(file_id)
    print(grid_out.filename, grid_out.metadata, await grid_out.read())
    client.close()


asyncio.run(main())
