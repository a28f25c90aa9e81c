"""What the landing page and the PyMongo page say about the drivers, checked against them.

* Every pip extra a page names (``motor[...]``, ``pymongo[...]``) is one the
  installed package declares; the landing page lists every extra Motor
  declares for users, each of which installs PyMongo's extra of that name; and
  PyMongo requires dnspython, so ``mongodb+srv://`` needs no extra.
* Motor's methods return asyncio Futures, which ``create_task()`` (and so a
  ``TaskGroup``) refuses, while ``gather()``, ``ensure_future()`` and a
  coroutine of one's own take them; a few Motor methods are coroutines all the
  same. PyMongo Async's are coroutines. The landing page's example that shows
  this is kept off the mock tier, whose methods are coroutines: that must
  still be why.
* The differences from Motor that the PyMongo page lists hold.
"""

import asyncio
import inspect
import re
import subprocess
from importlib import metadata

import pytest
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorClientSession, AsyncIOMotorCollection
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import ConfigurationError

from tested_examples.site_build import ROOT
from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

DATABASE = "test_landing_claims"
# Extras a package declares for its own development, not for its users.
DEVELOPMENT_EXTRAS = {"docs", "test"}
# "motor[encryption]", "pymongo[snappy,zstd]": a package name and its extras, as pip reads them.
NAMED_EXTRAS = re.compile(r"(?<![\w.])(?P<package>motor|pymongo)\[(?P<extras>[^\]\s]*)\]")

# For the landing page's mock exemption, what the mock's failure must show: it
# prints that find_one() returned a coroutine.
MOCK_FAILURES = {
    "mongomock-motor's methods are coroutines, where Motor's return Futures": (
        "+find_one() returned: coroutine"
    ),
}


def pages():
    """Every reStructuredText file of the site, fragments included."""
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "*.rst"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in tracked if (ROOT / name).is_file()]


def named_extras(paths):
    """``(place, package, extra)`` for every extra the given pages name."""
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in NAMED_EXTRAS.finditer(line):
                for extra in match["extras"].split(","):
                    place = f"{path.relative_to(ROOT)}:{number}"
                    found.append((place, match["package"], canonicalize_name(extra)))
    return found


def declared_extras(package):
    return {canonicalize_name(extra) for extra in metadata.metadata(package).get_all("Provides-Extra")}


def requirements(package):
    return [Requirement(line) for line in metadata.requires(package)]


# -- Extras ------------------------------------------------------------------------------


def test_every_extra_a_page_names_is_declared_by_the_installed_package():
    found = named_extras(pages())
    assert len({(package, extra) for _, package, extra in found}) >= 7, found
    undeclared = [
        f"{place}: {package}[{extra}]"
        for place, package, extra in found
        if extra not in declared_extras(package)
    ]
    assert not undeclared, "extras the installed packages do not declare:\n" + "\n".join(undeclared)


def test_the_landing_page_lists_every_extra_motor_declares_for_its_users():
    listed = {extra for _, package, extra in named_extras([ROOT / "index.rst"]) if package == "motor"}
    assert listed == declared_extras("motor") - DEVELOPMENT_EXTRAS


def test_each_motor_extra_installs_pymongos_extra_of_that_name():
    for extra in declared_extras("motor") - DEVELOPMENT_EXTRAS:
        brought = [
            requirement
            for requirement in requirements("motor")
            if requirement.marker is not None and requirement.marker.evaluate({"extra": extra})
        ]
        assert [(r.name, r.extras) for r in brought] == [("pymongo", {extra})], extra


def test_motor_has_no_srv_extra_and_pymongo_always_requires_dnspython():
    assert "srv" not in declared_extras("motor")
    unconditional = [r.name for r in requirements("pymongo") if r.marker is None]
    assert "dnspython" in unconditional


# -- Futures and coroutines ------------------------------------------------------------------


def test_mock_exemptions_on_the_landing_page_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, "index", MOCK_FAILURES)


def test_motors_methods_return_futures_that_create_task_refuses(server_uri):
    async def check(db, pymongo_db):
        operation = db.fruit.find_one()
        assert isinstance(operation, asyncio.Future) and not asyncio.iscoroutine(operation)
        with pytest.raises(TypeError, match="a coroutine was expected"):
            asyncio.create_task(operation)
        assert await operation is None
        with pytest.raises(ExceptionGroup) as raised:
            async with asyncio.TaskGroup() as group:
                group.create_task(db.fruit.count_documents({}))
        assert raised.group_contains(TypeError)

    with_databases(server_uri, DATABASE, check)


def test_gather_ensure_future_and_a_coroutine_of_ones_own_take_either_drivers_calls(server_uri):
    async def own(call):
        return await call

    async def check(db, pymongo_db):
        for collection in (db.fruit, pymongo_db.fruit):
            await collection.insert_one({"colour": "red"})
            assert await asyncio.gather(
                collection.count_documents({}), collection.find_one({}, {"_id": 0})
            ) == [
                1,
                {"colour": "red"},
            ]
            assert await asyncio.ensure_future(collection.count_documents({})) == 1
            async with asyncio.TaskGroup() as group:
                task = group.create_task(own(collection.count_documents({})))
            assert task.result() == 1
            await collection.drop()

    with_databases(server_uri, DATABASE, check)


def test_pymongo_asyncs_methods_are_coroutines_that_create_task_takes(server_uri):
    async def check(db, pymongo_db):
        operation = pymongo_db.fruit.find_one()
        assert asyncio.iscoroutine(operation)
        assert await asyncio.create_task(operation) is None

    with_databases(server_uri, DATABASE, check)


def test_a_few_motor_methods_are_coroutines_all_the_same(server_uri):
    async def check(db, pymongo_db):
        session = db.client.start_session()
        assert asyncio.iscoroutine(session)
        await (await session).end_session()
        step = db.fruit.find().next()
        assert asyncio.iscoroutine(step)
        with pytest.raises(StopAsyncIteration):
            await step

    with_databases(server_uri, DATABASE, check)


# -- The PyMongo page's "Coming from Motor" -----------------------------------------------


AWAITED_IN_PYMONGO_ONLY = {
    "AsyncMongoClient.close": (AsyncIOMotorClient, AsyncMongoClient, "close", True),
    "AsyncMongoClient.start_session": (AsyncIOMotorClient, AsyncMongoClient, "start_session", False),
    "AsyncClientSession.start_transaction": (
        AsyncIOMotorClientSession,
        AsyncClientSession,
        "start_transaction",
        True,
    ),
    "AsyncCollection.aggregate": (AsyncIOMotorCollection, AsyncCollection, "aggregate", True),
    "AsyncCollection.watch": (AsyncIOMotorCollection, AsyncCollection, "watch", True),
    "AsyncCollection.list_indexes": (AsyncIOMotorCollection, AsyncCollection, "list_indexes", True),
}


def motor_attribute(motor_class, name):
    """The method as a caller gets it: Motor makes some of them per instance."""
    if motor_class is AsyncIOMotorClient:
        client = AsyncIOMotorClient("mongodb://localhost:27017")
        try:
            return getattr(client, name)
        finally:
            client.close()
    return getattr(motor_class, name)


@pytest.mark.parametrize(
    "motor_class, pymongo_class, name, awaited_in_pymongo",
    AWAITED_IN_PYMONGO_ONLY.values(),
    ids=AWAITED_IN_PYMONGO_ONLY.keys(),
)
def test_what_becomes_awaited_and_what_stops_being(motor_class, pymongo_class, name, awaited_in_pymongo):
    assert inspect.iscoroutinefunction(getattr(pymongo_class, name)) is awaited_in_pymongo
    assert inspect.iscoroutinefunction(motor_attribute(motor_class, name)) is not awaited_in_pymongo


def test_to_list_zero_gives_nothing_in_motor_and_is_refused_by_pymongo_async(server_uri):
    async def check(db, pymongo_db):
        await db.fruit.insert_one({"colour": "red"})
        assert await db.fruit.find().to_list(0) == []
        with pytest.raises(ValueError):
            await pymongo_db.fruit.find().to_list(0)
        assert len(await pymongo_db.fruit.find().to_list()) == 1

    with_databases(server_uri, DATABASE, check)


def test_asyncmongoclient_takes_no_io_loop():
    with pytest.raises(ConfigurationError, match="Unknown option: io_loop"):
        AsyncMongoClient("mongodb://localhost:27017", io_loop=None, connect=False)


def test_the_pymongo_page_links_pymongos_current_documentation(site_build):
    html = (site_build.html_dir / "pymongo.html").read_text(encoding="utf-8")
    current = "https://www.mongodb.com/docs/languages/python/pymongo-driver/current/"
    assert f'href="{current}"' in html
    assert f'href="{current}reference/migration/"' in html
