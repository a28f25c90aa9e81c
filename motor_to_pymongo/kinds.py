"""What kind of Motor object an expression gives, and which names hold Motor objects.

The converter changes a method call only when it can tell that the receiver
is a Motor object, and this module is how it tells. It knows:

* a call of a Motor class (``AsyncIOMotorClient(uri)``) gives that class's kind;
* an attribute or item of a client is a database, of a database a collection,
  of a collection a sub-collection, except the members the tables below name;
* the methods in ``RESULTS`` give the kind they list (``find()`` on a
  collection gives a cursor, ``sort()`` on a cursor gives it back, ...);
* ``await x`` gives what ``x`` gives (``await client.start_session()``);
* a name holds the kind of what was last assigned to it in the same function
  (or at module level, or, for ``self.x``, in the same class): ``x = ...``,
  ``x: T = ...``, ``with ... as x``, ``for x in ...``, and a parameter
  annotated with a Motor class.

Limits, said plainly: the flow is the text's order, not the program's (a name
assigned in one branch counts in the other); a function's return value, an
argument passed to an unannotated parameter, a container's item and an
attribute of anything but ``self`` are unknown. A changed method on an
unknown receiver is reported for a person to check, never rewritten.
"""

CLIENT_MEMBERS = frozenset(
    "HOST PORT address arbiters bulk_write close codec_options drop_database get_database "
    "get_default_database get_io_loop io_loop is_mongos is_primary list_database_names list_databases "
    "nodes options primary read_concern read_preference secondaries server_info start_session "
    "topology_description watch wrap write_concern delegate".split()
)
DATABASE_MEMBERS = frozenset(
    "aggregate client codec_options command create_collection cursor_command dereference drop_collection "
    "get_collection get_io_loop list_collection_names list_collections name read_concern read_preference "
    "validate_collection watch with_options wrap write_concern delegate".split()
)
COLLECTION_MEMBERS = frozenset(
    "aggregate aggregate_raw_batches bulk_write codec_options count_documents create_index create_indexes "
    "create_search_index create_search_indexes delete_many delete_one distinct drop drop_index drop_indexes "
    "drop_search_index estimated_document_count find find_one find_one_and_delete find_one_and_replace "
    "find_one_and_update find_raw_batches full_name get_io_loop index_information insert_many insert_one "
    "list_indexes list_search_indexes name options read_concern read_preference rename replace_one "
    "update_many update_one update_search_index watch with_options wrap write_concern database "
    "delegate".split()
)

CURSORS = ("cursor", "command_cursor", "grid_out_cursor")
_CURSOR_CHAIN = (
    "sort limit skip batch_size hint max_time_ms max_await_time_ms collation comment where max min "
    "max_scan allow_disk_use clone".split()
)

# (receiver kind, method) -> the kind of what the call gives (awaited or not).
RESULTS = {
    ("client", "get_database"): "database",
    ("client", "get_default_database"): "database",
    ("client", "start_session"): "session",
    ("client", "watch"): "change_stream",
    ("database", "get_collection"): "collection",
    ("database", "create_collection"): "collection",
    ("database", "with_options"): "database",
    ("database", "aggregate"): "command_cursor",
    ("database", "watch"): "change_stream",
    ("database", "list_collections"): "command_cursor",
    ("collection", "with_options"): "collection",
    ("collection", "find"): "cursor",
    ("collection", "find_raw_batches"): "cursor",
    ("collection", "aggregate"): "command_cursor",
    ("collection", "aggregate_raw_batches"): "command_cursor",
    ("collection", "list_indexes"): "command_cursor",
    ("collection", "list_search_indexes"): "command_cursor",
    ("collection", "watch"): "change_stream",
    ("command_cursor", "batch_size"): "command_cursor",
    ("bucket", "open_download_stream"): "grid_out",
    ("bucket", "open_download_stream_by_name"): "grid_out",
    ("bucket", "open_upload_stream"): "grid_in",
    ("bucket", "open_upload_stream_with_id"): "grid_in",
    ("bucket", "find"): "grid_out_cursor",
    **{("cursor", name): "cursor" for name in _CURSOR_CHAIN},
    **{("grid_out_cursor", name): "grid_out_cursor" for name in _CURSOR_CHAIN},
}

# (receiver kind, attribute) -> kind, for attributes that are not sub-objects by name.
ATTRIBUTES = {
    ("database", "client"): "client",
    ("collection", "database"): "database",
}


def attribute_kind(receiver, name):
    """The kind of ``receiver.name`` read as an attribute (not called)."""
    if (receiver, name) in ATTRIBUTES:
        return ATTRIBUTES[receiver, name]
    if name.startswith("_"):
        return None
    if receiver == "client" and name not in CLIENT_MEMBERS:
        return "database"
    if receiver == "database" and name not in DATABASE_MEMBERS:
        return "collection"
    if receiver == "collection" and name not in COLLECTION_MEMBERS:
        return "collection"
    return None


ITEMS = {"client": "database", "database": "collection", "collection": "collection"}


class Scopes:
    """Names that hold Motor objects, innermost scope last.

    Each scope is (kind, names, is_async); kind is "module", "class" or
    "function". A bare name is looked up in the innermost function, then at
    module level (Python does not look in class bodies); ``self.x`` is looked
    up in the innermost class.
    """

    def __init__(self, module_names=None, top_level_await=False):
        self.stack = [("module", dict(module_names or {}), top_level_await)]

    def push(self, kind, is_async=False):
        self.stack.append((kind, {}, is_async))

    def pop(self):
        self.stack.pop()

    @property
    def module_names(self):
        return self.stack[0][1]

    def bind(self, key, kind):
        scope_kind, names, _ = self.stack[-1]
        if key.startswith("self."):
            for scope_kind, names, _ in reversed(self.stack):  # noqa: B007 - the loop finds `names`
                if scope_kind == "class":
                    break
            else:
                names = self.stack[-1][1]
        if kind is None:
            names.pop(key, None)
        else:
            names[key] = kind

    def lookup(self, key):
        innermost = self.stack[-1][1]
        for scope_kind, names, _ in reversed(self.stack):
            if scope_kind == "class" and names is not innermost and not key.startswith("self."):
                continue
            if key in names:
                return names[key]
        return None

    def in_async_function(self):
        return self.stack[-1][2]


# Motor methods that return an asyncio Future (PyMongo Async's return a coroutine): read from
# Motor's Async attribute factories; tests/test_converter_rules.py checks them against the installed Motor.
FUTURE_METHODS = {
    "client": frozenset("bulk_write drop_database list_database_names list_databases server_info".split()),
    "database": frozenset(
        "command create_collection dereference drop_collection list_collection_names list_collections "
        "validate_collection".split()
    ),
    "collection": frozenset(
        "bulk_write count_documents create_index create_indexes create_search_index create_search_indexes "
        "delete_many delete_one distinct drop drop_index drop_indexes drop_search_index "
        "estimated_document_count find_one find_one_and_delete find_one_and_replace find_one_and_update "
        "index_information insert_many insert_one options rename replace_one update_many update_one "
        "update_search_index".split()
    ),
    "cursor": frozenset("distinct explain to_list next".split()),
    "command_cursor": frozenset("to_list next".split()),
    "session": frozenset("abort_transaction commit_transaction end_session".split()),
    "bucket": frozenset(
        "delete download_to_stream download_to_stream_by_name open_download_stream "
        "open_download_stream_by_name rename upload_from_stream upload_from_stream_with_id".split()
    ),
    "grid_out": frozenset("read readchunk readline".split()),
    "grid_in": frozenset("abort close set write writelines".split()),
}
