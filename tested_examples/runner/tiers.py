"""Where examples run.

``MockTier``
    mongomock-motor stands in for Motor's clients; no server runs. All clients
    made during one page run share one in-memory store, as clients of one real
    server share its data.
``LiveTier``
    A real MongoDB wire-protocol server. Around each page run it notes the
    databases that exist, and afterwards drops the ones the run created; a
    database that will not go fails that page run, naming it.
"""

import re
from contextlib import ExitStack, contextmanager
from unittest import mock

SYSTEM_DATABASES = frozenset({"admin", "config", "local"})


class Tier:
    name = ""
    # Flavours this tier cannot run at all, with the reason.
    flavor_exemptions = {}

    def categorical_exemption(self, example, flavor):
        """Why the tier cannot run *example* at all, whatever the example says; or None."""
        return self.flavor_exemptions.get(flavor)

    def exemption(self, example, flavor):
        """Why *example* does not run on this tier, or None when it does."""
        return self.categorical_exemption(example, flavor) or example.exempt.get(self.name)

    @contextmanager
    def page_context(self, page_run):
        """Prepare the tier for one page run; yields the URI examples connect to."""
        raise NotImplementedError


class MockTier(Tier):
    name = "mock"
    NO_PYMONGO_MOCK = "there is no mock for pymongo.AsyncMongoClient"
    flavor_exemptions = {"PyMongo Async": NO_PYMONGO_MOCK}
    # PyMongo's own clients, outside any flavour tab (the migration guide's
    # "after" blocks): the mock stands in for Motor's clients only.
    PYMONGO_CLIENT = re.compile(r"\b(?:Async)?MongoClient\(")
    # The mock ignores the address; any valid URI will do.
    uri = "mongodb://localhost:27017"

    def categorical_exemption(self, example, flavor):
        if flavor is None and self.PYMONGO_CLIENT.search(example.code):
            return self.NO_PYMONGO_MOCK
        return super().categorical_exemption(example, flavor)

    @contextmanager
    def page_context(self, page_run):
        import motor.motor_asyncio
        import motor.motor_tornado
        from mongomock.store import ServerStore
        from mongomock_motor import AsyncMongoMockClient

        store = ServerStore()

        class MockClient(AsyncMongoMockClient):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("_store", store)
                super().__init__(*args, **kwargs)

        with ExitStack() as stack:
            stack.enter_context(mock.patch.object(motor.motor_asyncio, "AsyncIOMotorClient", MockClient))
            stack.enter_context(mock.patch.object(motor.motor_tornado, "MotorClient", MockClient))
            yield self.uri


class LeftoverDatabases(AssertionError):
    pass


class LiveTier(Tier):
    name = "live"

    def __init__(self, uri):
        from pymongo import MongoClient

        self.uri = uri
        self.admin = MongoClient(uri, serverSelectionTimeoutMS=10_000)

    def user_databases(self):
        return set(self.admin.list_database_names()) - SYSTEM_DATABASES

    @contextmanager
    def page_context(self, page_run):
        with self.dropping_new_databases(page_run.name):
            yield self.uri

    @contextmanager
    def dropping_new_databases(self, who):
        """Drop the databases made inside the block; fail, naming *who*, if one will not go."""
        before = self.user_databases()
        try:
            yield
        finally:
            for name in self.user_databases() - before:
                self.admin.drop_database(name)
        left = self.user_databases() - before
        if left:
            raise LeftoverDatabases(f"{who} left databases that will not drop: {sorted(left)}")

    def close(self):
        self.admin.close()
