import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("reports.files")
    await database.drop_collection("reports.chunks")
    bucket = AsyncIOMotorGridFSBucket(database, bucket_name="reports")
    await bucket.upload_from_stream("april.txt", b"April: 12 sold")
    await bucket.upload_from_stream("may.txt", b"May: 19 sold")

    async for grid_out in bucket.find().sort("filename"):
        # PyMongo's synchronous GridOut: read() blocks the event loop until the file is in.
        print(type(grid_out).__name__, grid_out.filename, grid_out.read())

    files = await bucket.find().sort("filename").to_list()
    print(type(files[0]).__name__, [document["filename"] for document in files])
    client.close()


asyncio.run(main())
