"""The stack this site's examples run on, read from what is installed.

Nothing here is typed by hand: versions come from the packages' metadata,
PyMongo's supported server range from ``pymongo.common``, and the server the
live tier talks to from the embedded SecantusDB package, which keeps the
MongoDB version it reports (in ``buildInfo`` and ``hello``) as constants in
``secantus.commands``. ``tests/test_compatibility.py`` starts that server and
checks that the constants are what it reports on the wire.

``check_against_stack`` compares the data file's claims about the installed
releases with that stack.
"""

import ast
import importlib.util
import platform
import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from .compat_data import Problem, dotted, version_tuple

LOWER_BOUND_OPERATORS = (">=", "==", "~=")


def requirement_on(distribution, name):
    """The specifier *distribution* declares on *name*, such as ``>=4.9,<5.0``."""
    for line in metadata.requires(distribution) or []:
        requirement = Requirement(line)
        if requirement.name.lower() == name and requirement.marker is None:
            return str(requirement.specifier)
    raise LookupError(f"{distribution} does not require {name}")


def lower_bound(specifier):
    """``">=3.9"`` -> ``"3.9"``: the oldest version a specifier allows."""
    bounds = [spec.version for spec in SpecifierSet(specifier) if spec.operator in LOWER_BOUND_OPERATORS]
    if not bounds:
        raise ValueError(f"{specifier!r} has no lower bound")
    return dotted(max(version_tuple(bound) for bound in bounds))


def minor(version):
    """``"3.7.1"`` -> ``"3.7"``."""
    return ".".join(version.split(".")[:2])


def read_tested_stack():
    """A flat dict of strings, so Sphinx can keep it as a config value and compare builds."""
    import pymongo.common

    server = server_constants("SERVER_VERSION", "WIRE_VERSION")

    motor_python = metadata.metadata("motor")["Requires-Python"]
    return {
        "motor": metadata.version("motor"),
        "pymongo": metadata.version("pymongo"),
        "tornado": metadata.version("tornado"),
        "python": platform.python_version(),
        "motor-python": str(SpecifierSet(motor_python)),
        "motor-pymongo": requirement_on("motor", "pymongo"),
        "pymongo-python": str(SpecifierSet(metadata.metadata("pymongo")["Requires-Python"])),
        "tornado-python": str(SpecifierSet(metadata.metadata("tornado")["Requires-Python"])),
        "pymongo-min-server": pymongo.common.MIN_SUPPORTED_SERVER_VERSION,
        "pymongo-min-wire": str(pymongo.common.MIN_SUPPORTED_WIRE_VERSION),
        "pymongo-max-wire": str(pymongo.common.MAX_SUPPORTED_WIRE_VERSION),
        "live-server": f"SecantusDB {metadata.version('SecantusDB')}",
        "live-server-version": server["SERVER_VERSION"],
        "live-wire": str(server["WIRE_VERSION"]),
        "mock": f"mongomock-motor {metadata.version('mongomock-motor')}",
    }


def server_constants(*names):
    """The embedded server's constants *names*, read from ``secantus/commands.py`` without importing it.

    Importing the server takes about half a second, which every build,
    however small, would pay, and so would parsing the whole module; each
    constant is a plain literal on a line of its own.
    """
    package = importlib.util.find_spec("secantus")
    source = Path(package.submodule_search_locations[0], "commands.py").read_text(encoding="utf-8")
    found = {}
    for name in names:
        assignment = re.search(rf"^{name} = (.+)$", source, re.MULTILINE)
        if assignment is None:
            raise LookupError(f"secantus/commands.py no longer sets {name}")
        found[name] = ast.literal_eval(assignment.group(1))
    return found


def combined_python_floor(stack):
    """The oldest Python on which the installed Motor and PyMongo both install."""
    floors = (lower_bound(stack["motor-python"]), lower_bound(stack["pymongo-python"]))
    return dotted(max(version_tuple(floor) for floor in floors))


def check_against_stack(data, stack):
    """Problems where the data file's rows for the installed releases contradict *stack*."""
    problems = []
    motor_row = data.motor_release(minor(stack["motor"]))
    if motor_row is None:
        row = f"motor {minor(stack['motor'])}"
        problems.append(Problem(row, "release", "has no row, but it is installed"))
    else:
        problems += _check_motor_row(motor_row, stack)
    pymongo_row = data.pymongo_release(minor(stack["pymongo"]))
    if pymongo_row is None:
        row = f"pymongo {minor(stack['pymongo'])}"
        problems.append(Problem(row, "release", "has no row, but it is installed"))
    else:
        problems += _check_pymongo_row(pymongo_row, stack)
    return problems


def _check_motor_row(row, stack):
    problems = []
    name = f"motor {row.version}"
    installed = f"motor {stack['motor']}"
    python_floor = lower_bound(stack["motor-python"])
    for source, versions in row.claims.get("python", {}).items():
        if versions.lowest() != version_tuple(python_floor):
            problems.append(
                Problem(
                    name,
                    f"python.{source}",
                    f"starts at {dotted(versions.lowest())}, but {installed} declares "
                    f"Requires-Python {stack['motor-python']}",
                )
            )
    allowed = SpecifierSet(stack["motor-pymongo"])
    pymongo_floor = version_tuple(lower_bound(stack["motor-pymongo"]))
    for source, versions in row.claims.get("pymongo", {}).items():
        where = f"pymongo.{source}"
        outside = [term.text for term in versions.terms if not _term_within(term, allowed)]
        if outside:
            problems.append(
                Problem(name, where, f"{', '.join(outside)} is outside what {installed} requires: {allowed}")
            )
        elif versions.open_ended() and versions.lowest() != pymongo_floor:
            problems.append(
                Problem(
                    name,
                    where,
                    f"says {versions.words()}, but {installed} requires pymongo{allowed}",
                )
            )
    for source, versions in row.claims.get("tornado", {}).items():
        if not versions.contains(stack["tornado"]):
            problems.append(
                Problem(
                    name,
                    f"tornado.{source}",
                    f"says {versions.words()}, but tornado {stack['tornado']} is installed",
                )
            )
    return problems


def _term_within(term, specifier):
    """Whether both ends of *term* are versions *specifier* allows."""
    ends = [term.low] if term.high is None else [term.low, term.high]
    return all(specifier.contains(dotted(end)) for end in ends)


def _check_pymongo_row(row, stack):
    problems = []
    name = f"pymongo {row.version}"
    installed = f"pymongo {stack['pymongo']}"
    python_floor = lower_bound(stack["pymongo-python"])
    if row.python and row.python.lowest() != version_tuple(python_floor):
        problems.append(
            Problem(
                name,
                "python",
                f"says {row.python.words()}, "
                f"but {installed} declares Requires-Python {stack['pymongo-python']}",
            )
        )
    server_floor = stack["pymongo-min-server"]
    if row.mongodb and row.mongodb.lowest() != version_tuple(server_floor):
        problems.append(
            Problem(
                name,
                "mongodb",
                f"says {row.mongodb.words()}, "
                f"but {installed} has MIN_SUPPORTED_SERVER_VERSION {server_floor}",
            )
        )
    return problems
