"""The bulk writes guide: what it says about the mock and about the drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock or mongomock-motor catches up, this
  test says that the exemption can go.
* The page's description of ``BulkWriteError`` is checked on a live server:
  the counts and lists its ``details`` hold, and what each write error says.
"""

import pytest
from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import AsyncMongoClient, InsertOne
from pymongo.errors import BulkWriteError

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/bulk-writes"
DATABASE = "test_howto_bulk_writes"

# For each exemption reason on the page, what the mock's failure must say.
MOCK_FAILURES = {
    "mongomock 4.3.0's bulk_write cannot take PyMongo 4.20's UpdateOne and ReplaceOne "
    "(TypeError: unexpected keyword argument 'sort')": (
        "TypeError: BulkOperationBuilder.add_update() got an unexpected keyword argument 'sort'"
    ),
    "mongomock 4.3.0 has no schema validation: create_collection(validator=...) raises NotImplementedError": (
        "NotImplementedError: Special options not supported"
    ),
    "mongomock-motor has no client-level bulk_write: "
    "it takes client.bulk_write for a database of that name": (
        "TypeError: 'AsyncIOMotorDatabase' object is not callable"
    ),
}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def test_both_drivers_have_client_bulk_write():
    assert callable(AsyncIOMotorClient.bulk_write)
    assert callable(AsyncMongoClient.bulk_write)


@pytest.mark.parametrize("ordered", [True, False], ids=["ordered", "unordered"])
def test_what_bulk_write_error_details_hold(server_uri, ordered):
    async def check(motor_db, pymongo_db):
        collection = motor_db.items
        requests = [InsertOne({"_id": 1}), InsertOne({"_id": 1}), InsertOne({"_id": 2})]
        with pytest.raises(BulkWriteError) as caught:
            await collection.bulk_write(requests, ordered=ordered)
        details = caught.value.details
        counts = {"nInserted", "nMatched", "nModified", "nRemoved", "nUpserted"}
        assert counts | {"writeErrors", "writeConcernErrors"} <= set(details)
        [error] = details["writeErrors"]
        assert {"index", "code", "errmsg", "op"} <= set(error)
        assert (error["index"], error["code"], error["op"]) == (1, 11000, {"_id": 1})
        assert details["nInserted"] == (1 if ordered else 2)
        assert details["writeConcernErrors"] == []

    with_databases(server_uri, DATABASE, check)
