"""The Tornado flavour of an asyncio example: only Motor's module and class names change."""

import ast
import inspect
import textwrap

import motor.motor_asyncio
import motor.motor_tornado
import pytest

from motor_to_pymongo import SyntaxProblem
from tested_examples.runner.converted import PageConverter
from tested_examples.sphinx_ext.tornado_flavor import Derivation, NotDerivable, class_names, derive

ASYNCIO_CLASSES = sorted(
    name
    for name, value in inspect.getmembers(motor.motor_asyncio, inspect.isclass)
    if name.startswith("AsyncIOMotor")
)


def public_methods(cls):
    return {name for name, value in inspect.getmembers(cls) if not name.startswith("_") and callable(value)}


# -- The table of names ----------------------------------------------------------


def test_the_installed_motor_has_the_classes_the_pages_use():
    # Guards the tests below against an empty introspection.
    assert {"AsyncIOMotorClient", "AsyncIOMotorCollection", "AsyncIOMotorCursor"} <= set(ASYNCIO_CLASSES)


def test_the_table_maps_every_asyncio_class_of_motor():
    assert sorted(class_names()) == ASYNCIO_CLASSES


@pytest.mark.parametrize("asyncio_name", ASYNCIO_CLASSES)
def test_each_class_maps_to_its_tornado_twin_with_the_same_methods(asyncio_name):
    tornado_name = class_names()[asyncio_name]
    assert tornado_name == "Motor" + asyncio_name.removeprefix("AsyncIOMotor")
    asyncio_class = getattr(motor.motor_asyncio, asyncio_name)
    tornado_class = getattr(motor.motor_tornado, tornado_name)
    assert inspect.isclass(tornado_class) and tornado_class is not asyncio_class
    assert public_methods(asyncio_class), f"{asyncio_name} has no public methods to compare"
    assert public_methods(tornado_class) == public_methods(asyncio_class)


def test_no_two_classes_share_a_tornado_name():
    names = list(class_names().values())
    assert len(set(names)) == len(names)


# -- What derive changes ---------------------------------------------------------

DERIVED_LINES = {
    "from-import": (
        "from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase",
        "from motor.motor_tornado import MotorClient, MotorDatabase",
    ),
    "import-module": ("import motor.motor_asyncio", "import motor.motor_tornado"),
    "import-module-as": ("import motor.motor_asyncio as motor_io", "import motor.motor_tornado as motor_io"),
    "from-motor-import-module": ("from motor import motor_asyncio", "from motor import motor_tornado"),
    "module-attribute": (
        'client = motor_asyncio.AsyncIOMotorClient("mongodb://localhost:27017")',
        'client = motor_tornado.MotorClient("mongodb://localhost:27017")',
    ),
    "dotted-attribute": (
        "client = motor.motor_asyncio.AsyncIOMotorClient()",
        "client = motor.motor_tornado.MotorClient()",
    ),
    "annotations": (
        "def orders(db: AsyncIOMotorDatabase) -> AsyncIOMotorCollection:",
        "def orders(db: MotorDatabase) -> MotorCollection:",
    ),
    "string-annotation": (
        'async def work(session: "AsyncIOMotorClientSession") -> None:',
        'async def work(session: "MotorClientSession") -> None:',
    ),
    "longest-name": (
        "cursor: AsyncIOMotorGridOutCursor = bucket.find()",
        "cursor: MotorGridOutCursor = bucket.find()",
    ),
    "comment": (
        "# An AsyncIOMotorCursor fetches documents in batches.",
        "# An MotorCursor fetches documents in batches.",
    ),
}


@pytest.mark.parametrize("case", DERIVED_LINES)
def test_derive_renames_motors_module_and_classes(case):
    source, expected = DERIVED_LINES[case]
    assert derive(source) == Derivation(expected, True)


# Words that only contain a Motor name are someone else's: a whole word is renamed or nothing.
UNTOUCHED = [
    "wrapper = MyAsyncIOMotorClientWrapper()",
    "_AsyncIOMotorClient = None",
    "from helpers import my_motor_asyncio",
    "my_motor_asyncio.connect()",
    "import motor_asyncio_compat",
    "from motor.motor_asyncio_extras import thing",
    "motor_asyncio_settings = {}",
    "NotAsyncIOMotorClient = 1",
]


@pytest.mark.parametrize("line", UNTOUCHED)
def test_words_that_merely_contain_a_motor_name_are_left_alone(line):
    assert derive(line) == Derivation(line, False)


def test_a_word_that_starts_like_a_motor_class_is_not_guessed_at():
    # AsyncIOMotorClientWrapper is no class of Motor's: renaming only its prefix
    # would be a guess, so the author writes that tab.
    with pytest.raises(NotDerivable) as caught:
        derive("import asyncio\n\nclient = AsyncIOMotorClientWrapper()\n")
    assert caught.value.line_offset == 2
    assert "AsyncIOMotorClientWrapper" in str(caught.value)


def test_a_comment_naming_the_bare_prefix_is_not_derivable():
    # "AsyncIOMotor" alone is no class either.
    with pytest.raises(NotDerivable) as caught:
        derive("# the AsyncIOMotor classes")
    assert caught.value.line_offset == 0


SCRIPT = textwrap.dedent(
    '''\
    """Store a file, then list what the bucket holds."""

    import asyncio

    import motor.motor_asyncio
    from motor import motor_asyncio
    from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket

    URI = "mongodb://localhost:27017"


    async def files(bucket: AsyncIOMotorGridFSBucket) -> list:
        cursor: motor_asyncio.AsyncIOMotorGridOutCursor = bucket.find()
        return [grid_out.filename async for grid_out in cursor]


    async def main():
        client = AsyncIOMotorClient(URI)
        other = motor.motor_asyncio.AsyncIOMotorClient(URI)
        session: motor_asyncio.AsyncIOMotorClientSession = await client.start_session()
        bucket = AsyncIOMotorGridFSBucket(client.files)
        await bucket.upload_from_stream("a.txt", b"data")
        print(await files(bucket))
        await session.end_session()
        other.close()
        client.close()


    asyncio.run(main())
    '''
)

DERIVED_SCRIPT = textwrap.dedent(
    '''\
    """Store a file, then list what the bucket holds."""

    import asyncio

    import motor.motor_tornado
    from motor import motor_tornado
    from motor.motor_tornado import MotorClient, MotorGridFSBucket

    URI = "mongodb://localhost:27017"


    async def files(bucket: MotorGridFSBucket) -> list:
        cursor: motor_tornado.MotorGridOutCursor = bucket.find()
        return [grid_out.filename async for grid_out in cursor]


    async def main():
        client = MotorClient(URI)
        other = motor.motor_tornado.MotorClient(URI)
        session: motor_tornado.MotorClientSession = await client.start_session()
        bucket = MotorGridFSBucket(client.files)
        await bucket.upload_from_stream("a.txt", b"data")
        print(await files(bucket))
        await session.end_session()
        other.close()
        client.close()


    asyncio.run(main())
    '''
)


def test_derive_rewrites_a_whole_script_line_for_line():
    derivation = derive(SCRIPT)
    assert derivation == Derivation(DERIVED_SCRIPT, True)
    assert derivation.text.count("\n") == SCRIPT.count("\n")


def test_every_changed_line_differs_only_in_motor_names():
    derived = derive(SCRIPT).text.split("\n")
    renames = {**class_names(), "motor_asyncio": "motor_tornado"}
    for source_line, derived_line in zip(SCRIPT.split("\n"), derived, strict=True):
        for old, new in renames.items():
            source_line = source_line.replace(old, new)
        assert derived_line == source_line


def imports_motor(node):
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] == "motor"
    return isinstance(node, ast.Import) and all(a.name.split(".")[0] == "motor" for a in node.names)


def motor_names_bound(code):
    """The names the code imports from Motor, by running just those import statements."""
    namespace = {}
    for node in ast.parse(code).body:
        if imports_motor(node):
            exec(compile(ast.Module([node], []), "<derived>", "exec"), namespace)
    namespace.pop("__builtins__", None)
    return namespace


def module_attributes(code, namespace):
    """Every ``a.b.c`` in the code whose root is a module its imports bound."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Attribute):
            root = node
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and inspect.ismodule(namespace.get(root.id)):
                yield ast.unparse(node)


def test_a_derived_script_compiles_and_every_motor_name_it_uses_exists_in_motor_tornado():
    derived = derive(SCRIPT).text
    compile(SCRIPT, "<asyncio>", "exec")
    compile(derived, "<tornado>", "exec")
    namespace = motor_names_bound(derived)
    assert namespace["motor_tornado"] is motor.motor_tornado
    assert namespace["MotorClient"] is motor.motor_tornado.MotorClient
    assert namespace["MotorGridFSBucket"] is motor.motor_tornado.MotorGridFSBucket
    # Attribute use resolves too, the way the annotations and calls above spell it.
    used = sorted(set(module_attributes(derived, namespace)))
    assert used == [
        "motor.motor_tornado",
        "motor.motor_tornado.MotorClient",
        "motor_tornado.MotorClientSession",
        "motor_tornado.MotorGridOutCursor",
    ]
    for expression in used:
        value = eval(expression, dict(namespace))
        assert value is motor.motor_tornado or value.__module__ == "motor.motor_tornado", expression


# -- What derive refuses ---------------------------------------------------------


def test_an_unknown_motor_name_is_refused_at_its_line():
    text = "import asyncio\n\nfrom motor.motor_asyncio import AsyncIOMotorClient\n\nx = AsyncIOMotorNope()\n"
    with pytest.raises(NotDerivable) as caught:
        derive(text)
    assert caught.value.line_offset == 4
    assert str(caught.value) == (
        "AsyncIOMotorNope is no class of the installed Motor's motor_asyncio, so its Tornado name is unknown"
    )


ASYNCIO_ONLY = {
    "motor.aiohttp": "from motor.aiohttp import AIOHTTPGridFS",
    "from motor import aiohttp": "from motor import aiohttp",
    "motor.frameworks.asyncio": "import motor.frameworks.asyncio",
}


@pytest.mark.parametrize("part", ASYNCIO_ONLY)
def test_an_asyncio_only_part_of_motor_is_refused_at_its_line(part):
    text = f"import asyncio\n{ASYNCIO_ONLY[part]}\n"
    with pytest.raises(NotDerivable) as caught:
        derive(text)
    assert caught.value.line_offset == 1
    assert str(caught.value) == f"{part} is for asyncio only: write the Tornado tab by hand"


def test_motor_aiohttp_is_refused_even_where_the_line_has_derivable_names():
    with pytest.raises(NotDerivable) as caught:
        derive("from motor.motor_asyncio import AsyncIOMotorClient\napp = motor.aiohttp.AIOHTTPGridFS(db)")
    assert caught.value.line_offset == 1


@pytest.mark.parametrize(
    "text",
    ["", "print('hello')\n", "import asyncio\n\n\nasync def main():\n    return 42\n", "import motor\n"],
)
def test_text_without_motor_names_is_unchanged(text):
    assert derive(text) == Derivation(text, False)


# -- Known gaps (see the report that came with these tests) ----------------------


def test_motor_asyncio_imported_beside_another_name_is_renamed_with_its_uses():
    text = "from motor import core, motor_asyncio\n\nclient = motor_asyncio.AsyncIOMotorClient()"
    expected = "from motor import core, motor_tornado\n\nclient = motor_tornado.MotorClient()"
    assert derive(text) == Derivation(expected, True)


def test_motor_aiohttp_imported_beside_another_name_is_refused():
    with pytest.raises(NotDerivable):
        derive("from motor import motor_asyncio, aiohttp")


# -- The site's own derived examples ---------------------------------------------


def test_every_derived_example_on_the_site_is_its_asyncio_source_derived(manifest):
    checked = 0
    # The asyncio twin sits at the same file and line: on the same page, or, for
    # a fragment a page shows derived only (the Tornado tutorial's), on another.
    by_place = {(e.source, e.line): e for e in manifest.examples() if e.flavor == "asyncio"}
    for page in manifest.pages_with_examples():
        # The PyMongo Async tabs are converted with one converter per page, in page order.
        converter, converted = PageConverter(), {}
        # A conversion reaches no example before it, so past the page's last derived
        # PyMongo Async tab there is nothing to compare one with (the proof run converts them all).
        last = max((i for i, e in enumerate(page.examples) if is_derived_pymongo_async(e)), default=-1)
        for index, example in enumerate(page.examples):
            if example.derived_from is None:
                if example.flavor in (None, "asyncio") and index < last:
                    converted[(example.source, example.line)] = feed(converter, example.code, example.context)
                continue
            assert example.derived_from == "asyncio", example.key
            source = by_place[(example.source, example.line)]
            place = (source.source, source.line)
            if place not in converted and index <= last:  # a fragment this page shows derived only
                converted[place] = feed(converter, source.code, source.context)
            if example.flavor == "PyMongo Async":  # converted by motor_to_pymongo: no Motor left in it
                assert example.code == converted[place], example.key
                assert "motor" not in example.code, example.key
                continue
            assert example.flavor == "Tornado", example.key
            assert example.code == derive(source.code).text, example.key
            if example.context == "script":
                compile(example.code, example.location, "exec")
                namespace = motor_names_bound(example.code)
                assert not any(
                    getattr(value, "__name__", "") == "motor.motor_asyncio"
                    or getattr(value, "__module__", "") == "motor.motor_asyncio"
                    for value in namespace.values()
                ), example.key
            checked += 1
    assert checked, "the site derives no Tornado example"


def is_derived_pymongo_async(example):
    return example.derived_from is not None and example.flavor == "PyMongo Async"


def feed(converter, code, kind):
    try:
        return converter.convert(code, kind)[0]
    except SyntaxProblem:
        return None
