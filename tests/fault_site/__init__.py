"""One temporary copy of the site whose pages are the cases of the build's and the runner's tests.

A case is a page, with any fragment or code file it needs, or a change to one
of the site's own files. A fault case must make the build report it at its
file and line; any other case must build without a word, for the tests that
read its HTML or its collected examples, or run them. The cases are:

* ``build_cases``: broken pages and data, how collection sees a page,
  MongoDB's own page;
* ``runner_cases``: examples the runner must fail, or pass;
* ``flavor_cases``: ``.. flavors::`` tab sets, good and broken.

All of them are built in one Sphinx run, once per test run however many
pytest-xdist workers ask (``site_build.shared_copy_build``). ``--keep-going``
reports each page's warnings apart, so a test reads only those that name its
own case's files; tests/test_fault_site.py checks that every fault case draws
its warnings and that no warning names anything else. A fault that stops the
whole build would leave the others untested: test it apart.
"""

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tested_examples.pytest_plugin import RUN_ID
from tested_examples.site_build import shared_copy_build, test_build_dir

from . import build_cases, flavor_cases, runner_cases


def gather(*groups):
    """Every case by name, refusing two cases of one name or one file."""
    cases, owner = {}, {}
    for group in groups:
        for name, case in group.items():
            assert name not in cases, f"two cases are called {name!r}"
            for path in [*case.files, *(path for path, _ in case.edits)]:
                assert path not in owner, f"{path} belongs to cases {owner[path]!r} and {name!r}"
                owner[path] = name
            cases[name] = case
    return cases


CASES = gather(build_cases.CASES, runner_cases.CASES, flavor_cases.CASES)


def index_page():
    """The root page, with every page of every case in its (hidden) table of contents."""
    pages = sorted(path[: -len(".rst")] for case in CASES.values() for path in case.files if is_page(path))
    entries = "".join(f"   {page}\n" for page in pages)
    return f"Cases\n=====\n\n.. toctree::\n   :hidden:\n\n{entries}"


def is_page(path):
    # Fragments under includes/ are excluded from the build, as on the site.
    return path.endswith(".rst") and not path.startswith("includes/")


def write_cases(root):
    (root / "index.rst").write_text(index_page(), encoding="utf-8")
    for case in CASES.values():
        for path, text in case.files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        for path, change in case.edits:
            (root / path).write_text(change((root / path).read_text(encoding="utf-8")), encoding="utf-8")


def site_dir():
    """Beside the suite's own build, never inside it: that one is made afresh."""
    build_dir = test_build_dir()
    return build_dir.with_name(build_dir.name + "-fault-site")


def built():
    """The copy of the site with every case, built once per test run."""
    return FaultSite(shared_copy_build(site_dir(), os.environ[RUN_ID], write_cases))


# "file:line: LEVEL: message"; a page's nested text adds its own line ("file:1:14: ..."), and the
# file's is the first.
WARNING = re.compile(
    r"^(?:(?P<path>[^:\s][^:]*?):(?P<line>\d+)(?::\d+)*: )?"
    r"(?P<level>WARNING|ERROR|SEVERE|CRITICAL): (?P<message>.*)$"
)


@dataclass(frozen=True)
class BuildWarning:
    path: str | None  # relative to the copy's root, or None for a warning that names no file
    line: int | None
    level: str
    message: str  # with its continuation lines


class FaultSite:
    """The built copy: its sources, its build, and its warnings by file."""

    def __init__(self, build):
        self.build = build
        self.root = build.srcdir

    @cached_property
    def manifest(self):
        return self.build.manifest()

    @cached_property
    def warnings(self):
        entries = []
        for text in self.build.warnings.splitlines():
            match = WARNING.match(text)
            if match:
                line = match["line"] and int(match["line"])
                entries.append([self.relative(match["path"]), line, match["level"], match["message"]])
            elif entries and text.strip():
                entries[-1][3] += "\n" + text
            elif text.strip():
                entries.append([None, None, None, text])
        return [BuildWarning(*entry) for entry in entries]

    def relative(self, path):
        if path is None:
            return None
        path = Path(path).resolve()
        root = self.root.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def warnings_at(self, path):
        """(line, level, message) of each warning that names *path*, a file of the copy."""
        return [(w.line, w.level, w.message) for w in self.warnings if w.path == path]

    def warnings_of(self, case):
        """Every warning that names a file the case called *case* adds, changes or warns at."""
        case = CASES[case]
        paths = {*case.files, *(path for path, _ in case.edits), *case.warns_at}
        return [w for w in self.warnings if w.path in paths]

    def line_of(self, path, text):
        """The number of the one line of *path* that reads exactly *text*."""
        lines = (self.root / path).read_text(encoding="utf-8").split("\n")
        numbers = [number for number, line in enumerate(lines, 1) if line == text]
        assert len(numbers) == 1, f"{text!r} is on lines {numbers} of {path}"
        return numbers[0]
