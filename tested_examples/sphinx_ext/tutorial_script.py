"""Offer a tutorial page as one Python script, built from its tested blocks.

A tutorial is a REPL session spread over many blocks. ``.. tutorial-script::
name.py`` puts a download link on the page; at the end of an HTML build the
script is written next to the page's HTML file (never into the sources). Put
the directive inside a ``group-tab``: the script then holds the blocks of that
flavour and the blocks outside any tab set, in page order, which are exactly
the blocks the example runner runs for that flavour.

In the script:

* the REPL blocks become the body of ``async def run_tutorial()``, so that
  top-level ``await`` keeps working; a statement whose value the page shows
  as the REPL's echo is wrapped in ``echo(...)``, which prints it as the REPL
  does, so the script prints what the page shows;
* a ``:module: name`` block (a file the reader saves) goes to the top of the
  script without its ``if __name__ == "__main__":`` part, and the REPL's
  ``from name import ...`` lines become comments;
* a block exempt from the live tier is left out, with a comment saying why.

Script blocks (run as ``python file.py``) and REPL blocks that expect an
exception cannot be merged this way; they are reported as build warnings.
"""

import ast
import posixpath
import re
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..runner import repl
from .page_records import keep_per_page
from .tabs import flavor_of

logger = logging.getLogger(__name__)

ENTRY_POINT = "run_tutorial"
ECHO = "echo"
CONNECTION_STRING = re.compile(r"""["'](mongodb(?:\+srv)?://[^"']*|<your MongoDB[^"'>]*>)["']""")


class tutorial_script_link(nodes.Inline, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where the download link goes; replaced by a real link when the page is written."""


class TutorialScriptDirective(SphinxDirective):
    """``.. tutorial-script:: name.py``: a link to this page's steps as one script."""

    required_arguments = 1
    has_content = False

    def run(self):
        filename = self.arguments[0]
        if "/" in filename or "\\" in filename or not filename.endswith(".py"):
            raise self.error(f"tutorial-script takes a plain file name ending in .py, not {filename!r}")
        link = tutorial_script_link(filename=filename)
        self.set_source_info(link)
        return [nodes.paragraph("", "Download ", link)]


# -- Reading pages -------------------------------------------------------------


def record_scripts(app, doctree):
    """Note the scripts a page offers."""
    env = app.env
    links = list(doctree.findall(tutorial_script_link))
    if not links:
        return
    page_has_flavors = any(
        flavor_of(b, app.config.example_flavors) for b in doctree.findall(nodes.literal_block)
    )
    scripts = []
    for link in links:
        flavor = flavor_of(link, app.config.example_flavors)
        if page_has_flavors and flavor is None:
            logger.warning(
                "this page's examples come in flavours: put one tutorial-script in each flavour's tab",
                location=link,
                type="tutorial-script",
                subtype="flavor",
            )
        scripts.append({"filename": link["filename"], "flavor": flavor, "line": link.line})
    env.tutorial_scripts[env.docname] = scripts


def output_path(docname, filename):
    """Where a script goes, relative to the HTML output: beside its page."""
    return posixpath.join(posixpath.dirname(docname), filename)


def check_unique_names(app, env):
    owners = {}
    for docname, scripts in sorted(env.tutorial_scripts.items()):
        for script in scripts:
            path = output_path(docname, script["filename"])
            if path in owners and owners[path] != (docname, script["flavor"]):
                logger.warning(
                    "tutorial script %s is also offered by %s",
                    path,
                    owners[path][0],
                    location=(docname, script["line"]),
                    type="tutorial-script",
                    subtype="duplicate",
                )
            owners[path] = (docname, script["flavor"])


# -- Writing pages ---------------------------------------------------------------


def resolve_links(app, doctree, docname):
    """Turn each placeholder into a download link to the script beside the page."""
    page_uri = app.builder.get_target_uri(docname)
    for link in list(doctree.findall(tutorial_script_link)):
        filename = link["filename"]
        target = relative_uri(page_uri, output_path(docname, filename))
        literal = nodes.literal(filename, filename, classes=["xref", "download"])
        link.replace_self(addnodes.download_reference("", "", literal, refuri=target, reftarget=filename))


def write_scripts(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    env = app.env
    for docname, scripts in sorted(env.tutorial_scripts.items()):
        examples = env.example_blocks.get(docname, [])
        title = env.titles[docname].astext() if docname in env.titles else docname
        for script in scripts:
            text, problems = build_script(title, script["filename"], script["flavor"], examples)
            for example, problem in problems:
                logger.warning(
                    "tutorial script %s: %s",
                    script["filename"],
                    problem,
                    location=(docname, example.line),
                    type="tutorial-script",
                    subtype="example",
                )
            path = Path(app.outdir) / output_path(docname, script["filename"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# -- Building a script -------------------------------------------------------------


def build_script(title, filename, flavor, examples):
    """The text of the script for *flavor*, and the problems met on the way.

    *examples* are the page's ``schema.Example`` records, in page order.
    """
    problems = []
    modules, body = [], []
    module_names = {e.module for e in examples if e.module}
    last_section = None
    for example in examples:
        if example.flavor not in (None, flavor):
            continue
        section = example.section
        if "live" in example.exempt:
            body += ["", f"# Left out here, as in the tests on a real server: {example.exempt['live']}"]
            continue
        if example.module:
            modules.append(module_section(example, section))
            continue
        if example.context != "repl":
            problems.append((example, "only REPL blocks and :module: blocks can go into a tutorial script"))
            continue
        if section != last_section:
            body += ["", f"# {section}"]
            last_section = section
        lines, block_problems = repl_block_as_code(example.code, module_names)
        body += lines
        problems += [(example, p) for p in block_problems]
    code = "\n".join(body).strip("\n") + "\n"
    header = docstring(title, filename, flavor, "\n".join(modules) + code) + "\n\nimport asyncio"
    parts = [
        header,
        *modules,
        ECHO_FUNCTION,
        f"async def {ENTRY_POINT}():\n" + textwrap.indent(code, "    "),
        f'if __name__ == "__main__":\n    asyncio.run({ENTRY_POINT}())',
    ]
    # Two blank lines between top-level parts, as PEP 8 has it.
    return "\n\n\n".join(part.strip("\n") for part in parts) + "\n", problems


ECHO_FUNCTION = f'''
def {ECHO}(value):
    """Print a value the way the interactive prompt echoes it: its repr, unless it is None."""
    if value is not None:
        print(repr(value))
'''


def docstring(title, filename, flavor, code):
    strings = {}
    for match in CONNECTION_STRING.finditer(code):
        strings[match.group(1)] = strings.get(match.group(1), 0) + 1
    where = "; ".join(f'"{s}" ({n} {"place" if n == 1 else "places"})' for s, n in strings.items())
    lines = [
        f"{title}{f' (the {flavor} tab)' if flavor else ''}, as one script.",
        "",
        f"Run it with `python {filename}`. The steps run in order in {ENTRY_POINT}(), and",
        f"{ECHO}() prints a value as the interactive prompt does, so the script prints",
        "what the tutorial shows.",
    ]
    if where:
        lines += ["", f"It connects to {where}: change that to reach another server."]
    return '"""' + "\n".join(lines) + '\n"""'


def module_section(example, section):
    """A ``:module:`` block as part of the script.

    Its ``__main__`` guard goes, since the script is ``__main__``, and its
    docstring becomes a comment, since a string in mid-script is no docstring.
    """
    code = example.code
    tree = ast.parse(code)
    lines = code.splitlines()
    for node in reversed(tree.body):
        if is_main_guard(node):
            del lines[node.lineno - 1 : node.end_lineno]
    heading = [f"# {example.module}.py" + (f', from "{section}"' if section else "")]
    heading.append("# (the tutorial saves it as a module of its own).")
    doc = ast.get_docstring(tree)
    if doc is not None:
        first = tree.body[0]
        del lines[first.lineno - 1 : first.end_lineno]
        heading += ["#"] + [f"# {line}".rstrip() for line in doc.splitlines()]
    return "\n".join(heading) + "\n\n" + "\n".join(lines).strip() + "\n"


def is_main_guard(node):
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    names = [node.test.left, *node.test.comparators]
    texts = {n.id if isinstance(n, ast.Name) else getattr(n, "value", None) for n in names}
    return texts == {"__name__", "__main__"} and isinstance(node.test.ops[0], ast.Eq)


def repl_block_as_code(code, module_names):
    """The statements of a REPL block as plain code, and what could not be kept."""
    lines, problems = [], []
    for statement in repl.statements(code):
        source = statement.source.rstrip("\n")
        if statement.exception is not None:
            problems.append("a statement that shows a traceback cannot run in a script")
            continue
        try:
            parsed = ast.parse(source).body
        except SyntaxError as exc:
            problems.append(f"cannot parse {source!r}: {exc.msg}")
            continue
        if len(parsed) != 1:
            if statement.want.strip():
                problems.append(f"write one statement per prompt when the page shows its output: {source!r}")
            lines.append(source)
            continue
        node = parsed[0]
        if isinstance(node, ast.ImportFrom) and node.module in module_names:
            names = ", ".join(alias.name for alias in node.names)
            lines.append(f"# {source}  -- {names}: defined above, from {node.module}.py")
        elif isinstance(node, ast.Import) and any(a.name in module_names for a in node.names):
            problems.append(f"use `from module import name` for a page's module: {source!r}")
        elif isinstance(node, ast.Expr) and statement.want.strip() and not is_print_call(node.value):
            lines.append(echoed(source, node.value))
        else:
            lines.append(source)
    return lines, problems


def is_print_call(expression):
    return (
        isinstance(expression, ast.Call)
        and isinstance(expression.func, ast.Name)
        and expression.func.id == "print"
    )


def echoed(source, expression):
    """*source* with its expression wrapped in echo(), keeping any comment after it."""
    segment = ast.get_source_segment(source, expression)
    if len(ast.parse(f"{ECHO}({segment})").body[0].value.args) != 1:
        segment = f"({segment})"  # a bare tuple, such as `a, b`
    lines = source.splitlines()
    after = lines[expression.end_lineno - 1][expression.end_col_offset :]
    before = lines[expression.lineno - 1][: expression.col_offset]
    return f"{before}{ECHO}({segment}){after}"


# -- Environment bookkeeping -----------------------------------------------------------


def setup(app):
    app.add_node(tutorial_script_link)
    app.add_directive("tutorial-script", TutorialScriptDirective)
    keep_per_page(app, "tutorial_scripts")
    app.connect("doctree-read", record_scripts)
    app.connect("env-check-consistency", check_unique_names)
    app.connect("doctree-resolved", resolve_links)
    app.connect("build-finished", write_scripts)
