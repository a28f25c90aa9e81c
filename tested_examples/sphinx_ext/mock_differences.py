"""``.. mock-differences::``: the table of examples a live server runs and the mock cannot.

One row per page and reason: how many of the page's examples carry that
``:exempt-mock:`` reason, and in which flavours. The rows are derived while
the site builds, from the examples it has just collected, by the runner's
own rules (an example is listed when the mock tier skips it for a reason of
its own and the live tier runs it), so the table says what the test suite
does and needs no file of its own.
"""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..runner.page_runs import page_runs
from ..runner.tiers import MockTier
from .collector import site_manifest
from .page_records import keep_per_page

TABLE_CLASS = "mock-differences"


def derive_rows(manifest):
    """The table's rows for a ``schema.Manifest``."""
    mock = MockTier()
    found = {}  # (page, reason) -> {"examples": set of indexes, "flavors": set}
    for page in manifest.pages_with_examples():
        for run in page_runs(page):
            if run.flavor in mock.flavor_exemptions:
                continue  # a whole flavour without a mock says nothing about the mock's behaviour
            for example in run.examples:
                reason = mock.exemption(example, run.flavor)
                if (
                    not reason
                    or example.exempt.get("live")
                    or mock.categorical_exemption(example, run.flavor)
                ):
                    continue
                row = found.setdefault((page.docname, reason), {"examples": set(), "flavors": set()})
                row["examples"].add(example.index)
                if run.flavor:
                    row["flavors"].add(run.flavor)
    order = {name: i for i, name in enumerate(manifest.flavors)}
    return [
        {
            "page": page,
            "reason": reason,
            "examples": len(row["examples"]),
            "flavors": sorted(row["flavors"], key=order.get),
        }
        for (page, reason), row in sorted(found.items())
    ]


class mock_differences_table(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where the table goes, once every page has been read."""


class MockDifferencesDirective(SphinxDirective):
    has_content = False

    def run(self):
        self.env.mock_difference_pages[self.env.docname] = True
        node = mock_differences_table()
        self.set_source_info(node)
        return [node]


def text_cell(text):
    entry = nodes.entry()
    entry += nodes.paragraph(text=text)
    return entry


def page_cell(app, from_docname, docname, title):
    entry = nodes.entry()
    uri = app.builder.get_relative_uri(from_docname, docname)
    entry += nodes.paragraph("", "", nodes.reference("", title, internal=True, refuri=uri))
    return entry


def examples_text(row):
    count = f"{row['examples']} example" + ("s" if row["examples"] != 1 else "")
    return f"{count} ({', '.join(row['flavors'])})" if row["flavors"] else count


def table(app, docname, rows, titles):
    if not rows:
        return nodes.paragraph(text="Every example runs on the mock as it does on a server.")
    result = nodes.table(classes=[TABLE_CLASS])
    group = nodes.tgroup(cols=3)
    result += group
    for width in (30, 50, 20):
        group += nodes.colspec(colwidth=width)
    head, header = nodes.thead(), nodes.row()
    for title in ("Page", "What the mock does instead", "Examples"):
        header += text_cell(title)
    head += header
    group += head
    body = nodes.tbody()
    for row in rows:
        line = nodes.row()
        line += page_cell(app, docname, row["page"], titles[row["page"]])
        line += text_cell(row["reason"])
        line += text_cell(examples_text(row))
        body += line
    group += body
    return result


def fill_tables(app, doctree, docname):
    placeholders = list(doctree.findall(mock_differences_table))
    if not placeholders:
        return
    manifest = site_manifest(app)
    rows = derive_rows(manifest)
    titles = {name: page.title for name, page in manifest.pages.items()}
    for placeholder in placeholders:
        placeholder.replace_self(table(app, docname, rows, titles))


def rewrite_with_others(app, env, added, changed, removed):
    """A page's exemptions feed the table: when any page changes, the table's page is rewritten."""
    pages = getattr(env, "mock_difference_pages", {})
    return sorted(set(pages) - set(removed)) if added or changed or removed else []


def setup(app):
    app.add_node(mock_differences_table)
    app.add_directive("mock-differences", MockDifferencesDirective)
    keep_per_page(app, "mock_difference_pages")
    app.connect("env-get-outdated", rewrite_with_others)
    app.connect("doctree-resolved", fill_tables)
