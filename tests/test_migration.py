"""The migration guide shows every Motor -> PyMongo Async difference as a pair that runs.

The example runner (tests/test_examples.py) runs each block and compares what
it prints with the page. These tests check what the runner cannot: that every
difference in the project's reference facts has its section and its pair,
that each pair is run on the live tier, that every "this Motor habit fails"
claim is on the page with the error it names, and that those errors, the
class names and the method lists are what the installed packages really do.
"""

import asyncio
import importlib
import inspect
import re
import warnings
from dataclasses import dataclass
from importlib.metadata import version

import pytest

from tested_examples.runner.conditions import silent_server
from tests.built_pages import by_id, parsed, select, select_one, text_of

GUIDE = "source/migrate-to-pymongo-async"
BEFORE, AFTER, HABIT = "Before: Motor", "After: PyMongo Async", "The Motor habit on PyMongo Async"

# Each difference the reference facts list, by the label of the guide's section for it.
DIFFERENCES = {
    "migration-client": "AsyncMongoClient, imported from pymongo, replaces Motor's clients",
    "migration-io-loop": "AsyncMongoClient takes no io_loop argument",
    "migration-close": "close() is a coroutine to await",
    "migration-topology": "the client's address, primary, ... properties are awaited",
    "migration-sessions": "start_session() is a plain method, no longer a coroutine",
    "migration-awaitable-methods": "aggregate, watch, list_indexes, ... are awaited for their cursor",
    "migration-to-list": "to_list(0) is not allowed",
    "migration-cursor-methods": "rewind() and add_option() on a cursor are coroutines",
    "migration-cursor-iteration": "no each(), fetch_next or next_object()",
    "migration-gridfs": "AsyncIOMotorGridFSBucket becomes gridfs.AsyncGridFSBucket",
    "migration-gridfs-iteration": "async for over a GridFS file yields lines, not chunks",
    "migration-gridfs-seek": "seek(), readlines() and close() on a GridFS file are coroutines",
    "migration-gridfs-find": "bucket.find() yields AsyncGridOut, also from to_list()",
    "migration-gridfs-by-name": "the bucket has delete_by_name() and rename_by_name()",
    "migration-no-equivalent": "GridFSHandler, AIOHTTPGridFS and stream_to_handler have no equivalent",
    "migration-encryption": "AsyncIOMotorClientEncryption becomes AsyncClientEncryption",
    "migration-event-loop": "a client belongs to one event loop and is not thread safe",
    "migration-tornado": "asyncio only, yet usable inside a Tornado application",
}

# Where the guide says a Motor idiom fails on AsyncMongoClient: the lines the
# habit's output must show. The runner checks the output against a live run.
FAILURES = {
    "migration-io-loop": ["ConfigurationError: Unknown option: io_loop."],
    "migration-close": [
        "RuntimeWarning: coroutine 'AsyncMongoClient.close' was never awaited",
        "still open, ping ok: 1.0",
    ],
    "migration-topology": ["RuntimeWarning: coroutine 'AsyncMongoClient.address' was never awaited"],
    "migration-cursor-methods": [
        "RuntimeWarning: coroutine 'AsyncCursor.rewind' was never awaited",
        "after rewind(): []",
    ],
    "migration-sessions": [
        "TypeError: object AsyncClientSession can't be used in 'await' expression",
        "RuntimeWarning: coroutine 'AsyncClientSession.start_transaction' was never awaited",
    ],
    "migration-awaitable-methods": [
        "TypeError: 'async for' requires an object with __aiter__ method, got coroutine",
        "AttributeError: 'coroutine' object has no attribute 'to_list'",
    ],
    "migration-to-list": ["ValueError: to_list() length must be greater than 0"],
    "migration-cursor-iteration": [
        "AttributeError: 'AsyncCursor' object has no attribute 'each'",
        "AttributeError: 'AsyncCursor' object has no attribute 'fetch_next'",
        "AttributeError: 'AsyncCursor' object has no attribute 'next_object'",
    ],
    "migration-event-loop": ["RuntimeError: Cannot use AsyncMongoClient in different event loop."],
    # Not an error: a file with no newline byte comes out whole, in one piece.
    "migration-gridfs-iteration": ["zeros.bin: [25]"],
    "migration-gridfs-seek": ["RuntimeWarning: coroutine 'AsyncGridOut.seek' was never awaited"],
    "migration-gridfs-find": [
        "RuntimeWarning: coroutine 'AsyncGridOut.read' was never awaited",
        "TypeError: 'AsyncGridOut' object is not subscriptable",
    ],
}

# Awaited in PyMongo Async but not in Motor, per the reference facts.
AWAITED_CURSOR_METHODS = {
    "pymongo.asynchronous.collection.AsyncCollection": [
        "aggregate",
        "watch",
        "list_indexes",
        "list_search_indexes",
        "aggregate_raw_batches",
    ],
    "pymongo.asynchronous.database.AsyncDatabase": ["aggregate", "watch"],
    "pymongo.AsyncMongoClient": ["watch"],
}
NOT_AWAITED = {"pymongo.asynchronous.collection.AsyncCollection": ["find", "find_raw_batches"]}

# A server address nothing listens on: the checks below never reach a server.
NOWHERE = "mongodb://127.0.0.1:9"

IMPORTS_MOTOR = re.compile(r"^\s*(from|import) motor\b", re.M)


@dataclass
class Block:
    """One Python block of the guide: its caption, sections and collected example."""

    caption: str
    labels: set
    example: dict


def resolve(dotted):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def section_labels(element):
    """The labels (``.. _name:``) of every section that holds *element*."""
    labels = set()
    for section in element.iterancestors("section"):
        labels.update(child_labels(section))
    return labels


def child_labels(section):
    """The ids of the label anchors (``<span id>``) right inside *section*."""
    return {span.get("id") for span in section.iterchildren("span") if span.get("id") is not None}


def read_guide(site_build, manifest):
    """The built guide, parsed."""
    return parsed(site_build.html_dir / manifest.pages[GUIDE].html)


def guide_blocks(guide, manifest):
    """The guide's Python blocks in page order, each with its collected example."""
    examples = manifest.pages[GUIDE].examples
    rendered = select(guide, "article div.highlight-python, article div.highlight-pycon")
    assert len(rendered) == len(examples), "the page's Python blocks and the collected examples differ"
    found = []
    for element, example in zip(rendered, examples, strict=True):
        wrapper = element.getparent()
        caption = select_one(wrapper, ":scope > .code-block-caption .caption-text")
        found.append(Block(text_of(caption) if caption is not None else "", section_labels(element), example))
    return found


@pytest.fixture(scope="module")
def guide(site_build, manifest):
    return read_guide(site_build, manifest)


@pytest.fixture(scope="module")
def blocks(guide, manifest):
    return guide_blocks(guide, manifest)


def blocks_in(blocks, label, caption):
    return [block for block in blocks if label in block.labels and block.caption.startswith(caption)]


def test_every_difference_has_its_section(guide):
    missing = [label for label in DIFFERENCES if by_id(guide, label) is None]
    assert not missing, f"the guide has no section labelled {missing}"


@pytest.mark.parametrize("label", DIFFERENCES)
def test_every_difference_has_a_motor_then_pymongo_pair(blocks, label):
    captions = [block.caption for block in blocks if label in block.labels]
    befores = [i for i, caption in enumerate(captions) if caption.startswith(BEFORE)]
    afters = [i for i, caption in enumerate(captions) if caption.startswith(AFTER)]
    assert befores and afters, f"{DIFFERENCES[label]}: no {BEFORE!r} / {AFTER!r} pair in {captions}"
    assert befores[0] < afters[0], f"{DIFFERENCES[label]}: the PyMongo Async half comes before Motor's"


def test_every_captioned_block_runs_on_the_live_tier_and_shows_output(blocks):
    for position, block in enumerate(blocks):
        if not block.caption.startswith((BEFORE, AFTER, HABIT)):
            continue
        example = block.example
        where = f"{example.source} ({block.caption})"
        assert "live" not in example.exempt, f"{where} is exempt from the live tier"
        if example.module:
            # A module is shown by the block after it, which starts it and prints.
            follower = blocks[position + 1].example
            assert example.module in follower.code and follower.output, f"{where}: nothing runs it"
        else:
            assert example.output, f"{where} shows no output, so the runner checks nothing"


def test_motor_halves_use_motor_and_pymongo_halves_do_not(blocks):
    for block in blocks:
        code = block.example.code
        if block.caption.startswith(BEFORE):
            assert IMPORTS_MOTOR.search(code), f"{block.example['source']} is no Motor code"
        elif block.caption.startswith((AFTER, HABIT)):
            assert not IMPORTS_MOTOR.search(code), f"{block.example['source']} uses Motor"
            assert re.search(r"^from (pymongo|gridfs)[.\w]* import", code, re.M), block.example.source


def test_mock_exemptions_give_the_real_reason(blocks):
    for block in blocks:
        reason = block.example.exempt.get("mock")
        if block.caption.startswith((AFTER, HABIT)):
            assert reason and "no mock for AsyncMongoClient" in reason, block.example.source
        elif block.caption.startswith(BEFORE) and reason:
            assert "mongomock-motor" in reason, (
                f"{block.example['source']}: exempt from the mock for {reason!r}"
            )


def test_some_motor_halves_run_on_the_mock(blocks):
    runs_on_mock = [b for b in blocks if b.caption.startswith(BEFORE) and "mock" not in b.example.exempt]
    assert len(runs_on_mock) >= 4, "Motor halves that can run on the mock should"


@pytest.mark.parametrize("label", FAILURES)
def test_each_failing_habit_is_shown_failing(blocks, label):
    habits = blocks_in(blocks, label, HABIT)
    assert habits, f"{DIFFERENCES[label]}: no block shows the Motor habit failing"
    shown = "\n".join(block.example.output or "" for block in habits)
    for line in FAILURES[label]:
        assert line in shown, f"{DIFFERENCES[label]}: the page does not show {line!r}"


def habit_errors_from_installed_pymongo():
    """The errors the habits raise, provoked without a server."""
    from pymongo import AsyncMongoClient
    from pymongo.errors import ConfigurationError

    async def provoke():
        seen = []
        try:
            AsyncMongoClient(NOWHERE, io_loop=asyncio.get_running_loop())
        except ConfigurationError as exc:
            seen.append(f"{type(exc).__name__}: {exc}")
        client = AsyncMongoClient(NOWHERE, connect=False)
        try:
            await client.db.coll.find().to_list(0)
        except ValueError as exc:
            seen.append(f"{type(exc).__name__}: {exc}")
        try:
            await client.start_session()
        except TypeError as exc:
            seen.append(f"{type(exc).__name__}: {exc}")
        cursor = client.db.coll.find()
        for name in ("each", "fetch_next", "next_object"):
            try:
                getattr(cursor, name)
            except AttributeError as exc:
                seen.append(f"{type(exc).__name__}: {exc}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            client.close()
            client.address  # noqa: B018 (a coroutine, never awaited)
            cursor.rewind()
        seen += [f"{w.category.__name__}: {w.message}" for w in caught]
        await client.close()
        return seen

    return asyncio.run(provoke())


def test_the_shown_errors_are_the_installed_pymongos(blocks):
    shown = "\n".join(block.example.output or "" for block in blocks if block.caption.startswith(HABIT))
    errors = habit_errors_from_installed_pymongo()
    assert len(errors) == 9, errors
    for error in errors:
        assert error in shown, f"PyMongo says {error!r}; the guide does not"


def gridfs_habit_errors_from_installed_pymongo():
    """What the GridFS habits provoke, on a file made from its document, without a server."""
    from gridfs import AsyncGridOut
    from pymongo import AsyncMongoClient

    async def provoke():
        client = AsyncMongoClient(NOWHERE, connect=False)
        document = {"_id": 1, "filename": "april.txt", "length": 14, "chunkSize": 10}
        grid_out = AsyncGridOut(client.db.fs, file_document=document)
        seen = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            grid_out.seek(7)
            grid_out.read()
        seen += [f"{w.category.__name__}: {w.message}" for w in caught]
        try:
            grid_out["filename"]
        except TypeError as exc:
            seen.append(f"{type(exc).__name__}: {exc}")
        await client.close()
        return seen

    return asyncio.run(provoke())


def test_the_shown_gridfs_errors_are_the_installed_pymongos(blocks):
    shown = "\n".join(block.example.output or "" for block in blocks if block.caption.startswith(HABIT))
    errors = gridfs_habit_errors_from_installed_pymongo()
    assert len(errors) == 3, errors
    for error in errors:
        assert error in shown, f"PyMongo says {error!r}; the guide does not"


def test_gridfs_methods_are_what_the_guide_says():
    from gridfs import AsyncGridFSBucket, AsyncGridOut
    from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket, AsyncIOMotorGridOut

    # Motor's seek() hands the call straight to PyMongo's synchronous GridOut.
    async def motor_seek():
        client = AsyncIOMotorClient(NOWHERE, connect=False)
        grid_out = AsyncIOMotorGridOut(client.db.fs, file_document={"_id": 1, "length": 0})
        client.close()
        return grid_out.seek

    assert not inspect.iscoroutinefunction(asyncio.run(motor_seek()))
    assert inspect.iscoroutinefunction(AsyncGridOut.seek)
    assert not inspect.iscoroutinefunction(AsyncGridOut.tell)
    assert inspect.iscoroutinefunction(AsyncGridOut.readchunk)
    assert hasattr(AsyncIOMotorGridOut, "readchunk"), "the readchunk() loop must work on Motor too"
    for name in ("delete_by_name", "rename_by_name"):
        assert not hasattr(AsyncIOMotorGridFSBucket, name), f"Motor's bucket has {name}() after all"
        assert inspect.iscoroutinefunction(getattr(AsyncGridFSBucket, name)), name


def test_awaited_methods_are_coroutines_in_pymongo_only():
    from motor.motor_asyncio import AsyncIOMotorClient

    for dotted, names in AWAITED_CURSOR_METHODS.items():
        cls = resolve(dotted)
        for name in names:
            assert inspect.iscoroutinefunction(getattr(cls, name)), f"{dotted}.{name} is not awaited"
    for dotted, names in NOT_AWAITED.items():
        for name in names:
            assert not inspect.iscoroutinefunction(getattr(resolve(dotted), name)), f"{dotted}.{name}"

    # Motor hands back the cursor without an await.
    async def motor_cursors():
        client = AsyncIOMotorClient(NOWHERE, connect=False)
        collection = client.db.coll
        cursors = [collection.aggregate([]), collection.list_indexes(), collection.watch()]
        client.close()
        return cursors

    assert not any(inspect.isawaitable(cursor) for cursor in asyncio.run(motor_cursors()))


def test_the_guide_lists_the_awaited_methods(guide):
    section = next(by_id(guide, "migration-awaitable-methods").iterancestors("section"))
    text = text_of(section, " ")
    for name in {name for names in AWAITED_CURSOR_METHODS.values() for name in names}:
        assert f"{name}()" in text, f"the guide does not list {name}()"


def test_sessions_swap_which_call_is_awaited():
    from motor.motor_asyncio import AsyncIOMotorClientSession
    from pymongo import AsyncMongoClient
    from pymongo.asynchronous.client_session import AsyncClientSession

    assert not inspect.iscoroutinefunction(AsyncMongoClient.start_session)
    assert inspect.iscoroutinefunction(AsyncClientSession.start_transaction)
    assert not inspect.iscoroutinefunction(AsyncIOMotorClientSession.start_transaction)


def test_motor_close_is_plain_and_pymongo_close_is_a_coroutine():
    from motor.motor_asyncio import AsyncIOMotorClient
    from pymongo import AsyncMongoClient

    assert AsyncIOMotorClient(NOWHERE, connect=False).close() is None
    assert inspect.iscoroutinefunction(AsyncMongoClient.close)


def class_name_table(guide):
    """(Motor class names, PyMongo class name, PyMongo module) for each row of the table."""
    table = select_one(guide, "table.migration-class-names")
    rows = []
    for row in select(table, "tbody tr"):
        motor_cell, pymongo_cell = row.iterfind(".//td")
        pymongo_class, pymongo_module = (text_of(code) for code in pymongo_cell.iterfind(".//code"))
        motor_names = [text_of(code) for code in motor_cell.iterfind(".//code")]
        rows.append((motor_names, pymongo_class, pymongo_module))
    return rows


def test_class_name_table_names_real_classes(guide):
    rows = class_name_table(guide)
    assert len(rows) >= 9
    for motor_names, pymongo_class, pymongo_module in rows:
        asyncio_name, tornado_name = motor_names
        # Motor's asyncio classes are AsyncIOMotor*, its Tornado ones Motor*, with the same stem.
        assert asyncio_name.removeprefix("AsyncIO") == tornado_name, motor_names
        assert inspect.isclass(resolve(f"motor.motor_asyncio.{asyncio_name}")), asyncio_name
        assert inspect.isclass(resolve(f"motor.motor_tornado.{tornado_name}")), tornado_name
        assert not pymongo_module.startswith("motor"), pymongo_module
        assert inspect.isclass(resolve(f"{pymongo_module}.{pymongo_class}")), (pymongo_module, pymongo_class)


def test_async_client_encryption_lives_where_the_guide_says():
    import pymongo.encryption

    assert not hasattr(pymongo.encryption, "AsyncClientEncryption")
    assert inspect.isclass(resolve("pymongo.asynchronous.encryption.AsyncClientEncryption"))


def test_what_has_no_equivalent_really_has_none(guide):
    from gridfs.asynchronous.grid_file import AsyncGridOut
    from motor.motor_asyncio import AsyncIOMotorGridOut
    from motor.motor_tornado import MotorGridOut

    section = next(by_id(guide, "migration-no-equivalent").iterancestors("section"))
    listed = {text_of(code) for code in select(section, "table td:first-child code")}
    assert listed == {
        "motor.aiohttp.AIOHTTPGridFS",
        "motor.web.GridFSHandler",
        "MotorGridOut.stream_to_handler()",
    }
    resolve("motor.aiohttp.AIOHTTPGridFS")
    resolve("motor.web.GridFSHandler")
    assert hasattr(MotorGridOut, "stream_to_handler") and hasattr(AsyncIOMotorGridOut, "stream_to_handler")
    assert not hasattr(AsyncGridOut, "stream_to_handler")
    import gridfs
    import pymongo

    for package in (gridfs, pymongo):
        assert not {"GridFSHandler", "AIOHTTPGridFS"} & set(dir(package))


@pytest.mark.parametrize(
    "label, port_zero",
    [
        ("migration-no-equivalent", 'web.TCPSite(runner, "127.0.0.1", 0)'),
        ("migration-tornado", 'bind_sockets(0, "127.0.0.1")'),
    ],
)
def test_web_examples_serve_real_requests_on_a_port_the_os_picks(blocks, label, port_zero):
    pymongo_modules = [b for b in blocks_in(blocks, label, AFTER) if b.example.module]
    assert pymongo_modules, f"{label}: no application module on PyMongo Async"
    for module_block in pymongo_modules:
        module = module_block.example.module
        drivers = [
            b
            for b in blocks_in(blocks, label, AFTER)
            if f"from {module} import" in b.example.code and not b.example.module
        ]
        assert drivers, f"no block starts {module}"
        for driver in drivers:
            assert port_zero in driver.example.code
            assert "AsyncMongoClient(" in driver.example.code
            assert " 200 " in driver.example.output and " 404" in driver.example.output


def test_checklist_leads_to_every_difference(guide):
    checklist = next(by_id(guide, "migration-checklist").iterancestors("section")).find(".//ol")
    reached = set()
    for link in select(checklist, 'a[href^="#"]'):
        target = by_id(guide, link.get("href")[1:])
        section = target if target.tag == "section" else next(target.iterancestors("section"))
        reached.update(child_labels(section))
    missing = set(DIFFERENCES) - reached
    assert not missing, f"the checklist has no step for {sorted(missing)}"


def test_versions_the_guide_names_are_installed(guide):
    text = text_of(guide.find(".//article"), " ")
    assert f"Motor {version('motor')}" in text
    import pymongo

    assert pymongo.version_tuple >= (4, 13), "the guide's examples need PyMongo 4.13 or later"
    assert "PyMongo 4.13.0" in text


def test_landing_page_connection_examples_offer_pymongo_async(manifest):
    # The connection examples are the ones that ping; the page has others since.
    examples = [e for e in manifest.pages["index"].examples if '.admin.command("ping")' in e.code]
    by_flavor = {}
    for example in examples:
        by_flavor.setdefault(example.flavor, []).append(example)
    assert len(by_flavor.get("PyMongo Async", [])) == 2, "both connection tab sets need a PyMongo Async tab"
    for pymongo_example, asyncio_example in zip(
        by_flavor["PyMongo Async"], by_flavor["asyncio"], strict=True
    ):
        code = pymongo_example.code
        assert "from pymongo import AsyncMongoClient" in code and "await client.close()" in code
        assert not IMPORTS_MOTOR.search(code)
        assert not pymongo_example.exempt, "the runner itself exempts PyMongo Async from the mock"
        assert pymongo_example.output == asyncio_example.output


@pytest.mark.parametrize("name", ["address", "is_primary", "is_mongos"])
def test_topology_properties_wait_for_the_server_and_motor_holds_up_the_event_loop(name):
    """Both drivers wait for a server; Motor waits in its synchronous MongoClient, so the loop stops.

    The server never answers, so each wait can end only at the client's
    selection timeout, with ServerSelectionTimeoutError: nothing here depends
    on how long anything takes.
    """
    from motor.motor_asyncio import AsyncIOMotorClient
    from pymongo import AsyncMongoClient
    from pymongo.errors import ServerSelectionTimeoutError

    async def loop_ran_while_motor_waited(uri):
        client = AsyncIOMotorClient(uri, serverSelectionTimeoutMS=300)
        loop_ran = asyncio.Event()
        asyncio.get_running_loop().call_soon(loop_ran.set)
        try:
            with pytest.raises(ServerSelectionTimeoutError):
                getattr(client, name)  # no await: the wait happens inside this call
            # Read before this coroutine gives the loop a turn: only the wait could have.
            return loop_ran.is_set()
        finally:
            client.close()

    async def loop_ran_while_pymongo_waited(uri):
        client = AsyncMongoClient(uri, serverSelectionTimeoutMS=300)
        try:
            reading = asyncio.ensure_future(getattr(client, name))

            async def read_is_pending():
                return not reading.done()

            # Queued after the read's first step, this task runs as soon as the
            # read lets the loop go on, and notes whether the read is over. A
            # read that held up the loop would be over by then, ended by its
            # selection timeout.
            still_waiting = await asyncio.create_task(read_is_pending())
            with pytest.raises(ServerSelectionTimeoutError):
                await reading
            return still_waiting
        finally:
            await client.close()

    with silent_server() as uri:
        assert not asyncio.run(loop_ran_while_motor_waited(uri)), "the event loop ran while Motor waited"
        assert asyncio.run(loop_ran_while_pymongo_waited(uri)), (
            "the event loop stood still while PyMongo waited"
        )


@pytest.mark.parametrize(
    "name, nothing_found", [("primary", None), ("secondaries", set()), ("arbiters", set())]
)
def test_other_topology_properties_report_what_the_client_has_found(name, nothing_found):
    """With no server found, both drivers answer with nothing, without waiting for one.

    The server never answers, so a property that waited for it would end in
    ServerSelectionTimeoutError: an answer shows that it did not wait.
    """
    from motor.motor_asyncio import AsyncIOMotorClient
    from pymongo import AsyncMongoClient

    async def read(uri):
        motor_client = AsyncIOMotorClient(uri, serverSelectionTimeoutMS=300)
        pymongo_client = AsyncMongoClient(uri, serverSelectionTimeoutMS=300)
        try:
            return getattr(motor_client, name), await getattr(pymongo_client, name)
        finally:
            motor_client.close()
            await pymongo_client.close()

    with silent_server() as uri:
        assert asyncio.run(read(uri)) == (nothing_found, nothing_found)


def test_rewind_closes_the_cursor_and_add_option_sends_nothing(server_uri):
    from tests.live_databases import with_databases
    from tests.test_howto_bulk_writes import CommandNames

    commands = CommandNames()

    async def check(motor_db, pymongo_db):
        await pymongo_db.fruit.insert_many([{"n": n} for n in range(3)])
        cursor = pymongo_db.fruit.find(batch_size=1)
        commands.names.clear()
        assert await cursor.add_option(16) is cursor
        assert commands.names == [], "add_option() sent a command"
        await anext(cursor)
        commands.names.clear()
        await cursor.rewind()
        assert commands.names == ["killCursors"], commands.names
        # 16 is the flag that find(no_cursor_timeout=True) sets.
        cursor = pymongo_db.fruit.find()
        await cursor.add_option(16)
        assert cursor._query_flags == pymongo_db.fruit.find(no_cursor_timeout=True)._query_flags == 16

    with_databases(server_uri, "test_migration_cursor_methods", check, event_listeners=[commands])


def test_motor_io_loop_is_the_running_loop():
    from motor.motor_asyncio import AsyncIOMotorClient

    async def same():
        client = AsyncIOMotorClient(NOWHERE, connect=False)
        loop = asyncio.get_running_loop()
        found = client.io_loop is loop and client.get_io_loop() is loop and client.db.get_io_loop() is loop
        client.close()
        return found

    assert asyncio.run(same())


def test_motor_grid_out_hands_readlines_and_close_to_pymongos_synchronous_grid_out():
    import gridfs
    from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridOut

    async def methods():
        client = AsyncIOMotorClient(NOWHERE, connect=False)
        document = {"_id": 1, "filename": "f.txt", "length": 0, "chunkSize": 10}
        grid_out = AsyncIOMotorGridOut(client.db.fs, file_document=document)
        client.close()
        return grid_out, grid_out.readlines, grid_out.close

    grid_out, readlines, close = asyncio.run(methods())
    assert isinstance(grid_out.delegate, gridfs.GridOut)
    for method in (readlines, close):
        assert method.__self__ is grid_out.delegate
        assert not inspect.iscoroutinefunction(method)
