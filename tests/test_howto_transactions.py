"""The transactions guide: what it says about the mock and about the drivers holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names; once mongomock-motor learns sessions, this test
  says that the exemption can go.
* The page's claims that its examples do not show are checked, on a live
  server where they need one: which calls are awaited in Motor and in PyMongo
  Async, and that the other form fails; in PyMongo Async, a
  ``start_transaction()`` not awaited starts no transaction; an operation
  without ``session=`` is not part of the transaction; an exception leaving a
  ``start_transaction`` block aborts the transaction, in either driver;
  ``with_transaction`` retries a ``TransientTransactionError`` but not an
  exception of your own, for up to two minutes.
"""

import inspect

import pytest
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorClientSession
from pymongo import AsyncMongoClient, client_session_shared
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import InvalidOperation, PyMongoError

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/transactions"
DATABASE = "test_howto_transactions"

# For each exemption reason on the page, what the mock's failure must say.
MOCK_FAILURES = {
    "mongomock-motor has no sessions: start_session() raises NotImplementedError": (
        "NotImplementedError: Mongomock does not support sessions yet"
    ),
}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def test_which_calls_are_awaited():
    # Motor: await start_session(), not start_transaction(); PyMongo Async: the other way round.
    assert inspect.iscoroutinefunction(AsyncIOMotorClient.start_session)
    assert not inspect.iscoroutinefunction(AsyncIOMotorClientSession.start_transaction)
    assert not inspect.iscoroutinefunction(AsyncMongoClient.start_session)
    assert inspect.iscoroutinefunction(AsyncClientSession.start_transaction)


def test_with_transaction_gives_up_after_two_minutes():
    import motor.core

    assert client_session_shared._WITH_TRANSACTION_RETRY_TIME_LIMIT == 120
    assert motor.core._WITH_TRANSACTION_RETRY_TIME_LIMIT == 120


def test_an_operation_without_the_session_is_not_part_of_the_transaction(server_uri):
    async def check(db, pymongo_db):
        async with await db.client.start_session() as session:
            session.start_transaction()
            await db.inside.insert_one({"_id": 1}, session=session)
            await db.outside.insert_one({"_id": 1})  # no session=: runs on its own
            await session.abort_transaction()
        assert await db.inside.count_documents({}) == 0
        assert await db.outside.count_documents({}) == 1

    with_databases(server_uri, DATABASE, check)


def test_with_transaction_retries_transient_errors_only(server_uri):
    class InsufficientFunds(Exception):
        pass

    async def check(db, pymongo_db):
        calls = {"transient": 0, "own": 0}

        async def fails_once(session):
            calls["transient"] += 1
            await db.log.insert_one({"call": calls["transient"]}, session=session)
            if calls["transient"] == 1:
                raise PyMongoError("simulated conflict", error_labels=["TransientTransactionError"])

        async def refuses(session):
            calls["own"] += 1
            await db.log.insert_one({"call": "refused"}, session=session)
            raise InsufficientFunds

        async with await db.client.start_session() as session:
            await session.with_transaction(fails_once)
            with pytest.raises(InsufficientFunds):
                await session.with_transaction(refuses)
        assert calls == {"transient": 2, "own": 1}
        # Only the retried call's write was committed.
        assert [d["call"] async for d in db.log.find({}, {"_id": 0})] == [2]

    with_databases(server_uri, DATABASE, check)


def test_the_awaited_forms_run_and_the_others_fail(server_uri):
    async def check(motor_db, pymongo_db):
        motor, pymongo = motor_db.client, pymongo_db.client
        async with await motor.start_session() as session:
            async with session.start_transaction():
                await motor_db.accounts.insert_one({"_id": "motor"}, session=session)
            with pytest.raises(TypeError, match="can't be used in 'await' expression"):
                async with await session.start_transaction():
                    pass
        async with pymongo.start_session() as session:
            async with await session.start_transaction():
                await pymongo_db.accounts.insert_one({"_id": "pymongo"}, session=session)
            with pytest.raises(TypeError, match="does not support the asynchronous context manager protocol"):
                with pytest.warns(RuntimeWarning, match="start_transaction' was never awaited"):
                    async with session.start_transaction():
                        pass
        with pytest.raises(TypeError, match="can't be used in 'await' expression"):
            async with await pymongo.start_session():
                pass
        with pytest.raises(TypeError, match="does not support the asynchronous context manager protocol"):
            with pytest.warns(RuntimeWarning, match="start_session' was never awaited"):
                async with motor.start_session():
                    pass
        assert sorted(await pymongo_db.accounts.distinct("_id")) == ["motor", "pymongo"]

    with_databases(server_uri, DATABASE, check)


def test_start_transaction_without_async_with(server_uri):
    async def check(motor_db, pymongo_db):
        async with await motor_db.client.start_session() as session:
            session.start_transaction()  # Motor: a plain call
            assert session.in_transaction
            await motor_db.accounts.insert_one({"_id": "motor"}, session=session)
            await session.commit_transaction()
        async with pymongo_db.client.start_session() as session:
            await session.start_transaction()  # PyMongo Async: awaited
            assert session.in_transaction
            await pymongo_db.accounts.insert_one({"_id": "pymongo"}, session=session)
            await session.abort_transaction()
        assert await pymongo_db.accounts.distinct("_id") == ["motor"]

    with_databases(server_uri, DATABASE, check)


def test_pymongo_start_transaction_not_awaited_starts_none(server_uri):
    async def check(motor_db, pymongo_db):
        async with pymongo_db.client.start_session() as session:
            never_awaited = "coroutine 'AsyncClientSession.start_transaction' was never awaited"
            with pytest.warns(RuntimeWarning, match=never_awaited):
                session.start_transaction()
            assert not session.in_transaction
            await pymongo_db.accounts.insert_one({"_id": "alice"}, session=session)
            with pytest.raises(InvalidOperation, match="^No transaction started$"):
                await session.abort_transaction()
            with pytest.raises(InvalidOperation, match="^No transaction started$"):
                await session.commit_transaction()
        # The write meant for the transaction was committed on its own.
        assert await pymongo_db.accounts.count_documents({}) == 1

    with_databases(server_uri, DATABASE, check)


@pytest.mark.parametrize("driver", ["motor", "pymongo"])
def test_an_exception_leaving_the_transaction_block_aborts_it(server_uri, driver):
    class Refused(Exception):
        pass

    async def check(motor_db, pymongo_db):
        db = motor_db if driver == "motor" else pymongo_db
        accounts = db.accounts
        await accounts.insert_one({"_id": "alice", "balance": 100})
        if driver == "motor":
            sessions = await db.client.start_session()
        else:
            sessions = db.client.start_session()
        async with sessions as session:
            with pytest.raises(Refused):
                if driver == "motor":
                    transaction = session.start_transaction()
                else:
                    transaction = await session.start_transaction()
                async with transaction:
                    await accounts.update_one({"_id": "alice"}, {"$inc": {"balance": -30}}, session=session)
                    raise Refused
            assert not session.in_transaction
        assert (await accounts.find_one({"_id": "alice"}))["balance"] == 100

    with_databases(server_uri, DATABASE, check)
