import asyncio
import warnings

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    bucket = AsyncGridFSBucket(client.migration_guide, bucket_name="seek")
    file_id = await bucket.upload_from_stream("greeting.txt", b"Hello, GridFS!")
    grid_out = await bucket.open_download_stream(file_id)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grid_out.seek(7)  # the Motor habit: called, never awaited
    for warning in caught:
        print(f"{warning.category.__name__}: {warning.message}")

    # The position never moved, so read() starts at the beginning.
    print("at", grid_out.tell(), await grid_out.read())
    await client.close()


asyncio.run(main())
