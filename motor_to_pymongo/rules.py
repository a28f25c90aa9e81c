"""The rules: one object for each difference between Motor and PyMongo Async.

A rule says what changes, why, and where the migration guide shows it. A
rule with a ``fix`` is report-only: the converter cannot make that change
safely, so it reports the place and the fix and leaves the code as it is.
The converter (``transform``) names the rule of every change it makes and
every place it reports, so the report, the tests and the guide's list of what
the tool cannot do all read this one table.
"""

import os
from dataclasses import dataclass

GUIDE_PAGE = "source/migrate-to-pymongo-async.html"


@dataclass(frozen=True)
class Rule:
    id: str
    anchor: str  # the migration guide's section label
    # Texts in reStructuredText's inline markup (``code``): the guide shows them as they are,
    # and the command's report without the backquotes.
    what: str  # what changes, said of one place
    why: str
    fix: str = ""  # the manual fix, for a report-only rule

    @property
    def automatic(self):
        return not self.fix

    def link(self):
        """The guide's section, under MOTOR_DOCS_BASE_URL when that is set (the site's address)."""
        base = os.environ.get("MOTOR_DOCS_BASE_URL", "")
        if base and not base.endswith("/"):
            base += "/"
        return f"{base}{GUIDE_PAGE}#{self.anchor}"


RULES = {}


def rule(*args, **kwargs):
    made = Rule(*args, **kwargs)
    if made.id in RULES:
        raise ValueError(f"two rules named {made.id}")
    RULES[made.id] = made
    return made


# -- Changes the converter makes --------------------------------------------------

CLASS_IMPORT = rule(
    "class-import",
    "migration-client",
    "import the PyMongo Async class instead of the Motor class",
    "one PyMongo Async class replaces each Motor class, asyncio and Tornado alike",
)
MODULE_ALIAS = rule(
    "module-alias",
    "migration-client",
    "name the PyMongo Async class through its own module instead of motor's",
    "PyMongo Async's classes live in pymongo and gridfs, not in motor.motor_asyncio or motor.motor_tornado",
)
GRIDFS_CLASS = rule(
    "gridfs-class",
    "migration-gridfs",
    "use gridfs's AsyncGridFSBucket, AsyncGridIn or AsyncGridOut",
    "Motor's GridFS classes become the async classes of PyMongo's gridfs package",
)
ENCRYPTION_CLASS = rule(
    "encryption-class",
    "migration-encryption",
    "use AsyncClientEncryption from pymongo.asynchronous.encryption",
    "Motor's client encryption class becomes PyMongo Async's",
)
CLASS_NAME = rule(
    "class-name",
    "migration-client",
    "name the PyMongo Async class in annotations, isinstance checks and docstrings",
    "type hints and docstrings should name the classes the code now uses",
)
IO_LOOP = rule(
    "io-loop",
    "migration-io-loop",
    "drop the io_loop= argument",
    "PyMongo Async has no io_loop option and refuses it as unknown; it runs on the loop that uses it",
)
CLOSE = rule(
    "await-close",
    "migration-close",
    "await close()",
    "AsyncMongoClient.close() is a coroutine and does nothing unless awaited",
)
TOPOLOGY = rule(
    "await-topology",
    "migration-topology",
    "await the client's topology property",
    "in PyMongo Async the property's value is a coroutine, awaited for the answer",
)
START_SESSION = rule(
    "start-session",
    "migration-sessions",
    "call start_session() without await",
    "PyMongo Async's start_session() returns the session itself, not a coroutine",
)
START_TRANSACTION = rule(
    "await-start-transaction",
    "migration-sessions",
    "await start_transaction()",
    "PyMongo Async's start_transaction() is a coroutine; unawaited, no transaction starts",
)
AWAIT_CURSOR = rule(
    "await-cursor-method",
    "migration-awaitable-methods",
    "await the call that returns a cursor or change stream",
    "in PyMongo Async aggregate(), watch(), list_indexes(), list_search_indexes() and "
    "aggregate_raw_batches() are coroutines that send their command and return the cursor",
)
CURSOR_METHOD = rule(
    "await-cursor-rewind",
    "migration-cursor-methods",
    "await rewind() or add_option()",
    "they are coroutines on PyMongo Async's cursors; an unawaited rewind() leaves the cursor used up",
)
GRIDOUT_METHOD = rule(
    "await-gridout-method",
    "migration-gridfs-seek",
    "await close(), seek() or readlines() on the GridFS file",
    "PyMongo Async's AsyncGridOut makes them coroutines",
)
GET_KEYS = rule(
    "get-keys",
    "migration-encryption",
    "call get_keys() without await",
    "AsyncClientEncryption.get_keys() returns the cursor itself",
)

# -- Report-only: the place and the fix, no change --------------------------------

TO_LIST_ZERO = rule(
    "to-list-zero",
    "migration-to-list",
    "``to_list(0)``, or a length that may be 0, is refused by PyMongo Async",
    "Motor 3.7.1 returns an empty list for it and PyMongo Async raises ValueError",
    fix="write ``to_list()`` where the code wants every document, or drop the call where it wants none",
)
OLD_ITERATION = rule(
    "old-iteration",
    "migration-cursor-iteration",
    "``each()``, ``fetch_next`` and ``next_object()`` do not exist in PyMongo Async",
    "PyMongo Async's cursors have only async for and anext()",
    fix="iterate with ``async for``, or take one document with ``anext(cursor)``",
)
GRIDOUT_ITERATION = rule(
    "gridout-iteration",
    "migration-gridfs-iteration",
    "``async for`` over a GridFS file yields lines in PyMongo Async, chunks in Motor",
    "the pieces differ, so code that counts or joins them can change meaning",
    fix="keep the chunks with a loop of ``readchunk()`` until it returns ``b''``",
)
GRIDFS_FIND = rule(
    "gridfs-find",
    "migration-gridfs-find",
    "the files that ``bucket.find()`` gives are different objects in PyMongo Async",
    "Motor yields synchronous GridOut files (to_list() gives dicts); PyMongo Async gives AsyncGridOut "
    "files whose read() is awaited and whose fields are attributes",
    fix="await ``read()``, read fields as attributes, and query the files collection where dicts are wanted",
)
WEB_HANDLER = rule(
    "web-handler",
    "migration-no-equivalent",
    "``motor.web.GridFSHandler`` and ``motor.aiohttp.AIOHTTPGridFS`` have no PyMongo counterpart",
    "PyMongo has no web framework handlers",
    fix="write a handler of your own that opens the file with ``AsyncGridFSBucket`` and streams its chunks",
)
STREAM_TO_HANDLER = rule(
    "stream-to-handler",
    "migration-no-equivalent",
    "``stream_to_handler()`` does not exist in PyMongo Async",
    "AsyncGridOut has no Tornado support",
    fix="write the file's chunks to the handler in a ``readchunk()`` loop, flushing after each",
)
MOTOR_ONLY_MEMBER = rule(
    "motor-only-member",
    "migration-checklist",
    "a member that only Motor's objects have "
    "(``delegate``, ``get_io_loop()``, ``io_loop``, ``wrap()``, ``collection``)",
    "delegate, get_io_loop(), io_loop, wrap() and a cursor's or bucket's collection are Motor's machinery",
    fix="use ``asyncio.get_running_loop()`` for the loop, and keep the collection or object yourself",
)
BUCKET_COLLECTION = rule(
    "bucket-collection",
    "migration-gridfs",
    "``AsyncGridFSBucket`` takes no ``collection=`` argument",
    "Motor's bucket accepted one; PyMongo Async's does not",
    fix="pass the database and ``bucket_name=`` instead",
)
FUTURE = rule(
    "future-not-awaited",
    "migration-checklist",
    "a Motor method's result kept or passed on without await",
    "Motor's methods return an asyncio Future, which runs at once; PyMongo Async's return a coroutine, "
    "which runs only when awaited, and which create_task() takes where it refused the Future",
    fix="await the call where it is made, or see that the coroutine is awaited or given to ``create_task()``",
)
UNKNOWN_RECEIVER = rule(
    "unknown-receiver",
    "migration-checklist",
    "a method that changes in PyMongo Async, on an object the converter cannot tell is Motor's",
    "the converter follows names assigned from Motor objects in one scope, and no further",
    fix="check what the object is; apply the change the guide's table gives for that method if it is Motor's",
)
AWAIT_COMMENT = rule(
    "await-comment",
    "migration-checklist",
    "a call to await, on a line whose comment speaks of awaiting",
    "the comment was written for Motor's call, which is not awaited; awaited, the line would contradict it",
    fix="rewrite the comment for PyMongo Async (or drop it), then await the call",
)
NOT_ASYNC = rule(
    "not-in-async-function",
    "migration-checklist",
    "an ``await`` is needed where the code is not in an ``async def``",
    "await is only allowed inside async def",
    fix="make the enclosing function ``async def`` and await the call, or move the call into one",
)
UNKNOWN_MOTOR = rule(
    "unknown-motor-name",
    "migration-client",
    "a part of ``motor`` the converter does not know",
    "only Motor's client, database, collection, cursor, session, GridFS and encryption classes "
    "map to PyMongo",
    fix="find its PyMongo Async counterpart in the guide, or remove it",
)


def cannot_do():
    """The report-only rules, as (what, manual fix, guide anchor), in table order."""
    return [(r.what, r.fix, r.anchor) for r in RULES.values() if not r.automatic]
