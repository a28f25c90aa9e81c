"""The GridFS over HTTP guide: what it says that its examples do not show holds.

* Each example the page keeps off the mock tier still fails there, with the
  TypeError its reason names (and not for want of the module it imports).
* aiohttp warns when Motor's ``AIOHTTPGridFS`` object is a route's handler, and
  not when the page's ``add_file_route`` wraps it.
* Python's default warning filters hide PyMongo's ``contentType`` warning, and
  where warnings are errors it turns a file request into a ``500``.
* A revision uploaded in the same second as the one a client holds is
  answered ``304`` to that client's ``If-Modified-Since``, by both handlers.

The applications are the page's own ``gridfs_web`` modules, from the manifest.
"""

import datetime
import subprocess
import sys
import types
import warnings

import pytest
from aiohttp import web
from motor.aiohttp import AIOHTTPGridFS
from motor.motor_asyncio import AsyncIOMotorGridFSBucket
from motor.motor_tornado import MotorClient, MotorGridFSBucket
from tornado.httpclient import AsyncHTTPClient

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases
from tests.test_howto_gridfs import MOCK_FAILURES as GRIDFS_MOCK_FAILURES

PAGE = "source/howto/gridfs-http"
DATABASE = "test_howto_gridfs_http"
CONTENT_TYPE_WARNING = "GridOut property 'contentType'"

# The same reasons as the GridFS guide's, failing the same way.
MOCK_FAILURES = GRIDFS_MOCK_FAILURES


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def page_module(manifest, flavor):
    """The page's gridfs_web.py of *flavor*, imported under a name of its own."""
    [example] = [e for e in manifest.pages[PAGE].examples if e.module == "gridfs_web" and e.flavor == flavor]
    module = types.ModuleType(f"gridfs_web_{flavor.lower()}")
    exec(compile(example.code, example.location, "exec"), module.__dict__)
    return module


def test_aiohttp_warns_about_the_handler_object_and_not_about_its_wrapper(manifest):
    app_module = page_module(manifest, "asyncio")
    handler = AIOHTTPGridFS.__new__(AIOHTTPGridFS)  # no database: no request is made
    with pytest.warns(DeprecationWarning, match="Bare functions are deprecated"):
        web.Application().router.add_get("/files/{filename}", handler)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app_module.add_file_route(web.Application(), "/files/{filename}", handler)


def test_default_filters_hide_the_content_type_warning_and_error_filters_do_not():
    read_it = (
        "import gridfs, pymongo\n"
        "collection = pymongo.MongoClient(connect=False).db.fs\n"
        "grid_out = gridfs.GridOut(collection, file_document={'_id': 1, 'length': 0, 'filename': 'a.txt'})\n"
        # Read from a module, as Motor's handlers read it: warnings raised in
        # __main__ itself are shown by default.
        "reader = type(gridfs)('reader')\n"
        "exec('def read(grid_out): return grid_out.content_type', reader.__dict__)\n"
        "print(reader.read(grid_out))\n"
    )
    quiet = subprocess.run([sys.executable, "-c", read_it], capture_output=True, text=True, check=True)
    assert (quiet.stdout, quiet.stderr) == ("None\n", "")
    loud = subprocess.run([sys.executable, "-W", "error", "-c", read_it], capture_output=True, text=True)
    assert loud.returncode != 0 and CONTENT_TYPE_WARNING in loud.stderr


def test_a_warning_turned_error_makes_the_handler_answer_500(manifest, server_uri):
    app_module = page_module(manifest, "asyncio")

    async def check(motor_db, pymongo_db):
        await AsyncIOMotorGridFSBucket(motor_db).upload_from_stream("a.txt", b"x")
        http = AsyncHTTPClient()
        async with app_module.serving(motor_db, 0) as base_url:
            with warnings.catch_warnings():
                warnings.simplefilter("error", DeprecationWarning)
                failed = await http.fetch(f"{base_url}/files/a.txt", raise_error=False)
                warnings.filterwarnings("ignore", CONTENT_TYPE_WARNING, DeprecationWarning)
                served = await http.fetch(f"{base_url}/files/a.txt", raise_error=False)
        http.close()
        assert (failed.code, served.code) == (500, 200)

    with_databases(server_uri, DATABASE, check)


SAME_SECOND = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
TENTH = datetime.timedelta(milliseconds=100)


async def upload_at(database, bucket, data, when):
    """Upload a revision of report.csv, and give it *when* as its upload time."""
    file_id = await bucket.upload_from_stream("report.csv", data)
    await database["fs.files"].update_one({"_id": file_id}, {"$set": {"uploadDate": when}})


@pytest.mark.parametrize("flavor", ["asyncio", "Tornado"])
def test_a_revision_of_the_same_second_is_not_modified_since(manifest, server_uri, flavor):
    app_module = page_module(manifest, flavor)

    async def check(motor_db, pymongo_db):
        if flavor == "Tornado":  # GridFSHandler needs the Tornado client's database
            tornado_client = MotorClient(server_uri)
            database, bucket_class = tornado_client[DATABASE], MotorGridFSBucket
        else:
            tornado_client, database, bucket_class = None, motor_db, AsyncIOMotorGridFSBucket
        bucket = bucket_class(database)
        http = AsyncHTTPClient()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", CONTENT_TYPE_WARNING, DeprecationWarning)
            async with app_module.serving(database, 0) as base_url:
                url = f"{base_url}/files/report.csv"
                # Two revisions in one second, made so rather than hoped for: each
                # upload gets its time set, a tenth of a second after the one before.
                await upload_at(database, bucket, b"old", SAME_SECOND + TENTH)
                first = await http.fetch(url)
                await upload_at(database, bucket, b"newer", SAME_SECOND + 2 * TENTH)
                second = await http.fetch(url)
                assert second.headers["Last-Modified"] == first.headers["Last-Modified"]
                headers = {"If-Modified-Since": first.headers["Last-Modified"]}
                stale = await http.fetch(url, headers=headers, raise_error=False)
        http.close()
        if tornado_client is not None:
            tornado_client.close()
        assert (first.body, second.body, stale.code) == (b"old", b"newer", 304)

    with_databases(server_uri, DATABASE, check)
