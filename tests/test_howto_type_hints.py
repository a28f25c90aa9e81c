"""The type hints guide: mypy agrees with everything the page says about types.

* Every script on the page, in every flavour, is taken from the build's
  manifest and checked by one ``mypy --strict`` run. Only the deliberate
  mistake may have errors, and they are the ones the page shows.
* Each mypy output the page quotes (``:quoted-from: mypy``) is what its
  command prints, run as the reader runs it: the captioned example saved
  under its caption, and the command shown in the block.
* The table of Motor classes that take a type argument is what the installed
  Motor does: at run time (subscripting the class) and in its stubs (mypy).
* The page's claims that its examples do not show, on cursors, clients and
  PyMongo's classes, are checked in the same mypy run.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import bson
import motor
import motor.motor_asyncio
import motor.motor_tornado
import pymongo
import pymongo.asynchronous.collection
import pymongo.asynchronous.command_cursor
import pymongo.asynchronous.cursor
import pymongo.asynchronous.database
import pytest

from tested_examples.site_build import ROOT
from tested_examples.site_build import test_build_dir as suite_build_dir

PAGE = "source/howto/type-hints"
MISTAKE = ('"year": "1975"', '"year": 1975')  # the page's mistake, and its fix
PYMONGO_GENERICS = {
    "AsyncMongoClient": pymongo.AsyncMongoClient,
    "AsyncDatabase": pymongo.asynchronous.database.AsyncDatabase,
    "AsyncCollection": pymongo.asynchronous.collection.AsyncCollection,
    "AsyncCursor": pymongo.asynchronous.cursor.AsyncCursor,
    "AsyncCommandCursor": pymongo.asynchronous.command_cursor.AsyncCommandCursor,
}
PYMONGO_MODULES = {
    "AsyncMongoClient": "pymongo",
    "AsyncDatabase": "pymongo.asynchronous.database",
    "AsyncCollection": "pymongo.asynchronous.collection",
    "AsyncCursor": "pymongo.asynchronous.cursor",
    "AsyncCommandCursor": "pymongo.asynchronous.command_cursor",
}

# What mypy must say of the claims the page makes in prose.
CLAIMS = """
import motor.motor_asyncio
import pymongo
import pymongo.asynchronous.collection
from typing import Any, TypedDict


class Movie(TypedDict):
    title: str
    year: int


async def motor_loop(movies: motor.motor_asyncio.AsyncIOMotorCollection[Movie]) -> None:
    async for movie in movies.find():
        reveal_type(movie)  # CLAIM motor-async-for-any
    reveal_type(await movies.find().to_list())  # CLAIM motor-to-list-typed


async def pymongo_loop(movies: pymongo.asynchronous.collection.AsyncCollection[Movie]) -> None:
    async for movie in movies.find():
        reveal_type(movie)  # CLAIM pymongo-async-for-typed


def clients(
    typed: motor.motor_asyncio.AsyncIOMotorClient[Movie],
    dicts: motor.motor_asyncio.AsyncIOMotorClient[dict[str, Any]],
) -> None:
    reveal_type(typed.db.movies)  # CLAIM client-type-reaches-collections
    refused: motor.motor_asyncio.AsyncIOMotorCollection[Movie] = dicts.db.movies  # CLAIM dict-client-refused
"""
EXPECTED_CLAIMS = {
    "motor-async-for-any": 'note: Revealed type is "Any"',
    "motor-to-list-typed": 'note: Revealed type is "list[TypedDict(claims.Movie',
    "pymongo-async-for-typed": 'note: Revealed type is "TypedDict(claims.Movie',
    "client-type-reaches-collections": (
        'note: Revealed type is "motor.motor_asyncio.AsyncIOMotorCollection[TypedDict(claims.Movie'
    ),
    "dict-client-refused": "error: Incompatible types in assignment",
}
NO_TYPE_ARGUMENTS = "expects no type arguments"

# One worker runs the module, so that the mypy run below is made once per test run.
pytestmark = pytest.mark.xdist_group("mypy")


def mypy(args, cwd, cache_dir):
    """mypy's output for *args*, run in *cwd* as a reader would run it."""
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(cache_dir), "--show-traceback", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr or done.stdout
    return done.stdout


def messages_by_file(output):
    """file -> [(line, message)] from mypy's output lines."""
    found = {}
    for line in output.splitlines():
        if match := re.match(r"^(?P<file>[\w.]+):(?P<line>\d+): (?P<message>.*)$", line):
            found.setdefault(match["file"], []).append((int(match["line"]), match["message"]))
    return found


def probe_lines():
    """One annotation per class, named so that mypy's complaint can be traced back."""
    lines = ["from typing import Any", "import motor.motor_asyncio", "import motor.motor_tornado"]
    lines += [f"import {module}" for module in sorted(set(PYMONGO_MODULES.values()))]
    probes = {}
    for module in (motor.motor_asyncio, motor.motor_tornado):
        for name in module.__all__:
            probes[(module.__name__, name)] = f"{module.__name__}.{name}"
    for name, module in PYMONGO_MODULES.items():
        probes[("pymongo", name)] = f"{module}.{name}"
    where = {}
    for key, dotted in probes.items():
        lines.append(f"probe_{len(where)}: {dotted}[dict[str, Any]]")
        where[len(lines)] = key
    return "\n".join(lines) + "\n", where


@pytest.fixture(scope="module")
def page(manifest):
    return manifest.pages[PAGE]


@pytest.fixture(scope="module")
def checked(page, tmp_path_factory):
    """One mypy run over every script on the page, the probe and the claims."""
    work = tmp_path_factory.mktemp("mypy")
    # Kept beside the suite's build from one run to the next: mypy checks Motor's and PyMongo's
    # stubs once, not in every run, and checks again whatever changed (mypy's own incremental mode).
    cache = suite_build_dir() / "mypy-cache"
    cache.mkdir(parents=True, exist_ok=True)
    files = {}
    for example in page.examples:
        if example.context == "script":
            name = f"example_{example.index}.py"
            (work / name).write_text(example.code, encoding="utf-8")
            files[name] = example
            if MISTAKE[0] in example.code:
                fixed = example.code.replace(*MISTAKE)
                (work / f"fixed_{example.index}.py").write_text(fixed, encoding="utf-8")
    probe, probe_where = probe_lines()
    (work / "probe.py").write_text(probe, encoding="utf-8")
    (work / "claims.py").write_text(CLAIMS, encoding="utf-8")
    names = sorted(p.name for p in work.glob("*.py"))
    output = mypy(["--strict", *names], work, cache)
    return {
        "files": files,
        "messages": messages_by_file(output),
        "output": output,
        "probe_where": probe_where,
        "work": work,
        "cache": cache,
    }


def quoted_runs(page):
    runs = [q for q in page.quoted_messages if q["run"] == "mypy"]
    assert runs, f"{PAGE} quotes no mypy output, so nothing checks it"
    return runs


def test_every_script_on_the_page_passes_mypy_but_the_mistake(page, checked):
    examples = checked["files"]
    assert len(examples) >= 6, "expected every flavour of every script on the page"
    mistakes = [name for name, e in examples.items() if MISTAKE[0] in e.code]
    assert mistakes, "the page's deliberate mistake has gone: update MISTAKE"
    for name, example in examples.items():
        errors = [m for _, m in checked["messages"].get(name, []) if m.startswith("error:")]
        if name in mistakes:
            assert errors, f"{example.location}: mypy no longer finds the deliberate mistake"
        else:
            assert errors == [], f"{example.location} [{example.flavor}]: {errors}"
    for name in mistakes:
        fixed = f"fixed_{name.removeprefix('example_')}"
        assert fixed not in checked["messages"], f"the fixed mistake still has errors: {checked['output']}"


def test_each_quoted_mypy_output_is_what_its_command_prints(page, checked, tmp_path):
    """Run each shown command on the example it names, saved as the reader saves it."""
    shown = set()
    commands = set()
    for quoted in quoted_runs(page):
        command, *printed = quoted["text"].strip().splitlines()
        assert command.startswith("$ mypy "), f"{quoted['where']}: a mypy block starts with its command"
        commands.add(command)
        shown.add((command, "\n".join(printed)))
    printed = set()
    for command in commands:
        args = shlex.split(command.removeprefix("$ "))[1:]
        saved_as = [a for a in args if a.endswith(".py")]
        captioned = [e for e in checked["files"].values() if e.caption in saved_as]
        assert captioned, f"no example on the page is saved as {saved_as} (its :caption:)"
        for example in captioned:
            run_dir = tmp_path / f"run_{example.index}"
            run_dir.mkdir()
            (run_dir / example.caption).write_text(example.code, encoding="utf-8")
            printed.add((command, mypy(args, run_dir, checked["cache"]).rstrip("\n")))
    # Every flavour's output is on the page, and the page shows nothing else.
    assert shown == printed


def table_rows(page_source):
    text = (ROOT / page_source).read_text(encoding="utf-8")
    rows = re.findall(r"^   \* - ``(\w+)``\n     - (yes|no)\n     - (yes|no)$", text, re.MULTILINE)
    return {name: (runtime == "yes", stubs == "yes") for name, runtime, stubs in rows}


def refused_type_arguments(checked):
    """The (module, class) pairs whose type argument mypy refused in the probe."""
    messages = checked["messages"].get("probe.py", [])
    return {checked["probe_where"][line] for line, message in messages if NO_TYPE_ARGUMENTS in message}


def takes_type_argument_at_run_time(cls):
    try:
        cls[dict]
    except TypeError:
        return False
    return True


def test_the_table_of_generic_motor_classes_is_the_installed_motor(page, checked):
    rows = table_rows(page.source)
    assert set(rows) == set(motor.motor_asyncio.__all__), "the table lists Motor's public asyncio classes"
    refused = refused_type_arguments(checked)
    for name, (runtime, stubs) in rows.items():
        twin = name.replace("AsyncIOMotor", "Motor")
        for module, cls_name in ((motor.motor_asyncio, name), (motor.motor_tornado, twin)):
            cls = getattr(module, cls_name)
            assert takes_type_argument_at_run_time(cls) == runtime, f"{cls_name} at run time"
            assert ((module.__name__, cls_name) not in refused) == stubs, f"{cls_name} for mypy"
    # "At run time AsyncIOMotorCollection[Movie] is the class itself."
    collection = motor.motor_asyncio.AsyncIOMotorCollection
    assert collection[dict] is collection


def test_motor_ships_stubs_and_pymongo_its_annotations():
    motor_dir = Path(motor.__file__).parent
    assert (motor_dir / "py.typed").exists()
    assert {"core.pyi", "motor_asyncio.pyi", "motor_tornado.pyi"} <= {p.name for p in motor_dir.glob("*.pyi")}
    for package in (pymongo, bson):
        assert (Path(package.__file__).parent / "py.typed").exists(), package.__name__


def test_pymongos_classes_take_a_type_argument(checked):
    refused = refused_type_arguments(checked)
    for name, cls in PYMONGO_GENERICS.items():
        assert takes_type_argument_at_run_time(cls), f"{name} at run time"
        assert ("pymongo", name) not in refused, f"{name} for mypy"


def test_the_claims_the_page_makes_in_prose(checked):
    lines = CLAIMS.splitlines()
    said = dict(checked["messages"].get("claims.py", []))
    for number, line in enumerate(lines, start=1):
        if "# CLAIM " in line:
            claim = line.split("# CLAIM ")[1]
            assert EXPECTED_CLAIMS[claim] in said.get(number, ""), f"{claim}: mypy said {said.get(number)!r}"
