"""The indexes guide: what it says about the mock and about the drivers holds.

* Each example the page keeps off the mock tier still fails there the way its
  reason says; once mongomock gets it right, this test says that the
  exemption can go.
* The page's claims that its examples do not show are checked, on a live
  server where they need one: the driver, not the server, names an index, and
  ``drop_index`` turns keys into that same name; ``list_indexes`` is a
  coroutine in PyMongo Async only; an index of the same name with other options is refused; a
  unique index takes one document without the field, unless it is sparse or
  partial.
"""

import inspect

import pytest
from motor.motor_asyncio import AsyncIOMotorCollection
from pymongo import ASCENDING, DESCENDING, IndexModel, monitoring
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError, OperationFailure

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/indexes"
DATABASE = "test_howto_indexes"

# For each exemption reason on the page, what the mock's failure must say: here
# the last line's index names, printed as [] instead of ['_id_'].
MOCK_FAILURES = {
    "mongomock 4.3.0's drop_indexes() drops the _id_ index as well, which a real server always keeps": (
        "-['_id_']\n+[]"
    ),
}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


class IndexCommands(monitoring.CommandListener):
    """Records the index commands a client sends."""

    def __init__(self):
        self.sent = []

    def started(self, event):
        if event.command_name in ("createIndexes", "dropIndexes"):
            self.sent.append(event.command)

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


def test_the_driver_names_the_index_in_the_command_it_sends(server_uri):
    listener = IndexCommands()
    by_category = [("category", ASCENDING), ("price", DESCENDING)]

    async def check(motor_db, pymongo_db):
        for db in (motor_db, pymongo_db):
            listener.sent.clear()
            assert await db.products.create_index(by_category) == "category_1_price_-1"
            assert await db.products.create_indexes([IndexModel("tags")]) == ["tags_1"]
            await db.products.drop_index(by_category)
            create_one, create_many, drop = listener.sent
            assert create_one["indexes"] == [{"name": "category_1_price_-1", "key": dict(by_category)}]
            assert create_many["indexes"] == [{"name": "tags_1", "key": {"tags": 1}}]
            assert drop["index"] == "category_1_price_-1"
            await db.products.drop()

    with_databases(server_uri, DATABASE, check, event_listeners=[listener])


def test_drop_index_by_keys_misses_an_index_you_named(server_uri):
    async def check(motor_db, pymongo_db):
        for db in (motor_db, pymongo_db):
            await db.products.create_index("supplier", name="by_supplier")
            with pytest.raises(OperationFailure, match=r"index not found with name \[supplier_1\]"):
                await db.products.drop_index([("supplier", ASCENDING)])
            await db.products.drop_index("by_supplier")

    with_databases(server_uri, DATABASE, check)


def test_list_indexes_is_awaited_in_pymongo_async_only():
    assert inspect.iscoroutinefunction(AsyncCollection.list_indexes)
    assert not inspect.iscoroutinefunction(AsyncIOMotorCollection.list_indexes)


def test_an_index_of_the_same_name_with_other_options_is_refused(server_uri):
    async def check(db, pymongo_db):
        assert await db.users.create_index("email", unique=True) == "email_1"
        assert await db.users.create_index("email", unique=True) == "email_1"
        with pytest.raises(OperationFailure):
            await db.users.create_index("email")

    with_databases(server_uri, DATABASE, check)


@pytest.mark.parametrize(
    "options, both_fit",
    [
        ({}, False),
        ({"sparse": True}, True),
        ({"partialFilterExpression": {"email": {"$exists": True}}}, True),
    ],
    ids=["plain", "sparse", "partial"],
)
def test_documents_without_the_field_and_a_unique_index(server_uri, options, both_fit):
    async def check(db, pymongo_db):
        await db.users.create_index("email", unique=True, **options)
        await db.users.insert_one({"name": "Ada"})
        if both_fit:
            await db.users.insert_one({"name": "Bo"})
        else:
            with pytest.raises(DuplicateKeyError):
                await db.users.insert_one({"name": "Bo"})
        # Documents that do have the field are still unique.
        await db.users.insert_one({"email": "cy@example.com"})
        with pytest.raises(DuplicateKeyError):
            await db.users.insert_one({"email": "cy@example.com"})

    with_databases(server_uri, DATABASE, check)
