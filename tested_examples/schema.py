"""The one schema between the build and everything that reads its examples.

The Sphinx side writes a ``Manifest`` to ``examples.json`` beside the HTML
output; the runner, the tutorial scripts, the mock-differences table and the
tests read it back with ``load_manifest``. Nothing else reads that file, so
a field added here reaches every reader at once.
"""

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "examples.json"
TIERS = ("mock", "live")
CONTEXTS = ("script", "repl")


@dataclass(frozen=True)
class Example:
    """One Python block as the reader sees it, and how it is to be checked."""

    docname: str
    index: int  # its place among the page's examples
    context: str  # "script" (run as a file) or "repl" (a >>> session)
    code: str  # exactly the text the page shows
    source: str  # the file the code came from, relative to the site root
    line: int  # the line of that file where the code starts
    flavor: str | None  # the flavour tab that holds it, None outside any tab set
    exempt: dict = field(default_factory=dict)  # tier -> why it does not run there
    timeout: float | None = None
    module: str | None = None  # saved by the reader as module.py, importable later
    output: str | None = None  # what the page shows it printing
    output_source: str | None = None
    output_line: int | None = None
    section: str | None = None  # the title of the section it is in
    derived_from: str | None = None  # the flavour its text was derived from
    # condition -> {"text", "source", "line"}: what the page shows it printing then
    outputs_when: dict = field(default_factory=dict)
    caption: str | None = None  # the block's caption: a saved file's name goes there

    @property
    def location(self):
        return f"{self.source}:{self.line}"

    @property
    def output_location(self):
        return f"{self.output_source}:{self.output_line}"

    @property
    def key(self):
        return f"{self.docname}#{self.index}"


@dataclass(frozen=True)
class Page:
    docname: str
    title: str
    html: str  # its HTML file, relative to the output directory
    source: str
    examples: tuple = ()
    # Blocks that look like output but no run produces, as "file:line": each is a defect.
    untied_outputs: tuple = ()
    # Messages quoted from a named run of the tools (a build with a fault in it):
    # {"run", "text", "source", "line"}; the tests make that run and compare.
    quoted_messages: tuple = ()

    def flavors(self):
        """The flavours the page's examples come in, in page order."""
        seen = []
        for example in self.examples:
            if example.flavor and example.flavor not in seen:
                seen.append(example.flavor)
        return seen


@dataclass(frozen=True)
class Manifest:
    flavors: tuple
    pages: dict  # docname -> Page

    def pages_with_examples(self):
        return [page for page in self.pages.values() if page.examples]

    def examples(self):
        return [example for page in self.pages.values() for example in page.examples]

    def as_data(self):
        return {
            "flavors": list(self.flavors),
            "pages": {
                name: {**_page_data(page), "examples": [_example_data(e) for e in page.examples]}
                for name, page in sorted(self.pages.items())
            },
        }

    def write(self, path):
        text = json.dumps(self.as_data(), indent=1, sort_keys=True, ensure_ascii=False)
        Path(path).write_text(text + "\n", encoding="utf-8")


def _page_data(page):
    # Not dataclasses.asdict(page): it would copy every example deeply, only for the copies to
    # be replaced by _example_data's.
    names = [field.name for field in dataclasses.fields(page) if field.name != "examples"]
    return {name: getattr(page, name) for name in names}


def _example_data(example):
    data = dataclasses.asdict(example)
    del data["docname"]  # the page it sits under says it
    return data


def manifest_from_data(data):
    pages = {}
    for docname, page in data["pages"].items():
        examples = tuple(Example(docname=docname, **e) for e in page["examples"])
        fields = {k: v for k, v in page.items() if k not in ("examples", "docname")}
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
        pages[docname] = Page(docname=docname, examples=examples, **fields)
    return Manifest(tuple(data["flavors"]), pages)


def load_manifest(path):
    return manifest_from_data(json.loads(Path(path).read_text(encoding="utf-8")))
