import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient

# Chunks of 10 bytes, so that these small files span several chunks.
CHUNK_SIZE = 10
PANTRY = b"name,kg\nflour,1\nsugar,4\nsalt,0.5\n"
ZEROS = bytes(25)


async def chunks(grid_out):
    # readchunk() returns b"" once the whole file has been read.
    while chunk := await grid_out.readchunk():
        yield chunk


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    bucket = AsyncGridFSBucket(client.migration_guide, bucket_name="chunks", chunk_size_bytes=CHUNK_SIZE)
    pantry_id = await bucket.upload_from_stream("pantry.csv", PANTRY)
    zeros_id = await bucket.upload_from_stream("zeros.bin", ZEROS)

    grid_out = await bucket.open_download_stream(pantry_id)
    async for chunk in chunks(grid_out):
        print(chunk)
    grid_out = await bucket.open_download_stream(zeros_id)
    print("zeros.bin:", [len(chunk) async for chunk in chunks(grid_out)])
    await client.close()


asyncio.run(main())
