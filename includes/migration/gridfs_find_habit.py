import asyncio
import warnings

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("reports.files")
    await database.drop_collection("reports.chunks")
    bucket = AsyncGridFSBucket(database, bucket_name="reports")
    await bucket.upload_from_stream("april.txt", b"April: 12 sold")

    async for grid_out in bucket.find():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            contents = grid_out.read()  # the Motor habit: no await
            print("read() returned a", type(contents).__name__)
            del contents  # dropped unawaited, which is when Python warns
        for warning in caught:
            print(f"{warning.category.__name__}: {warning.message}")

    files = await bucket.find().to_list()
    try:
        print(files[0]["filename"])  # the Motor habit: a file document is a dict
    except TypeError as exc:
        print(f"{type(exc).__name__}: {exc}")
    await client.close()


asyncio.run(main())
