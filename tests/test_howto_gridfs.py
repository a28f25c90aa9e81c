"""The GridFS guide: what it says about the mock and about the two drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock-motor learns GridFS, this test says
  that the exemption can go.
* The page's claims that its examples do not show are checked on a live
  server: ``async for`` over a download gives chunks in Motor and lines in
  PyMongo Async; ``async for`` over Motor's ``find()`` gives PyMongo's
  synchronous ``GridOut``; ``seek`` is a coroutine only in PyMongo Async; an
  upload stream ended by an exception stores neither the file nor its chunks.
"""

import inspect

import gridfs
import pytest
from gridfs import AsyncGridFSBucket
from motor.motor_asyncio import AsyncIOMotorGridFSBucket

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/gridfs"
DATABASE = "test_howto_gridfs"

# For each exemption reason on the page, what the mock's failure must say.
MOCK_FAILURES = {
    "mongomock-motor has no GridFS: AsyncIOMotorGridFSBucket rejects the mock database with a TypeError": (
        "TypeError: database must be an instance of Database"
    ),
    "mongomock-motor has no GridFS: MotorGridFSBucket rejects the mock database with a TypeError": (
        "TypeError: First argument to <class 'motor.motor_tornado.MotorGridFSBucket'>"
    ),
}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def buckets(motor_db, pymongo_db, **options):
    """A Motor bucket and a PyMongo Async bucket, with the same options, on the same database."""
    return AsyncIOMotorGridFSBucket(motor_db, **options), AsyncGridFSBucket(pymongo_db, **options)


def test_async_for_gives_chunks_in_motor_and_lines_in_pymongo(server_uri):
    content = b"one\ntwo\nthree\n"
    chunks = [content[i : i + 5] for i in range(0, len(content), 5)]
    lines = content.splitlines(keepends=True)
    assert chunks != lines

    async def check(motor_db, pymongo_db):
        motor_bucket, pymongo_bucket = buckets(motor_db, pymongo_db, chunk_size_bytes=5)
        file_id = await pymongo_bucket.upload_from_stream("lines.txt", content)
        motor_download = await motor_bucket.open_download_stream(file_id)
        pymongo_download = await pymongo_bucket.open_download_stream(file_id)
        assert [piece async for piece in motor_download] == chunks
        assert [piece async for piece in pymongo_download] == lines

    with_databases(server_uri, DATABASE, check)


def test_motor_find_yields_synchronous_grid_out(server_uri):
    async def check(motor_db, pymongo_db):
        motor_bucket, pymongo_bucket = buckets(motor_db, pymongo_db)
        await pymongo_bucket.upload_from_stream("a.txt", b"a")
        [motor_found] = [f async for f in motor_bucket.find({})]
        [pymongo_found] = [f async for f in pymongo_bucket.find({})]
        assert type(motor_found) is gridfs.GridOut
        assert not inspect.iscoroutinefunction(motor_found.read)
        assert type(pymongo_found) is gridfs.AsyncGridOut
        assert inspect.iscoroutinefunction(pymongo_found.read)

    with_databases(server_uri, DATABASE, check)


def test_seek_is_a_coroutine_only_in_pymongo_async(server_uri):
    async def check(motor_db, pymongo_db):
        motor_bucket, pymongo_bucket = buckets(motor_db, pymongo_db)
        file_id = await pymongo_bucket.upload_from_stream("digits.txt", b"0123456789")
        motor_download = await motor_bucket.open_download_stream(file_id)
        assert not inspect.isawaitable(motor_download.seek(4))
        assert await motor_download.read(3) == b"456"
        pymongo_download = await pymongo_bucket.open_download_stream(file_id)
        moved = pymongo_download.seek(4)
        assert inspect.isawaitable(moved)
        await moved
        assert await pymongo_download.read(3) == b"456"

    with_databases(server_uri, DATABASE, check)


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_upload_ended_by_an_exception_leaves_nothing(server_uri, driver):
    class Interrupted(Exception):
        pass

    async def check(motor_db, pymongo_db):
        motor_bucket, pymongo_bucket = buckets(motor_db, pymongo_db, chunk_size_bytes=5)
        bucket = motor_bucket if driver == "motor" else pymongo_bucket
        # Ended normally, the block stores the file ...
        async with bucket.open_upload_stream("whole.bin") as upload:
            await upload.write(b"x" * 25)
        assert await pymongo_db["fs.files"].count_documents({"filename": "whole.bin"}) == 1
        # ... ended by an exception, it stores nothing of it.
        with pytest.raises(Interrupted):
            async with bucket.open_upload_stream("partial.bin") as upload:
                await upload.write(b"x" * 25)
                raise Interrupted
        assert await pymongo_db["fs.files"].count_documents({"filename": "partial.bin"}) == 0
        assert await pymongo_db["fs.chunks"].count_documents({"files_id": upload._id}) == 0

    with_databases(server_uri, DATABASE, check)
