"""The pages and their examples, as the Sphinx build collected them."""

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Example:
    docname: str
    index: int
    context: str  # "script" or "repl"
    code: str
    source: str
    line: int
    flavor: str | None
    exempt: dict = field(default_factory=dict)
    timeout: float | None = None
    module: str | None = None
    output: str | None = None
    output_source: str | None = None
    output_line: int | None = None

    @property
    def location(self):
        return f"{self.source}:{self.line}"

    @property
    def key(self):
        return f"{self.docname}#{self.index}"


@dataclass(frozen=True)
class Page:
    docname: str
    title: str
    html: str
    source: str
    examples: tuple

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
    pages: dict

    def pages_with_examples(self):
        return [page for page in self.pages.values() if page.examples]


def load_manifest(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return manifest_from_data(data)


def manifest_from_data(data):
    pages = {}
    for docname, page in data["pages"].items():
        examples = tuple(
            Example(
                docname=docname,
                index=e["index"],
                context=e["context"],
                code=e["code"],
                source=e["source"],
                line=e["line"],
                flavor=e["flavor"],
                exempt=dict(e.get("exempt") or {}),
                timeout=e.get("timeout"),
                module=e.get("module"),
                output=e.get("output"),
                output_source=e.get("output_source"),
                output_line=e.get("output_line"),
            )
            for e in page["examples"]
        )
        pages[docname] = Page(docname, page["title"], page["html"], page["source"], examples)
    return Manifest(tuple(data["flavors"]), pages)
