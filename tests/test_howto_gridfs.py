"""The GridFS guide: what it says about the mock and about the two drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock-motor learns GridFS, this test says
  that the exemption can go.
* The page's claims that its examples do not show are checked on a live
  server: ``async for`` over a download gives chunks in Motor and lines in
  PyMongo Async; ``async for`` over Motor's ``find()`` gives PyMongo's
  synchronous ``GridOut``; ``seek`` is a coroutine only in PyMongo Async; an
  upload stream ended by an exception stores no file, but keeps the chunks of
  each 184-chunk batch it already sent, which ``abort()`` deletes.
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


# The default chunk size, and how many chunks an upload stream gathers before
# it sends them: it sends once they pass 48,000,000 bytes, each chunk counted
# with 60 bytes of overhead, which at 255 KiB a chunk is at the 184th.
CHUNK_SIZE = 255 * 1024
BATCH = 184


class Interrupted(Exception):
    """Ends an upload stream's block early."""


def bucket_of(driver, motor_db, pymongo_db):
    motor_bucket, pymongo_bucket = buckets(motor_db, pymongo_db)
    return motor_bucket if driver == "motor" else pymongo_bucket


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
@pytest.mark.parametrize(
    "written, kept",
    [(1000, 0), ((BATCH - 1) * CHUNK_SIZE, 0), (BATCH * CHUNK_SIZE, BATCH)],
    ids=["small", "one-chunk-short-of-a-batch", "one-batch"],
)
def test_upload_ended_by_an_exception_keeps_the_chunks_already_sent(server_uri, driver, written, kept):
    assert gridfs.DEFAULT_CHUNK_SIZE == CHUNK_SIZE

    async def check(motor_db, pymongo_db):
        bucket = bucket_of(driver, motor_db, pymongo_db)
        with pytest.raises(Interrupted):
            async with bucket.open_upload_stream("partial.bin") as upload:
                for start in range(0, written, CHUNK_SIZE):
                    await upload.write(b"x" * min(CHUNK_SIZE, written - start))
                raise Interrupted
        assert upload.closed
        # No file, so no download ...
        assert await pymongo_db["fs.files"].count_documents({}) == 0
        with pytest.raises(gridfs.errors.NoFile):
            await AsyncGridFSBucket(pymongo_db).open_download_stream(upload._id)
        # ... but the chunks of every batch already sent are still there.
        assert await pymongo_db["fs.chunks"].count_documents({"files_id": upload._id}) == kept

    with_databases(server_uri, DATABASE, check)


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_abort_after_a_failed_upload_deletes_its_chunks(server_uri, driver):
    async def check(motor_db, pymongo_db):
        bucket = bucket_of(driver, motor_db, pymongo_db)
        upload = bucket.open_upload_stream("partial.bin")
        with pytest.raises(Interrupted):
            try:
                async with upload:
                    for _ in range(BATCH + 10):
                        await upload.write(b"x" * CHUNK_SIZE)
                    raise Interrupted
            except Interrupted:
                assert await pymongo_db["fs.chunks"].count_documents({"files_id": upload._id}) == BATCH
                await upload.abort()
                raise
        assert await pymongo_db["fs.chunks"].count_documents({}) == 0
        assert await pymongo_db["fs.files"].count_documents({}) == 0

    with_databases(server_uri, DATABASE, check)
