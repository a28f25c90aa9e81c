"""The table of examples that a live server runs and the mock tier cannot.

``.. mock-differences::`` renders ``data/mock-differences.json``: one row per
page and reason, saying how many of the page's examples carry that
``:exempt-mock:`` reason and in which flavours. The rows are derived from the
examples the build collects, by the example runner's own rules (an example is
listed when the mock tier skips it for a reason of its own and the live tier
runs it), so the table says what the test suite does.
``tests/test_howto_testing.py`` fails when the file and the examples disagree.

Regenerate the file after changing an exemption::

    .venv/bin/python _ext/mock_differences.py

which builds the site into a temporary directory first; with
``--manifest PATH`` it reads the ``examples.json`` of an existing build.
"""

import json
import sys
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

DATA_FILE = Path("data") / "mock-differences.json"
REGENERATE = ".venv/bin/python _ext/mock_differences.py"
TABLE_CLASS = "mock-differences"


# -- Deriving the rows -------------------------------------------------------


def derive_rows(manifest_data):
    """The table's rows for the examples in *manifest_data* (examples.json, parsed)."""
    from example_runner.manifest import manifest_from_data
    from example_runner.page_runs import page_runs
    from example_runner.tiers import MockTier

    mock = MockTier()
    found = {}  # (page, reason) -> {"examples": set of indexes, "flavors": set}
    for page in manifest_from_data(manifest_data).pages_with_examples():
        for run in page_runs(page):
            if run.flavor in mock.flavor_exemptions:
                continue  # a whole flavour without a mock says nothing about the mock's behaviour
            for example in run.examples:
                reason = mock.exemption(example, run.flavor)
                if not reason or example.exempt.get("live"):
                    continue
                row = found.setdefault((page.docname, reason), {"examples": set(), "flavors": set()})
                row["examples"].add(example.index)
                if run.flavor:
                    row["flavors"].add(run.flavor)
    flavor_order = {name: i for i, name in enumerate(manifest_data["flavors"])}
    return [
        {
            "page": page,
            "reason": reason,
            "examples": len(row["examples"]),
            "flavors": sorted(row["flavors"], key=flavor_order.get),
        }
        for (page, reason), row in sorted(found.items())
    ]


def load_rows(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))["rows"]


def write_rows(path, rows):
    data = {"regenerate": REGENERATE, "rows": rows}
    Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# -- Rendering the table -----------------------------------------------------


def text_cell(text):
    entry = nodes.entry()
    entry += nodes.paragraph(text=text)
    return entry


def page_cell(docname):
    """A link to the page, titled as the page is, checked like any :doc: link."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(text=docname),
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=False,
        refwarn=True,
    )
    entry = nodes.entry()
    entry += nodes.paragraph("", "", ref)
    return entry


def examples_text(row):
    count = f"{row['examples']} example" + ("s" if row["examples"] != 1 else "")
    return f"{count} ({', '.join(row['flavors'])})" if row["flavors"] else count


class MockDifferencesDirective(SphinxDirective):
    has_content = False

    def run(self):
        path = Path(self.env.srcdir) / DATA_FILE
        self.env.note_dependency(str(path))
        try:
            rows = load_rows(path)
        except (OSError, ValueError, KeyError) as exc:
            raise self.error(f"cannot read {DATA_FILE}: {exc}; regenerate it with {REGENERATE}") from exc
        if not rows:
            return [nodes.paragraph(text="Every example runs on the mock as it does on a server.")]
        table = nodes.table(classes=[TABLE_CLASS])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (30, 50, 20):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        header = nodes.row()
        for title in ("Page", "What the mock does instead", "Examples"):
            header += text_cell(title)
        head += header
        group += head
        body = nodes.tbody()
        for row in rows:
            line = nodes.row()
            line += page_cell(row["page"])
            line += text_cell(row["reason"])
            line += text_cell(examples_text(row))
            body += line
        group += body
        return [table]


def setup(app):
    app.add_directive("mock-differences", MockDifferencesDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


# -- Command line ------------------------------------------------------------


def main(argv):
    import argparse
    import tempfile

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    parser = argparse.ArgumentParser(
        description="Rewrite data/mock-differences.json from the site's examples."
    )
    parser.add_argument(
        "--manifest", type=Path, help="examples.json of an existing build (default: build now)"
    )
    args = parser.parse_args(argv)
    if args.manifest:
        manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    else:
        from tools.sitebuild import sphinx_build

        with tempfile.TemporaryDirectory(prefix="mock-differences-") as outdir:
            build = sphinx_build(root, outdir)
            if build.returncode != 0:
                sys.exit(f"the site does not build:\n{build.warnings}")
            manifest = build.manifest()
    rows = derive_rows(manifest)
    write_rows(root / DATA_FILE, rows)
    print(f"wrote {len(rows)} rows to {DATA_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
