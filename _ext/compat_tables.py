"""Compatibility tables drawn from ``data/compatibility.toml``, and the tested-stack footer.

Authoring vocabulary:

``.. compat-table:: KIND``
    A table, its key and its sources. KIND is ``mongodb`` or ``python`` (a
    grid: one row per Motor release, one column per version), ``pymongo`` or
    ``tornado`` (one column per source), ``pymongo-needs`` (what the
    installed PyMongo needs) or ``stack`` (what this site installs).
    ``:caption:`` replaces the default caption.
``.. compat-differences:: KIND``
    A list of every entry on which the sources disagree.
``.. compat-sources::``
    Every source the data file cites, linked, with its known defects.
``:tested-stack:`KEY```
    One version of the installed stack, such as ``pymongo`` -> 4.20.1 or
    ``pymongo-min-server`` -> 4.4 (see ``compat_stack.read_tested_stack``).

The grids end with a row for the pair this site installs, and every page's
footer names the stack its examples run on; both come from the installed
packages at build time. At the start of each build the data file's rows for
the installed Motor and PyMongo are checked against those packages, and each
disagreement is a warning (so an error under ``-W``) naming its row and field.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from markupsafe import Markup, escape
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import compat_data
from .compat_data import CLAIM_KINDS, MATRIX_KINDS, TEXT_KINDS
from .compat_render import (
    BLANK_LABEL,
    COLUMN_LABELS,
    TABLE_KINDS,
    build_table,
    claim_words,
    differences,
    display_specifier,
    table_html,
)
from .compat_stack import check_against_stack, combined_python_floor, read_tested_stack

logger = logging.getLogger(__name__)

COMPATIBILITY_PAGE = "source/compatibility"
EXAMPLE_LANGUAGES = {"python", "python3", "py", "py3", "pycon", "pycon3"}
_cache = {}


class compat_table(nodes.General, nodes.Element):
    """A compatibility table; its child is a plain table for builders other than HTML."""


def data_path(config, srcdir):
    return Path(srcdir) / config.compat_data_file


def load_data(path):
    """The parsed data file, read again only when it changes."""
    stamp = path.stat().st_mtime_ns
    if _cache.get(path, (None,))[0] != stamp:
        _cache[path] = (stamp, compat_data.load(path))
    return _cache[path][1]


def rst_escape(text):
    for char in "\\*`|_":
        text = text.replace(char, "\\" + char)
    return text


class CompatDirective(SphinxDirective):
    required_arguments = 1

    def data(self):
        path = data_path(self.config, self.env.srcdir)
        self.env.note_dependency(str(path))
        try:
            return load_data(path)
        except (OSError, ValueError) as error:
            logger.warning("cannot read the compatibility data: %s", error, location=self.get_location())
            return None

    def parse_rst(self, lines):
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="compat-table"), self.content_offset, container)
        return container.children

    def sources_lines(self, data, source_ids, kind=None):
        sources = [data.sources[source] for source in source_ids]
        links = [f"`{rst_escape(source.label)} <{source.url}>`__" for source in sources]
        line = "Sources: " + ", ".join(links) + "."
        if kind and len(sources) > 1:
            if not differences(kind, data):
                line += " They agree on every entry of this table."
            elif self.env.docname != COMPATIBILITY_PAGE and COMPATIBILITY_PAGE in self.env.found_docs:
                line += (
                    f" Where they disagree, a cell shows both; the :doc:`compatibility page"
                    f" </{COMPATIBILITY_PAGE}>` lists every such entry."
                )
            else:
                line += " Where they disagree, a cell shows both."
        return [".. rst-class:: compat-sources", "", line, ""]


class CompatTableDirective(CompatDirective):
    """``.. compat-table:: KIND``: one table, its key, and where its facts come from."""

    option_spec = {"caption": directives.unchanged_required}

    def run(self):
        kind = self.arguments[0]
        if kind not in TABLE_KINDS:
            logger.warning(
                "compat-table: unknown kind %r; use one of %s",
                kind,
                ", ".join(TABLE_KINDS),
                location=self.get_location(),
            )
            return []
        data = self.data()
        if data is None:
            return []
        stack = self.config.compat_tested_stack
        table = build_table(kind, data, stack)
        table["caption"] = self.options.get("caption", table["caption"])
        node = compat_table(table=table, ids=[f"compat-{kind}-{self.env.new_serialno('compat-table')}"])
        node += fallback_table(table)
        self.set_source_info(node)
        return [node, *self.parse_rst(self.notes(kind, data, stack))]

    def notes(self, kind, data, stack):
        if kind in MATRIX_KINDS:
            return (
                self.legend_lines(data.legends[kind])
                + self.tested_row_lines(kind, stack)
                + self.sources_lines(data, data.sources_of(kind), kind)
            )
        if kind in TEXT_KINDS:
            return self.sources_lines(data, data.sources_of(kind), kind)
        if kind == "pymongo-needs":
            used = {release.source for release in data.pymongo}
            return self.sources_lines(data, [source for source in data.sources if source in used])
        return [
            "Read from the installed packages' metadata, from ``pymongo.common`` and from the",
            "SecantusDB package each time the site is built.",
            "",
        ]

    @staticmethod
    def legend_lines(legend):
        lines = [".. rst-class:: compat-legend", ""]
        for mark in legend.values():
            symbol = mark.symbol or BLANK_LABEL
            lines.append(f"- {rst_escape(symbol)}: {rst_escape(mark.words)}")
        return lines + [""]

    @staticmethod
    def tested_row_lines(kind, stack):
        motor, pymongo = stack["motor"], stack["pymongo"]
        if kind == "mongodb":
            reason = (
                f"PyMongo {pymongo} refuses servers older than MongoDB {stack['pymongo-min-server']}, "
                f"so those are marked as not working whatever Motor {motor} could do with an older PyMongo."
            )
        else:
            reason = (
                f"Motor {motor} declares Python {stack['motor-python']} but PyMongo {pymongo} declares "
                f"{stack['pymongo-python']}, so the pair needs Python "
                f"{combined_python_floor(stack)} or later."
            )
        return [
            f"The last row is the pair this site installs, read from the installed packages when "
            f"the site was built. {rst_escape(reason)}",
            "",
        ]


class CompatDifferencesDirective(CompatDirective):
    """``.. compat-differences:: KIND``: every entry on which the sources disagree."""

    def run(self):
        kind = self.arguments[0]
        if kind not in CLAIM_KINDS:
            logger.warning("compat-differences: unknown kind %r", kind, location=self.get_location())
            return []
        data = self.data()
        if data is None:
            return []
        if len(data.sources_of(kind)) < 2:
            return self.parse_rst(["Only one source gives this table's facts.", ""])
        found = differences(kind, data)
        if not found:
            return self.parse_rst(["The sources agree on every entry of this table.", ""])
        lines = [".. rst-class:: compat-differences", ""]
        for release, column, answers in found:
            where = f"Motor {release}" + (f" with {COLUMN_LABELS[kind]} {column}" if column else "")
            said = "; ".join(f"{source}: {words}" for source, words in answers)
            lines.append(f"- {rst_escape(where)}: {rst_escape(said)}.")
        return self.parse_rst(lines + [""])


class CompatSourcesDirective(CompatDirective):
    """``.. compat-sources::``: every source the data file cites, with what to watch for."""

    required_arguments = 0

    def run(self):
        data = self.data()
        if data is None:
            return []
        lines = [".. rst-class:: compat-source-list", ""]
        for source in data.sources.values():
            caveat = f" {rst_escape(source.caveat)}" if source.caveat else ""
            lines.append(
                f"- **{rst_escape(source.label)}**: `{rst_escape(source.title)} <{source.url}>`__.{caveat}"
            )
        return self.parse_rst(lines + [""])


def tested_stack_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    stack = inliner.document.settings.env.config.compat_tested_stack
    key = text.strip()
    if key == "pymongo-python-floor":
        return [nodes.Text(combined_python_floor(stack))], []
    if key == "motor-pymongo":
        return [nodes.Text(display_specifier(stack[key]))], []
    if key not in stack:
        message = f"unknown tested-stack key {key!r}; use one of {', '.join(sorted(stack))}"
        error = inliner.reporter.error(message, line=lineno)
        return [inliner.problematic(rawtext, rawtext, error)], [error]
    return [nodes.Text(stack[key])], []


def fallback_table(table):
    """The same table as plain docutils nodes, for search and for non-HTML builders."""
    width = len(table["columns"]) + 1
    group = nodes.tgroup(cols=width)
    group += [nodes.colspec(colwidth=1, stub=1 if index == 0 else 0) for index in range(width)]

    def entry(text, **attributes):
        item = nodes.entry(**attributes)
        item += nodes.paragraph(text=text)
        return item

    head = nodes.row()
    head += [entry(text) for text in (table["corner"], *table["columns"])]
    body = nodes.tbody()
    for row in table["rows"]:
        line = nodes.row()
        line += entry(row["header"])
        for each in row["cells"]:
            attributes = {"morecols": each["colspan"] - 1} if each["colspan"] > 1 else {}
            words = "; ".join(
                (f"{claim['source']}: " if claim["source"] else "") + claim_words(claim)
                for claim in each["claims"]
            )
            line += entry(words, **attributes)
        body += line
    group += nodes.thead("", head)
    group += body
    result = nodes.table(classes=["compat"])
    result += nodes.title(text=table["caption"])
    result += group
    return result


def visit_compat_table_html(translator, node):
    translator.body.append(table_html(node["table"], node["ids"][0]))
    raise nodes.SkipNode


def visit_passthrough(translator, node):
    pass


# -- Build hooks ------------------------------------------------------------------


def read_stack(app, config):
    # Always read, never taken from conf.py: the point is that nobody types it.
    config.compat_tested_stack = read_tested_stack()


def check_data(app):
    path = data_path(app.config, app.srcdir)
    try:
        data = load_data(path)
    except (OSError, ValueError) as error:
        logger.warning("cannot read the compatibility data: %s", error, type="compat", location=str(path))
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in data.problems + check_against_stack(data, app.config.compat_tested_stack):
        where = nodes.Element()
        where.source, where.line = str(path), problem_line(lines, problem)
        logger.warning("%s", problem, type="compat", subtype="data", location=where)


def problem_line(lines, problem):
    """The line of *problem*'s field in the data file, else of its row; None if neither is found."""
    table, _, release = problem.row.partition(" ")
    header = row_line = None
    for number, line in enumerate(lines, 1):
        text = line.replace(" ", "")
        if row_line is None:
            if text == f"[[{table}]]":
                header = number
            elif header and text == f'release="{release}"':
                row_line = header
        elif text.startswith("[["):
            break
        elif text.split("=", 1)[0] == problem.field:
            return number
    return row_line


def footer_html(stack, has_examples, compatibility_url):
    subject = "The examples on this page are" if has_examples else "This page has no examples; the site's are"
    text = escape(
        f"{subject} tested with Motor {stack['motor']}, PyMongo {stack['pymongo']}, "
        f"Tornado {stack['tornado']} and Python {stack['python']}, on a mock ({stack['mock']}) and "
        f"against the embedded {stack['live-server']} server, which reports MongoDB "
        f"{stack['live-server-version']}."
    )
    link = (
        Markup(' <a href="{}">Versions and compatibility</a>').format(compatibility_url)
        if compatibility_url
        else ""
    )
    return Markup('<p class="compat-footer">{}{}</p>').format(text, link)


def add_footer(app, pagename, templatename, context, doctree):
    has_examples = doctree is not None and any(
        block.get("language") in EXAMPLE_LANGUAGES for block in doctree.findall(nodes.literal_block)
    )
    url = context["pathto"](COMPATIBILITY_PAGE) if COMPATIBILITY_PAGE in app.env.found_docs else None
    context["tested_stack_footer"] = footer_html(app.config.compat_tested_stack, has_examples, url)


def setup(app):
    app.add_config_value("compat_data_file", "data/compatibility.toml", "env", types=frozenset({str}))
    app.add_config_value("compat_tested_stack", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", read_stack)
    app.connect("builder-inited", check_data)
    app.connect("html-page-context", add_footer)
    passthrough = (visit_passthrough, visit_passthrough)
    app.add_node(
        compat_table,
        html=(visit_compat_table_html, None),
        latex=passthrough,
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
    app.add_directive("compat-table", CompatTableDirective)
    app.add_directive("compat-differences", CompatDifferencesDirective)
    app.add_directive("compat-sources", CompatSourcesDirective)
    app.add_role("tested-stack", tested_stack_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
