import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("minutes.files")
    await database.drop_collection("minutes.chunks")
    bucket = AsyncIOMotorGridFSBucket(database, bucket_name="minutes")
    await bucket.upload_from_stream("june.txt", b"Met twice.")
    await bucket.upload_from_stream("july.txt", b"Met once.")

    cursor = bucket.find().sort("filename")
    print(type(cursor).__name__, [grid_out.filename async for grid_out in cursor])
    cursor.rewind()
    print("after rewind():", [grid_out.filename async for grid_out in cursor])
    client.close()


asyncio.run(main())
