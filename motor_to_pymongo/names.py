"""Motor's classes, what each becomes in PyMongo Async, and what kind of object it makes.

The table is written out rather than read from an installed Motor, so that the
converter runs where Motor is already gone; tests/test_converter_rules.py
checks it against the installed Motor (every class of motor.motor_asyncio and
motor.motor_tornado) and the installed PyMongo (every target imports).
"""

from dataclasses import dataclass

ASYNCIO_MODULE = "motor.motor_asyncio"
TORNADO_MODULE = "motor.motor_tornado"
MOTOR_MODULES = (ASYNCIO_MODULE, TORNADO_MODULE)
# Parts of motor with no PyMongo counterpart.
WEB_MODULES = ("motor.web", "motor.aiohttp")


@dataclass(frozen=True)
class Target:
    module: str
    name: str
    kind: str  # what kind of object the class makes (see kinds.py)
    rule: str  # the rule that renames it

    @property
    def dotted(self):
        return f"{self.module}.{self.name}"


_SUFFIXES = {
    "Client": Target("pymongo", "AsyncMongoClient", "client", "class-import"),
    "Database": Target("pymongo.asynchronous.database", "AsyncDatabase", "database", "class-import"),
    "Collection": Target("pymongo.asynchronous.collection", "AsyncCollection", "collection", "class-import"),
    "Cursor": Target("pymongo.asynchronous.cursor", "AsyncCursor", "cursor", "class-import"),
    "CommandCursor": Target(
        "pymongo.asynchronous.command_cursor", "AsyncCommandCursor", "command_cursor", "class-import"
    ),
    "LatentCommandCursor": Target(
        "pymongo.asynchronous.command_cursor", "AsyncCommandCursor", "command_cursor", "class-import"
    ),
    "ChangeStream": Target(
        "pymongo.asynchronous.change_stream", "AsyncChangeStream", "change_stream", "class-import"
    ),
    "ClientSession": Target(
        "pymongo.asynchronous.client_session", "AsyncClientSession", "session", "class-import"
    ),
    "ClientEncryption": Target(
        "pymongo.asynchronous.encryption", "AsyncClientEncryption", "encryption", "encryption-class"
    ),
    "GridFSBucket": Target("gridfs", "AsyncGridFSBucket", "bucket", "gridfs-class"),
    "GridIn": Target("gridfs", "AsyncGridIn", "grid_in", "gridfs-class"),
    "GridOut": Target("gridfs", "AsyncGridOut", "grid_out", "gridfs-class"),
    "GridOutCursor": Target("gridfs", "AsyncGridOutCursor", "grid_out_cursor", "gridfs-class"),
}

# Every Motor class name, asyncio (AsyncIOMotorX) and Tornado (MotorX), to its target.
CLASSES = {
    prefix + suffix: target for suffix, target in _SUFFIXES.items() for prefix in ("AsyncIOMotor", "Motor")
}
