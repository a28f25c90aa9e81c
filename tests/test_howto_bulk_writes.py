"""The bulk writes guide: what it says about the mock and about the drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock or mongomock-motor catches up, this
  test says that the exemption can go.
* The page's description of ``BulkWriteError`` is checked on a live server:
  the counts and lists its ``details`` hold, and what each write error says.
* So is its claim that Motor and PyMongo Async both have the client's
  ``bulk_write``: one call, sent as one ``bulkWrite`` command, writes to two
  collections, each named by its operation's ``namespace``.
"""

import pytest
from pymongo import InsertOne, UpdateOne
from pymongo.errors import BulkWriteError

from tests.command_names import CommandNames
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


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_client_bulk_write_writes_to_two_collections_in_one_command(server_uri, driver):
    sent = CommandNames()

    async def check(motor_db, pymongo_db):
        db = motor_db if driver == "motor" else pymongo_db
        requests = [
            InsertOne({"_id": "o-1", "item": "apple"}, namespace=f"{DATABASE}.orders"),
            UpdateOne({"_id": "apple"}, {"$inc": {"qty": -1}}, upsert=True, namespace=f"{DATABASE}.stock"),
        ]
        sent.names.clear()
        result = await db.client.bulk_write(requests)
        assert sent.names == ["bulkWrite"]
        assert (result.inserted_count, result.upserted_count) == (1, 1)
        assert await db.orders.find().to_list() == [{"_id": "o-1", "item": "apple"}]
        assert await db.stock.find().to_list() == [{"_id": "apple", "qty": -1}]

    with_databases(server_uri, DATABASE, check, event_listeners=[sent])


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
