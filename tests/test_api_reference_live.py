"""On the live server, the reference's "Use" column says what the objects really do.

For a sample of members, the word on the built page is read, the member is
called on real Motor objects, and the result must fit the word: "await"
gives an awaitable, "iterate" gives something to ``async for`` over without
awaiting, "call" gives neither, and "property" is read without a call.
"""

import inspect

import pytest

from tests.api_reference_pages import AWAITED, CALLED, ITERATED, PROPERTY, page_path, read_page, spec_of
from tests.live_databases import with_databases

DATABASE = "test_api_reference_live"

# (page, member, how the check calls it on the collection / its cursor)
SAMPLE = [
    ("collection", "find_one", lambda coll: coll.find_one({})),
    ("collection", "count_documents", lambda coll: coll.count_documents({})),
    ("collection", "find", lambda coll: coll.find({})),
    ("collection", "aggregate", lambda coll: coll.aggregate([])),
    ("collection", "watch", lambda coll: coll.watch()),
    ("collection", "with_options", lambda coll: coll.with_options()),
    ("database", "get_collection", lambda coll: coll.database.get_collection("other")),
    ("client", "get_io_loop", lambda coll: coll.database.client.get_io_loop()),
    ("collection", "full_name", None),
]


def shown_use(site_build, key, member):
    rows, _ = read_page(page_path(site_build.html_dir, spec_of(key)))
    return rows[member].use


def is_iterable_without_await(value):
    return hasattr(value, "__aiter__") and not inspect.isawaitable(value)


@pytest.mark.parametrize(("key", "member", "call"), SAMPLE, ids=[f"{k}.{m}" for k, m, _ in SAMPLE])
def test_the_use_shown_is_what_the_member_does(site_build, server_uri, key, member, call):
    use = shown_use(site_build, key, member)

    async def check(motor_db, _pymongo_db):
        collection = motor_db.things
        await collection.insert_one({"x": 1})
        if call is None:
            assert use == PROPERTY
            assert not callable(getattr(collection, member))
            return
        result = call(collection)
        try:
            if use == AWAITED:
                assert inspect.isawaitable(result), f"{key}.{member} is shown 'await' but gives {result!r}"
                await result
            elif use == ITERATED:
                assert is_iterable_without_await(result), (
                    f"{key}.{member} is shown 'iterate' but gives {result!r}"
                )
            elif use == CALLED:
                assert not inspect.isawaitable(result), (
                    f"{key}.{member} is shown 'call' but gives an awaitable"
                )
                assert not hasattr(result, "__aiter__"), f"{key}.{member} is shown 'call' but gives a cursor"
            else:
                pytest.fail(f"{key}.{member}: no check for the use {use!r}")
        finally:
            if hasattr(result, "close") and hasattr(result, "__aiter__"):
                closed = result.close()
                if inspect.isawaitable(closed):
                    await closed

    with_databases(server_uri, DATABASE, check)
