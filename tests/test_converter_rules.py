"""Every rule of motor_to_pymongo, before and after, and the premises behind the rules.

Each CHANGES case is Motor code, the PyMongo Async code the converter makes
of it, and the rule that must name the change; each MANUAL case is Motor
code the converter must leave as it is, reporting the rule. A test fails if
a rule of ``motor_to_pymongo.rules`` has no case here. The premises (that
``aggregate`` is awaited in PyMongo Async and not in Motor, and so on) are
checked against the installed Motor and PyMongo with the awaitability sweep.
"""

import importlib
import inspect
import textwrap

import pytest
from motor import metaprogramming, motor_asyncio, motor_tornado

from motor_to_pymongo import RULES, cannot_do, convert_source
from motor_to_pymongo import kinds as K
from motor_to_pymongo import transform as T
from motor_to_pymongo.names import CLASSES
from tests.test_awaitability_sweep import sweep


def case(text):
    return textwrap.dedent(text).lstrip("\n")


IMPORT = "from motor.motor_asyncio import AsyncIOMotorClient\n"
AFTER_IMPORT = "from pymongo import AsyncMongoClient\n"


def in_main(body, imports=IMPORT):
    """*body* inside ``async def main(uri):`` under *imports*."""
    return imports + "\n\nasync def main(uri):\n" + textwrap.indent(case(body), "    ")


# (rule id, Motor code, PyMongo Async code)
CHANGES = [
    ("class-import", IMPORT + "c = AsyncIOMotorClient()\n", AFTER_IMPORT + "c = AsyncMongoClient()\n"),
    (
        "class-import",
        "from motor.motor_tornado import MotorClient, MotorDatabase as Db  # the drivers\n",
        "from pymongo import AsyncMongoClient\n"
        "from pymongo.asynchronous.database import AsyncDatabase as Db  # the drivers\n",
    ),
    (
        "class-import",
        "from motor.motor_asyncio import AsyncIOMotorCommandCursor, AsyncIOMotorLatentCommandCursor\n",
        "from pymongo.asynchronous.command_cursor import AsyncCommandCursor\n",
    ),
    (
        "class-import",
        IMPORT + "from pymongo import ASCENDING, IndexModel  # keys\n",
        "from pymongo import ASCENDING, AsyncMongoClient, IndexModel  # keys\n",
    ),
    (
        "module-alias",
        "import motor.motor_asyncio\n\nclient = motor.motor_asyncio.AsyncIOMotorClient(uri)\n",
        "import pymongo\n\nclient = pymongo.AsyncMongoClient(uri)\n",
    ),
    (
        "module-alias",
        "from motor import motor_asyncio\n\nc = motor_asyncio.AsyncIOMotorClient()\n"
        "b = motor_asyncio.AsyncIOMotorGridFSBucket(c.db)\n",
        "import gridfs\nimport pymongo\n\n"
        "c = pymongo.AsyncMongoClient()\nb = gridfs.AsyncGridFSBucket(c.db)\n",
    ),
    (
        "module-alias",
        "import motor.motor_tornado as mt\n\nx: mt.MotorCollection\n",
        "import pymongo.asynchronous.collection\n\nx: pymongo.asynchronous.collection.AsyncCollection\n",
    ),
    (
        "gridfs-class",
        "from motor.motor_asyncio import AsyncIOMotorGridFSBucket, AsyncIOMotorGridIn, AsyncIOMotorGridOut\n",
        "from gridfs import AsyncGridFSBucket, AsyncGridIn, AsyncGridOut\n",
    ),
    (
        "gridfs-class",
        "from gridfs.errors import NoFile\nfrom motor.motor_asyncio import AsyncIOMotorGridFSBucket\n",
        "from gridfs import AsyncGridFSBucket\nfrom gridfs.errors import NoFile\n",
    ),
    (
        "encryption-class",
        "from motor.motor_asyncio import AsyncIOMotorClientEncryption\n",
        "from pymongo.asynchronous.encryption import AsyncClientEncryption\n",
    ),
    (
        "class-name",
        IMPORT + 'def f(c: AsyncIOMotorClient, d: "AsyncIOMotorDatabase"):\n'
        '    """Takes an AsyncIOMotorClient."""\n',
        AFTER_IMPORT + 'def f(c: AsyncMongoClient, d: "AsyncDatabase"):\n'
        '    """Takes an AsyncMongoClient."""\n',
    ),
    (
        "class-name",
        IMPORT + "ok = isinstance(x, AsyncIOMotorClient)\n",
        AFTER_IMPORT + "ok = isinstance(x, AsyncMongoClient)\n",
    ),
    (
        "io-loop",
        IMPORT + "c = AsyncIOMotorClient(uri, io_loop=loop)\n",
        AFTER_IMPORT + "c = AsyncMongoClient(uri)\n",
    ),
    (
        "io-loop",
        IMPORT + "c = AsyncIOMotorClient(\n    uri,\n    io_loop=loop,\n)\n",
        AFTER_IMPORT + "c = AsyncMongoClient(\n    uri,\n)\n",
    ),
    (
        "await-close",
        in_main("client = AsyncIOMotorClient(uri)\nclient.close()  # done\n"),
        in_main("client = AsyncMongoClient(uri)\nawait client.close()  # done\n", AFTER_IMPORT),
    ),
    (
        "await-topology",
        in_main("client = AsyncIOMotorClient(uri)\nprint(client.address, client.is_primary)\n"),
        in_main(
            "client = AsyncMongoClient(uri)\nprint(await client.address, await client.is_primary)\n",
            AFTER_IMPORT,
        ),
    ),
    (
        "await-cursor-method",
        in_main(
            """
            db = AsyncIOMotorClient(uri).shop
            async for doc in db.orders.aggregate([]):
                print(doc)
            docs = await db["orders"].aggregate([]).to_list()
            cursor = db.aggregate([])
            """
        ),
        in_main(
            """
            db = AsyncMongoClient(uri).shop
            async for doc in await db.orders.aggregate([]):
                print(doc)
            docs = await (await db["orders"].aggregate([])).to_list()
            cursor = await db.aggregate([])
            """,
            AFTER_IMPORT,
        ),
    ),
    (
        "await-cursor-method",
        in_main(
            """
            client = AsyncIOMotorClient(uri)
            coll = client.get_database("shop").get_collection("orders")
            async with client.watch() as stream:
                pass
            indexes = coll.list_indexes()
            search = coll.list_search_indexes()
            raw = coll.aggregate_raw_batches([])
            """
        ),
        in_main(
            """
            client = AsyncMongoClient(uri)
            coll = client.get_database("shop").get_collection("orders")
            async with await client.watch() as stream:
                pass
            indexes = await coll.list_indexes()
            search = await coll.list_search_indexes()
            raw = await coll.aggregate_raw_batches([])
            """,
            AFTER_IMPORT,
        ),
    ),
    (
        "await-cursor-method",
        in_main(
            """
            client = AsyncIOMotorClient(uri)
            for name, source in (("db", client.db), ("coll", client.db.coll)):
                stream = source.watch()
            """
        ),
        in_main(
            """
            client = AsyncMongoClient(uri)
            for name, source in (("db", client.db), ("coll", client.db.coll)):
                stream = await source.watch()
            """,
            AFTER_IMPORT,
        ),
    ),
    (
        "start-session",
        in_main(
            "client = AsyncIOMotorClient(uri)\nasync with await client.start_session() as s:\n    pass\n"
        ),
        in_main(
            "client = AsyncMongoClient(uri)\nasync with client.start_session() as s:\n    pass\n",
            AFTER_IMPORT,
        ),
    ),
    (
        "await-start-transaction",
        in_main(
            """
            client = AsyncIOMotorClient(uri)
            async with await client.start_session() as s:
                async with s.start_transaction():
                    pass
            """
        ),
        in_main(
            """
            client = AsyncMongoClient(uri)
            async with client.start_session() as s:
                async with await s.start_transaction():
                    pass
            """,
            AFTER_IMPORT,
        ),
    ),
    (
        "await-cursor-rewind",
        in_main(
            "cursor = AsyncIOMotorClient(uri).db.c.find().sort('a')\ncursor.rewind()\ncursor.add_option(16)\n"
        ),
        in_main(
            "cursor = AsyncMongoClient(uri).db.c.find().sort('a')\n"
            "await cursor.rewind()\nawait cursor.add_option(16)\n",
            AFTER_IMPORT,
        ),
    ),
    (
        "await-gridout-method",
        in_main(
            "bucket = AsyncIOMotorGridFSBucket(db)\nout = await bucket.open_download_stream(1)\n"
            "out.seek(0)\nlines = out.readlines()\nout.close()\n",
            "from motor.motor_asyncio import AsyncIOMotorGridFSBucket\n",
        ),
        in_main(
            "bucket = AsyncGridFSBucket(db)\nout = await bucket.open_download_stream(1)\n"
            "await out.seek(0)\nlines = await out.readlines()\nawait out.close()\n",
            "from gridfs import AsyncGridFSBucket\n",
        ),
    ),
    (
        "get-keys",
        in_main(
            "enc = AsyncIOMotorClientEncryption(kms, 'k.v', client, opts)\ncursor = await enc.get_keys()\n",
            "from motor.motor_asyncio import AsyncIOMotorClientEncryption\n",
        ),
        in_main(
            "enc = AsyncClientEncryption(kms, 'k.v', client, opts)\ncursor = enc.get_keys()\n",
            "from pymongo.asynchronous.encryption import AsyncClientEncryption\n",
        ),
    ),
]

# (rule id, Motor code the converter must report and leave; other changes may be made around it)
MANUAL = [
    ("to-list-zero", in_main("docs = await AsyncIOMotorClient(uri).db.c.find().to_list(0)\n")),
    ("to-list-zero", in_main("docs = await AsyncIOMotorClient(uri).db.c.find().to_list(length)\n")),
    ("old-iteration", in_main("c = AsyncIOMotorClient(uri).db.c.find()\nc.each(print)\n")),
    (
        "old-iteration",
        in_main("c = AsyncIOMotorClient(uri).db.c.find()\nwhile await c.fetch_next:\n    c.next_object()\n"),
    ),
    (
        "gridout-iteration",
        in_main(
            "out = await AsyncIOMotorGridFSBucket(db).open_download_stream(1)\n"
            "async for chunk in out:\n    pass\n",
            "from motor.motor_asyncio import AsyncIOMotorGridFSBucket\n",
        ),
    ),
    (
        "gridfs-find",
        in_main(
            "async for f in AsyncIOMotorGridFSBucket(db).find():\n    print(f.read())\n",
            "from motor.motor_asyncio import AsyncIOMotorGridFSBucket\n",
        ),
    ),
    ("web-handler", "from motor.web import GridFSHandler\n"),
    ("web-handler", "from motor.aiohttp import AIOHTTPGridFS\n"),
    (
        "stream-to-handler",
        in_main(
            "out = await AsyncIOMotorGridFSBucket(db).open_download_stream(1)\n"
            "await out.stream_to_handler(h)\n",
            "from motor.motor_asyncio import AsyncIOMotorGridFSBucket\n",
        ),
    ),
    ("motor-only-member", in_main("loop = AsyncIOMotorClient(uri).get_io_loop()\n")),
    ("motor-only-member", in_main("sync = AsyncIOMotorClient(uri).db.c.delegate\n")),
    (
        "bucket-collection",
        "from motor.motor_asyncio import AsyncIOMotorGridFSBucket\n"
        "b = AsyncIOMotorGridFSBucket(db, collection='x')\n",
    ),
    ("future-not-awaited", in_main("future = AsyncIOMotorClient(uri).db.c.find_one()\n")),
    ("unknown-receiver", in_main("cursor = something.aggregate([])\n")),
    ("not-in-async-function", IMPORT + "def stop():\n    AsyncIOMotorClient().close()\n"),
    (
        "await-comment",
        in_main("client = AsyncIOMotorClient(uri)\nclient.close()  # a plain call: nothing to await\n"),
    ),
    ("unknown-motor-name", "from motor.motor_asyncio import create_asyncio_class\n"),
    ("unknown-motor-name", "import motor.motor_asyncio\n\nx = motor.motor_asyncio.core\n"),
]


@pytest.mark.parametrize(
    ("rule", "before", "after"), CHANGES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CHANGES)]
)
def test_rule_makes_the_change(rule, before, after):
    result = convert_source(before)
    assert result.text == after
    assert rule in {f.rule.id for f in result.findings if f.changed}
    assert not result.manual, [f.detail for f in result.manual]
    assert convert_source(result.text).text == result.text, "a second run changed the result"


@pytest.mark.parametrize(("rule", "before"), MANUAL, ids=[f"{c[0]}-{i}" for i, c in enumerate(MANUAL)])
def test_report_only_rule_reports_and_leaves_the_place(rule, before):
    result = convert_source(before)
    reported = [f for f in result.manual if f.rule.id == rule]
    assert reported, [(f.rule.id, f.detail) for f in result.findings]
    lines = before.splitlines()
    for finding in reported:
        # The line stays as it was, but for the class names on it, which another rule renames.
        line = T.CLASS_WORD.sub(lambda m: CLASSES[m.group(2)].name, lines[finding.line - 1])
        assert line in result.text.splitlines(), "the reported line was changed"


def test_every_rule_has_a_case():
    covered = {c[0] for c in CHANGES} | {c[0] for c in MANUAL}
    assert covered == set(RULES)


def test_the_list_of_what_the_tool_cannot_do_is_the_report_only_rules():
    listed = cannot_do()
    assert [what for what, _, _ in listed] == [r.what for r in RULES.values() if not r.automatic]
    assert all(fix for _, fix, _ in listed)


def test_code_without_motor_is_left_alone():
    text = "import pymongo\n\nasync def f(coll):\n    cursor = await coll.aggregate([])\n    coll.close()\n"
    result = convert_source(text)
    assert (result.text, result.findings) == (text, ())


def test_pymongo_code_in_a_motor_file_is_not_awaited_twice():
    text = in_main("s = AsyncIOMotorClient(uri).start_session()\nawait s.start_transaction()\n")
    result = convert_source(text)
    assert "await await" not in result.text and not result.manual


# -- The premises, against the installed packages ----------------------------------

MOTOR_CLASS_OF_KIND = {
    "client": "AsyncIOMotorClient",
    "database": "AsyncIOMotorDatabase",
    "collection": "AsyncIOMotorCollection",
    "cursor": "AsyncIOMotorCursor",
    "command_cursor": "AsyncIOMotorCommandCursor",
    "session": "AsyncIOMotorClientSession",
    "encryption": "AsyncIOMotorClientEncryption",
    "bucket": "AsyncIOMotorGridFSBucket",
    "grid_in": "AsyncIOMotorGridIn",
    "grid_out": "AsyncIOMotorGridOut",
    "grid_out_cursor": "AsyncIOMotorGridOutCursor",
}


def converter_awaitability_changes():
    """(Motor class, member) for every member whose await the converter adds or drops."""
    changes = set()
    for method, (kinds, _) in T.AWAIT_CALLS.items():
        changes |= {(MOTOR_CLASS_OF_KIND[kind], method) for kind in kinds}
    changes |= {("AsyncIOMotorClient", name) for name in T.TOPOLOGY}
    changes |= {("AsyncIOMotorClient", "start_session"), ("AsyncIOMotorClientEncryption", "get_keys")}
    return changes


@pytest.fixture(scope="module")
def members(server_uri):
    return sweep(server_uri)


def test_the_converter_changes_exactly_the_members_whose_await_changes(members):
    swept = {(m.motor_class, m.name) for m in members if m.changes_awaitability}
    # A latent command cursor is what aggregate() gives in Motor; the converter never names it.
    swept = {(c, n) for c, n in swept if c != "AsyncIOMotorLatentCommandCursor"}
    assert converter_awaitability_changes() == swept


def test_the_awaits_it_adds_and_drops_go_the_right_way(members):
    by_key = {(m.motor_class, m.name): m for m in members}
    dropped = {("AsyncIOMotorClient", "start_session"), ("AsyncIOMotorClientEncryption", "get_keys")}
    for key in converter_awaitability_changes():
        member = by_key[key]
        motor_awaited = member.motor in ("awaited", "awaited attribute")
        assert motor_awaited == (key in dropped), member


def test_every_motor_class_maps_to_an_importable_pymongo_class():
    for module in (motor_asyncio, motor_tornado):
        names = {
            n
            for n in dir(module)
            if n.startswith(("AsyncIOMotor", "Motor")) and isinstance(getattr(module, n), type)
        }
        assert names <= set(CLASSES), names - set(CLASSES)
    assert len([n for n in CLASSES if n.startswith("AsyncIOMotor")]) == 13
    for target in CLASSES.values():
        assert inspect.isclass(getattr(importlib.import_module(target.module), target.name)), target


def test_the_member_tables_are_the_installed_motors():
    for kind, table in (("client", K.CLIENT_MEMBERS), ("database", K.DATABASE_MEMBERS)):
        cls = getattr(motor_asyncio, MOTOR_CLASS_OF_KIND[kind])
        assert {n for n in dir(cls) if not n.startswith("_")} | {"delegate"} == table


def test_the_future_methods_are_motors_async_methods():
    for kind, methods in K.FUTURE_METHODS.items():
        cls = getattr(motor_asyncio, MOTOR_CLASS_OF_KIND[kind])
        factories = {
            name
            for base in cls.__mro__
            for name, value in vars(base).items()
            if isinstance(value, metaprogramming.Async) and not name.startswith("_")
        }
        # start_session is a coroutine in Motor, not a Future: its own rule handles it.
        assert methods | ({"start_session"} if kind == "client" else set()) == factories | (
            {"to_list", "next"} if kind in ("cursor", "command_cursor") else set()
        ), kind
