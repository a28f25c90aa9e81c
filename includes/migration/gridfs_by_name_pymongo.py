import asyncio

from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile
from pymongo import AsyncMongoClient


async def file_names(bucket):
    return [grid_out.filename async for grid_out in bucket.find().sort("filename")]


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("drafts.files")
    await database.drop_collection("drafts.chunks")
    bucket = AsyncGridFSBucket(database, bucket_name="drafts")
    # Two revisions of plan.txt, and one other file.
    await bucket.upload_from_stream("plan.txt", b"first draft")
    await bucket.upload_from_stream("plan.txt", b"second draft")
    await bucket.upload_from_stream("notes.txt", b"keep me")

    await bucket.rename_by_name("plan.txt", "old-plan.txt")
    print("renamed:", await file_names(bucket))

    await bucket.delete_by_name("old-plan.txt")
    print("deleted:", await file_names(bucket))

    # Unlike a loop over find(), a name that matches no file is an error.
    try:
        await bucket.delete_by_name("old-plan.txt")
    except NoFile as exc:
        print(f"{type(exc).__name__}: {exc}")
    await client.close()


asyncio.run(main())
