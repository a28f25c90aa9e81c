"""Which members of Motor's classes change awaitability in PyMongo Async, found by introspection.

The migration guide lists every public member (a name that does not start
with an underscore) of each Motor class that is awaited in one driver and not
in the other, and every member Motor has that PyMongo Async lacks. This test
sweeps the installed packages again and fails, naming the class and the
member, where the guide and the packages disagree: a new Motor or PyMongo
release that changes a member is caught here.

How each side is read:

* Motor builds its classes from attribute factories (``motor/metaprogramming.py``):
  an ``Async*`` factory (``AsyncRead``, ``AsyncCommand``, ``AsyncWrite``)
  becomes a method that returns an awaitable (an asyncio Future, or a
  coroutine when it wraps the result in a Motor class); ``DelegateMethod``
  and ``MotorCursorChainingMethod`` become plain methods; ``ReadOnlyProperty``
  is an attribute, or a plain method of the synchronous PyMongo object when
  the ``__delegate_class__`` holds a method under that name (GridOut's
  ``close``). Hand-written methods are awaited if they are coroutine
  functions; any other is called, and is awaited if what it returns is
  awaitable. Attributes set by ``__init__`` are read from an instance, and
  names that only ``__getattr__`` answers are looked up there too (Motor's
  GridOut hands them to PyMongo's synchronous ``GridOut``; on a client,
  database or collection such a name is a database or collection, so the
  member is absent).
* PyMongo Async is read with ``inspect.iscoroutinefunction``, on methods and
  on the getters of properties (``AsyncMongoClient.address`` is awaited).

Run ``.venv/bin/python -m tests.test_awaitability_sweep`` to print the lists
(against ``MONGODB_URI``, or an embedded server).
"""

import asyncio
import contextlib
import inspect
import os
import re
import warnings
from dataclasses import dataclass

import pytest
from bson.codec_options import CodecOptions
from motor import metaprogramming, motor_tornado
from motor import motor_asyncio as motor

from motor_to_pymongo.names import CLASSES
from tests.built_pages import select, select_one, text_of
from tests.test_migration import AFTER, BEFORE, guide_blocks, read_guide

DATABASE = "test_awaitability_sweep"

# What a member is, in one driver.
ABSENT = "absent"
ATTRIBUTE = "attribute"  # read, not called, not awaited
AWAITED_ATTRIBUTE = "awaited attribute"  # reading it gives an awaitable
PLAIN = "plain"  # called; what it returns is not awaitable
AWAITED = "awaited"  # called; what it returns is awaitable
IS_AWAITED = {AWAITED, AWAITED_ATTRIBUTE}

# Each Motor class and its PyMongo Async counterpart, as (module, name): the converter's own table,
# which the live objects below must bear out.
COUNTERPARTS = {
    name: (target.module, target.name) for name, target in CLASSES.items() if name.startswith("AsyncIOMotor")
}

# Arguments to call a hand-written Motor method with, to see what it returns.
# Any other hand-written method is called with none.
PROBE_ARGUMENTS = {
    "aggregate": ([],),
    "aggregate_raw_batches": ([],),
    "batch_size": (10,),
    "each": (lambda document, error: False,),
    "wrap": (None,),
}


@dataclass(frozen=True)
class Member:
    motor_class: str
    pymongo_class: str
    name: str
    motor: str
    pymongo: str

    @property
    def changes_awaitability(self):
        present = ABSENT not in (self.motor, self.pymongo)
        return present and (self.motor in IS_AWAITED) != (self.pymongo in IS_AWAITED)

    @property
    def motor_only(self):
        return self.pymongo == ABSENT and self.motor != ABSENT


def public(names):
    return {name for name in names if not name.startswith("_")}


def factory_for(motor_class, name):
    """The attribute factory (or plain attribute) that Motor's agnostic classes define for *name*."""
    for base in motor_class.__mro__[1:]:
        if name in base.__dict__:
            return base.__dict__[name]
    return None


async def probe(member):
    """Call a hand-written Motor member and say whether its result is awaitable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = member()
    if inspect.isawaitable(result):
        with contextlib.suppress(Exception):
            await result
        return AWAITED
    return PLAIN


async def motor_kind(instance, name):
    cls = type(instance)
    attribute = factory_for(cls, name)
    if isinstance(attribute, metaprogramming.Async):
        return AWAITED
    if isinstance(attribute, metaprogramming.DelegateMethod | metaprogramming.MotorCursorChainingMethod):
        return PLAIN
    if isinstance(attribute, metaprogramming.ReadOnlyProperty):
        delegate_attribute = inspect.getattr_static(cls.__delegate_class__, name, None)
        return PLAIN if callable(delegate_attribute) else ATTRIBUTE
    if isinstance(attribute, property):
        if getattr(attribute.fget, "coroutine_annotation", False):
            # fetch_next: reading it starts a fetch and gives a Future.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                value = getattr(instance, name)
            if inspect.isawaitable(value):
                with contextlib.suppress(Exception):
                    await value
                return AWAITED_ATTRIBUTE
        return ATTRIBUTE
    if isinstance(attribute, classmethod | staticmethod):
        attribute = attribute.__func__
    if inspect.iscoroutinefunction(attribute):
        return AWAITED
    if inspect.isfunction(attribute):
        return await probe(lambda: getattr(instance, name)(*PROBE_ARGUMENTS.get(name, ())))
    if attribute is not None:
        return ATTRIBUTE
    if name in vars(instance):
        return ATTRIBUTE
    # Only __getattr__ can answer (GridOut's reads deprecated properties such as md5).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            value = getattr(instance, name)
    except AttributeError:
        return ABSENT
    if isinstance(value, motor.AsyncIOMotorDatabase | motor.AsyncIOMotorCollection):
        return ABSENT  # client.name is a database, database.name a collection
    if inspect.iscoroutinefunction(value):
        return AWAITED
    return PLAIN if callable(value) else ATTRIBUTE


def pymongo_kind(instance, name):
    from pymongo.asynchronous.collection import AsyncCollection
    from pymongo.asynchronous.database import AsyncDatabase

    attribute = inspect.getattr_static(instance, name, ABSENT)
    if attribute is ABSENT:
        # Only __getattr__ can answer.
        try:
            attribute = getattr(instance, name)
        except AttributeError:
            return ABSENT
        if isinstance(attribute, AsyncDatabase | AsyncCollection):
            return ABSENT  # client.name is a database, database.name a collection
    if isinstance(attribute, property):
        return AWAITED_ATTRIBUTE if inspect.iscoroutinefunction(attribute.fget) else ATTRIBUTE
    if isinstance(attribute, classmethod | staticmethod):
        attribute = attribute.__func__
    if inspect.iscoroutinefunction(attribute):
        return AWAITED
    return PLAIN if callable(attribute) else ATTRIBUTE


def motor_names(instance):
    names = public(dir(instance))
    if isinstance(instance, motor.AsyncIOMotorGridOut):
        # Its __getattr__ hands every other name to PyMongo's synchronous GridOut.
        names |= public(dir(type(instance).__delegate_class__))
    return names


async def instances(uri):
    """One object of each class, Motor's and PyMongo Async's, by the Motor class name."""
    import gridfs
    from gridfs import AsyncGridFSBucket, AsyncGridOut
    from gridfs.asynchronous import AsyncGridOutCursor
    from pymongo import AsyncMongoClient
    from pymongo.asynchronous.encryption import AsyncClientEncryption

    kms_providers = {"local": {"key": os.urandom(96)}}
    file_document = {"_id": 1, "filename": "f.txt", "length": 0, "chunkSize": 10}
    objects = {}

    motor_client = motor.AsyncIOMotorClient(uri)
    motor_db = motor_client[DATABASE]
    motor_coll = motor_db.things
    await motor_coll.insert_many([{"n": n} for n in range(3)])
    motor_bucket = motor.AsyncIOMotorGridFSBucket(motor_db)
    motor_session = await motor_client.start_session()
    motor_objects = {
        "AsyncIOMotorClient": motor_client,
        "AsyncIOMotorDatabase": motor_db,
        "AsyncIOMotorCollection": motor_coll,
        "AsyncIOMotorCursor": motor_coll.find(),
        "AsyncIOMotorCommandCursor": await motor_db.cursor_command("find", "things"),
        "AsyncIOMotorLatentCommandCursor": motor_coll.aggregate([]),
        "AsyncIOMotorChangeStream": motor_coll.watch(),
        "AsyncIOMotorClientSession": motor_session,
        "AsyncIOMotorClientEncryption": motor.AsyncIOMotorClientEncryption(
            kms_providers, f"{DATABASE}.keys", motor_client, CodecOptions()
        ),
        "AsyncIOMotorGridFSBucket": motor_bucket,
        "AsyncIOMotorGridIn": motor_bucket.open_upload_stream("in.txt"),
        "AsyncIOMotorGridOut": motor.AsyncIOMotorGridOut(motor_db.fs, file_document=file_document),
        "AsyncIOMotorGridOutCursor": motor_bucket.find(),
    }

    pymongo_client = AsyncMongoClient(uri)
    pymongo_db = pymongo_client[DATABASE]
    pymongo_coll = pymongo_db.things
    pymongo_bucket = AsyncGridFSBucket(pymongo_db)
    pymongo_objects = {
        "AsyncIOMotorClient": pymongo_client,
        "AsyncIOMotorDatabase": pymongo_db,
        "AsyncIOMotorCollection": pymongo_coll,
        "AsyncIOMotorCursor": pymongo_coll.find(),
        "AsyncIOMotorCommandCursor": await pymongo_db.cursor_command("find", "things"),
        "AsyncIOMotorLatentCommandCursor": await pymongo_coll.aggregate([]),
        "AsyncIOMotorChangeStream": await pymongo_coll.watch(),
        "AsyncIOMotorClientSession": pymongo_client.start_session(),
        "AsyncIOMotorClientEncryption": AsyncClientEncryption(
            kms_providers, f"{DATABASE}.keys", pymongo_client, CodecOptions()
        ),
        "AsyncIOMotorGridFSBucket": pymongo_bucket,
        "AsyncIOMotorGridIn": pymongo_bucket.open_upload_stream("in.txt"),
        "AsyncIOMotorGridOut": AsyncGridOut(pymongo_db.fs, file_document=file_document),
        "AsyncIOMotorGridOutCursor": pymongo_bucket.find(),
    }
    assert isinstance(pymongo_objects["AsyncIOMotorGridOutCursor"], AsyncGridOutCursor)
    assert gridfs.GridOut is motor.AsyncIOMotorGridOut.__delegate_class__
    for name, (module, class_name) in COUNTERPARTS.items():
        assert type(motor_objects[name]) is getattr(motor, name), name
        counterpart = getattr(__import__(module, fromlist=[class_name]), class_name)
        assert isinstance(pymongo_objects[name], counterpart), (name, type(pymongo_objects[name]))
        objects[name] = (motor_objects[name], pymongo_objects[name])

    async def close():
        await motor_session.end_session()
        await pymongo_objects["AsyncIOMotorClientSession"].end_session()
        await pymongo_objects["AsyncIOMotorChangeStream"].close()
        await pymongo_client.drop_database(DATABASE)
        motor_client.close()
        await pymongo_client.close()

    return objects, close


async def sweep_async(uri):
    objects, close = await instances(uri)
    members = []
    try:
        for motor_name, (motor_object, pymongo_object) in objects.items():
            pymongo_name = COUNTERPARTS[motor_name][1]
            for name in sorted(motor_names(motor_object) | public(dir(pymongo_object))):
                members.append(
                    Member(
                        motor_name,
                        pymongo_name,
                        name,
                        await motor_kind(motor_object, name),
                        pymongo_kind(pymongo_object, name),
                    )
                )
    finally:
        await close()
    return members


def sweep(uri):
    return asyncio.run(sweep_async(uri))


# -- The guide against the sweep ---------------------------------------------

# How the guide's table writes a use: "cursor.rewind()", "await client.address".
USE = re.compile(r"(?P<awaited>await )?(?P<receiver>\w+)\.(?P<name>\w+)(?P<call>\(\))?")


@pytest.fixture(scope="module")
def members(server_uri):
    return sweep(server_uri)


@pytest.fixture(scope="module")
def guide(site_build, manifest):
    """The built guide, and its Python blocks."""
    tree = read_guide(site_build, manifest)
    return tree, guide_blocks(tree, manifest)


@dataclass(frozen=True)
class Row:
    """One row of the guide's awaitability table."""

    motor_class: str
    motor_use: re.Match
    pymongo_use: re.Match
    section: str


def awaitability_table(tree):
    rows = []
    table = select_one(tree, "table.migration-awaitability")
    assert table is not None, "the guide has no table of awaitability changes"
    for tr in select(table, "tbody tr"):
        cells = tr.findall(".//td")
        motor_class, motor_use, pymongo_use = (text_of(cell, " ", strip=True) for cell in cells[:3])
        link = cells[3].find(".//a")
        section = link.get("href").lstrip("#") if link is not None else ""
        uses = [USE.fullmatch(use) for use in (motor_use, pymongo_use)]
        assert all(uses), f"{motor_class}: cannot read {motor_use!r} / {pymongo_use!r}"
        rows.append(Row(motor_class, *uses, section))
    return rows


def motor_only_table(tree):
    table = select_one(tree, "table.migration-motor-only")
    assert table is not None, "the guide has no table of members PyMongo Async lacks"
    listed = {}
    for tr in select(table, "tbody tr"):
        motor_class, pymongo_class, names = tr.findall(".//td")
        listed[text_of(motor_class, strip=True)] = (
            text_of(pymongo_class, strip=True),
            [text_of(code) for code in names.findall(".//code")],
        )
    return listed


def is_call(kind):
    return kind in (PLAIN, AWAITED)


def test_the_guide_lists_every_awaitability_change(members, guide):
    tree, _ = guide
    changes = {(m.motor_class, m.name): m for m in members if m.changes_awaitability}
    problems = []
    listed = set()
    for row in awaitability_table(tree):
        name = row.motor_use["name"]
        key = (row.motor_class, name)
        where = f"{row.motor_class}.{name}"
        if key in listed:
            problems.append(f"{where}: listed twice")
        listed.add(key)
        if row.pymongo_use["name"] != name:
            problems.append(f"{where}: the PyMongo Async column names {row.pymongo_use['name']}")
        member = changes.get(key)
        if member is None:
            problems.append(f"{where}: the guide lists it, but its awaitability does not change")
            continue
        for driver, use, kind in (
            ("Motor", row.motor_use, member.motor),
            ("PyMongo Async", row.pymongo_use, member.pymongo),
        ):
            if bool(use["awaited"]) != (kind in IS_AWAITED):
                problems.append(f"{where}: the guide's {driver} use {use[0]!r} does not match: {kind}")
            if bool(use["call"]) != is_call(kind):
                problems.append(f"{where}: the guide's {driver} use {use[0]!r} is wrong for {kind}")
    for key in changes.keys() - listed:
        member = changes[key]
        problems.append(
            f"{member.motor_class}.{member.name}: Motor {member.motor}, PyMongo Async {member.pymongo};"
            " the guide does not list it"
        )
    assert not problems, "\n".join(problems)


def test_the_guide_lists_every_member_pymongo_async_lacks(members, guide):
    tree, _ = guide
    expected = {}
    for m in members:
        if m.motor_only:
            expected.setdefault(m.motor_class, {})[m.name] = m.motor
    listed = motor_only_table(tree)
    problems = []
    for motor_class in COUNTERPARTS.keys() | listed.keys():
        pymongo_class, names = listed.get(motor_class, (None, []))
        if motor_class in listed and pymongo_class != COUNTERPARTS.get(motor_class, (None, None))[1]:
            problems.append(f"{motor_class}: the guide pairs it with {pymongo_class}")
        shown = {name.removesuffix("()"): name for name in names}
        for name, kind in expected.get(motor_class, {}).items():
            if name not in shown:
                problems.append(
                    f"{motor_class}.{name} ({kind}): PyMongo Async lacks it; the guide does not say"
                )
            elif shown[name].endswith("()") != is_call(kind):
                problems.append(f"{motor_class}.{name}: the guide writes {shown[name]!r} for a {kind}")
        for name in shown.keys() - expected.get(motor_class, {}).keys():
            problems.append(f"{motor_class}.{name}: the guide says PyMongo Async lacks it; it does not")
    assert not problems, "\n".join(problems)


def end_of_call(line, start):
    """Where the call that opens at line[start] (if it does) closes."""
    if line[start : start + 1] != "(":
        return start
    depth = 0
    for index in range(start, len(line)):
        depth += {"(": 1, ")": -1}.get(line[index], 0)
        if depth == 0:
            return index + 1
    return len(line)


def uses(code, receivers, name):
    """How *code* uses ``.name`` on one of *receivers*: True where it is awaited, False where not.

    ``await a.name()`` awaits the member; ``await a.name().to_list()`` awaits
    what comes after it, so it does not.
    """
    found = set()
    for line in code.splitlines():
        line = line.split("  # ")[0]
        if line.lstrip().startswith("#"):
            continue
        for match in re.finditer(rf"(\w+)\.{name}\b", line):
            if match[1] not in receivers:
                continue
            after = line[end_of_call(line, match.end()) :]
            awaited = re.search(r"\bawait\s+[\w.\[\]\"'()]*$", line[: match.end(1)]) is not None
            found.add(awaited and not after.startswith((".", "[")))
    return found


def test_every_awaitability_change_has_a_pair_that_uses_it(guide):
    tree, blocks = guide
    rows = awaitability_table(tree)
    own_receivers = {row.motor_use["receiver"] for row in rows}
    problems = []
    for row in rows:
        name, receiver = row.motor_use["name"], row.motor_use["receiver"]
        where = f"{row.motor_class}.{name}"
        section = [b for b in blocks if row.section in b.labels]
        if not row.section or not section:
            problems.append(f"{where}: its row links to no section with examples ({row.section!r})")
            continue

        # The receiver the table writes, or a name no other row writes ("orders", "source").
        receivers = {receiver} | {
            found
            for block in section
            for found in re.findall(rf"(\w+)\.{name}\b", block.example.code)
            if found not in own_receivers
        }
        for caption, use in ((BEFORE, row.motor_use), (AFTER, row.pymongo_use)):
            halves = [b for b in section if b.caption.startswith(caption)]
            if not any(bool(use["awaited"]) in uses(b.example.code, receivers, name) for b in halves):
                problems.append(f"{where}: no {caption!r} example in #{row.section} shows {use[0]!r}")
    assert not problems, "\n".join(problems)


def test_the_tornado_classes_have_the_asyncio_classes_members():
    for name in COUNTERPARTS:
        asyncio_class = getattr(motor, name)
        tornado_class = getattr(motor_tornado, name.removeprefix("AsyncIO"))
        assert public(dir(asyncio_class)) == public(dir(tornado_class)), name
        for member in public(dir(asyncio_class)):
            assert factory_for(asyncio_class, member) is factory_for(tornado_class, member), (name, member)


def main():
    from tested_examples.runner.live_server import live_server

    with live_server() as server:
        members = sweep(server.uri)
    print("Awaitability changes:")
    for member in members:
        if member.changes_awaitability:
            print(f"  {member.motor_class}.{member.name}: Motor {member.motor}, PyMongo {member.pymongo}")
    print("Motor only:")
    for member in members:
        if member.motor_only:
            print(f"  {member.motor_class}.{member.name}: {member.motor}")
    print("Other differences in kind:")
    for member in members:
        if (
            member.motor != member.pymongo
            and not member.changes_awaitability
            and ABSENT not in (member.motor, member.pymongo)
        ):
            print(f"  {member.motor_class}.{member.name}: Motor {member.motor}, PyMongo {member.pymongo}")
    print("PyMongo Async only:")
    for member in members:
        if member.motor == ABSENT:
            print(f"  {member.pymongo_class}.{member.name}: {member.pymongo}")


if __name__ == "__main__":
    main()
