import asyncio

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


async def file_names(bucket):
    return [grid_out.filename async for grid_out in bucket.find().sort("filename")]


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    database = client.migration_guide
    await database.drop_collection("drafts.files")
    await database.drop_collection("drafts.chunks")
    bucket = AsyncIOMotorGridFSBucket(database, bucket_name="drafts")
    # Two revisions of plan.txt, and one other file.
    await bucket.upload_from_stream("plan.txt", b"first draft")
    await bucket.upload_from_stream("plan.txt", b"second draft")
    await bucket.upload_from_stream("notes.txt", b"keep me")

    # Motor renames and deletes by _id only, so collect the ids of every revision first.
    plan_ids = [grid_out._id async for grid_out in bucket.find({"filename": "plan.txt"})]
    for file_id in plan_ids:
        await bucket.rename(file_id, "old-plan.txt")
    print("renamed:", await file_names(bucket))

    for file_id in plan_ids:
        await bucket.delete(file_id)
    print("deleted:", await file_names(bucket))
    client.close()


asyncio.run(main())
