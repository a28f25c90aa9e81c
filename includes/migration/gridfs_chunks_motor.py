import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket

# Chunks of 10 bytes, so that these small files span several chunks.
CHUNK_SIZE = 10
PANTRY = b"name,kg\nflour,1\nsugar,4\nsalt,0.5\n"
ZEROS = bytes(25)


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    bucket = AsyncIOMotorGridFSBucket(
        client.migration_guide, bucket_name="chunks", chunk_size_bytes=CHUNK_SIZE
    )
    pantry_id = await bucket.upload_from_stream("pantry.csv", PANTRY)
    zeros_id = await bucket.upload_from_stream("zeros.bin", ZEROS)

    grid_out = await bucket.open_download_stream(pantry_id)
    async for chunk in grid_out:
        print(chunk)
    grid_out = await bucket.open_download_stream(zeros_id)
    print("zeros.bin:", [len(chunk) async for chunk in grid_out])
    client.close()


asyncio.run(main())
