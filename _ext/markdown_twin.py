"""A Markdown twin of every page, and ``llms.txt`` and ``llms-full.txt``, written by the HTML build.

Coding assistants read Markdown. Each page is written a second time, as
``<docname>.md`` beside its ``<docname>.html``, from the same resolved
doctree the HTML comes from, by sphinx-markdown-builder's translator with
what this site needs on top:

* sphinx-tabs tab sets are flattened: each tab's content follows a bold line
  with its label (``**asyncio**``, ``**Tornado**``, ``**PyMongo Async**``);
* every code block is fenced with its language, its text untouched (the text
  the example runner runs), under its caption in italics if it has one; an
  example's output is a ``text`` block under the caption the HTML shows
  ("Output:", "Output when no server answers:"), which says "(every tab
  above)" when one output below a tab set stands for every tab's example;
* admonitions are GitHub-style alerts (``> [!WARNING]``), definition lists
  are lists, a table cell that spans columns fills each of them, a raw SVG
  diagram is its title and description, comments are left out as the HTML
  leaves them out, and a node the translator does not know is rendered by
  its children;
* links to another page go to that page's twin, relatively; other links keep
  their target, made relative to the twin; each section carries its ids as
  anchors, so ``page.md#id`` links resolve;
* the footer that names the tested stack ends the twin.

At the end of the build, ``llms.txt`` at the output root describes the site
and lists every page, in table-of-contents order under the root toctrees'
captions, with its twin's path and the first sentence of its first
paragraph; ``llms-full.txt`` holds every twin in that order, its links made
relative to the root (that version of each page is kept in the doctree
directory, so an incremental build still has every page).
"""

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx_markdown_builder.contexts import SubContext, SubContextParams, TitleContext, WrappedContext
from sphinx_markdown_builder.escape import escape_markdown_chars
from sphinx_markdown_builder.translator import MarkdownTranslator, pushing_context, pushing_status
from sphinx_tabs.tabs import SphinxTabsTab

from tested_examples.sphinx_ext.collector import is_output_box, tab_set_above
from tested_examples.sphinx_ext.page_records import keep_per_page

logger = logging.getLogger(__name__)

TWIN_SUFFIX = ".md"
LLMS_INDEX = "llms.txt"
LLMS_FULL = "llms-full.txt"
# Where the root-relative version of each twin waits for llms-full.txt, in the doctree directory.
FULL_CACHE = "markdown-twins"

# A block's language as its fence names it: every Python example is python or pycon.
FENCE_LANGUAGES = {
    "python3": "python",
    "py": "python",
    "py3": "python",
    "pycon3": "pycon",
    "none": "text",
    "default": "text",
    "output": "text",
    "": "text",
}
ALERTS = {
    "note": "NOTE",
    "hint": "TIP",
    "tip": "TIP",
    "important": "IMPORTANT",
    "attention": "IMPORTANT",
    "warning": "WARNING",
    "caution": "CAUTION",
    "danger": "CAUTION",
    "error": "CAUTION",
}
SVG_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
SVG_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)
HTML_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
HTML_TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\"'(])")
SUMMARY_LENGTH = 200


def twin_name(docname):
    return docname + TWIN_SUFFIX


def one_line(text):
    return " ".join(text.split())


# -- Links ----------------------------------------------------------------------------


class Links:
    """Link targets as the Markdown of one page wants them.

    *uri_to_doc* maps each page's HTML path (``source/howto/gridfs.html``) to
    its docname. A link to a page becomes a link to its twin; any other
    relative link keeps its file. With *from_root*, targets are relative to
    the output root (for llms-full.txt), else to the twin itself.
    """

    def __init__(self, docname, page_uri, uri_to_doc, from_root=False):
        self.docname = docname
        self.page_dir = posixpath.dirname(page_uri)
        self.uri_to_doc = uri_to_doc
        self.from_root = from_root

    def __call__(self, uri):
        """*uri* as written in the HTML page, for the Markdown."""
        if not uri or urlsplit(uri).scheme or uri.startswith("/"):
            return uri
        path, hash_mark, fragment = uri.partition("#")
        if not path:
            return self.root_path(twin_name(self.docname)) + hash_mark + fragment
        resolved = posixpath.normpath(posixpath.join(self.page_dir, path))
        docname = self.uri_to_doc.get(resolved)
        target = twin_name(docname) if docname is not None else resolved
        return self.root_path(target) + hash_mark + fragment

    def root_path(self, path):
        """A path from the output root, as a link from this page's Markdown."""
        if self.from_root:
            return path
        here = twin_name(self.docname)
        return "" if path == here else relative_uri(here, path)


# -- The translator -------------------------------------------------------------------


class QuoteContext(SubContext):
    """A block quote: every line marked, blank ones too, without trailing spaces."""

    def make(self):
        lines = super().make().split("\n")
        return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


class TwinTranslator(MarkdownTranslator):
    """sphinx-markdown-builder's translator, with this site's nodes and conventions."""

    def __init__(self, document, builder, links):
        super().__init__(document, builder)
        self.links = links

    # Nodes it does not know (the site's own, a theme's): their children carry the text.
    def unknown_visit(self, node):
        logger.debug("markdown twin: rendering the children of %s", node.__class__.__name__)

    def unknown_departure(self, node):
        pass

    def visit_comment(self, node):
        raise nodes.SkipNode

    # -- Sections and titles --

    @pushing_status
    def visit_section(self, node):
        self.ensure_eol(2)
        for anchor in node.get("ids", []):
            self._add_anchor(anchor)
        self._push_status(section_level=self.status.section_level + 1)

    @pushing_context
    def visit_title(self, node):
        parent = node.parent
        if isinstance(parent, nodes.section | nodes.document):
            self._push_context(TitleContext(max(self.status.section_level, 1)))
        elif is_named_admonition(parent) and node.astext().lower() == parent.tagname:
            raise nodes.SkipNode  # "Note" over a note: the alert's own label says it.
        else:
            # A table's caption, an admonition's or a box's title: a bold line.
            first = isinstance(parent, nodes.Admonition | nodes.topic) and parent.index(node) == 0
            self._push_context(WrappedContext("**", "**", params=SubContextParams(1 if first else 2, 2)))

    # -- Tab sets, flattened --

    def visit_SphinxTabsTablist(self, node):  # noqa: N802 - named after the node class
        raise nodes.SkipNode

    visit_SphinxTabsTab = visit_SphinxTabsTablist  # noqa: N815

    def visit_SphinxTabsPanel(self, node):  # noqa: N802
        self.add(f"**{escape_markdown_chars(tab_label(node))}**", prefix_eol=2, suffix_eol=2)

    def depart_SphinxTabsPanel(self, node):  # noqa: N802
        self.ensure_eol(2)

    # -- Code and its output --

    def visit_caption(self, node):
        wrapper = node.parent
        text = escape_markdown_chars(one_line(node.astext()))
        if is_output_box(wrapper):
            below_tabs = any(
                isinstance(child, nodes.literal_block) and tab_set_above(child) is not None
                for child in wrapper.children
            )
            self.add(f"{text} (every tab above):" if below_tabs else f"{text}:", prefix_eol=2, suffix_eol=1)
        else:
            self.add(f"*{text}*", prefix_eol=2, suffix_eol=1)
        raise nodes.SkipNode

    def visit_desc_signature(self, node):
        # An API reference entry: its anchors, so that page.md#name links resolve.
        for anchor in node.get("ids", []):
            self._add_anchor(anchor)
        super().visit_desc_signature(node)

    def visit_literal_block(self, node):
        text = node.astext()
        language = node.get("language") or ""
        if node.get("imported_docstring"):
            language = "text"  # a package's docstring code: shown, never one of the examples run
        language = FENCE_LANGUAGES.get(language, language)
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        # Right under its caption; after anything else, a blank line first.
        captioned = isinstance(node.parent, nodes.container) and any(
            isinstance(child, nodes.caption) for child in node.parent.children[: node.parent.index(node)]
        )
        self.add(f"{fence}{language}\n{text}\n{fence}", prefix_eol=1 if captioned else 2, suffix_eol=2)
        raise nodes.SkipNode

    # -- Admonitions, quotes and boxes --

    def _push_alert(self, kind):
        self._push_context(QuoteContext(SubContextParams(2, 2)))
        if kind:
            self.add(f"[!{kind}]", suffix_eol=1)

    @pushing_context
    def visit_admonition(self, node):
        kind = next((ALERTS[c] for c in node.get("classes", []) if c in ALERTS), "NOTE")
        self._push_alert(kind)

    def _named_admonition(kind):  # noqa: N805 - builds methods at class creation
        @pushing_context
        def visit_alert(self, node):
            self._push_alert(kind)

        return visit_alert

    visit_note = _named_admonition("NOTE")
    visit_hint = visit_tip = _named_admonition("TIP")
    visit_important = visit_attention = _named_admonition("IMPORTANT")
    visit_warning = _named_admonition("WARNING")
    visit_caution = visit_danger = visit_error = _named_admonition("CAUTION")
    del _named_admonition

    @pushing_context
    def visit_seealso(self, node):
        self._push_alert(None)
        if not (node.children and isinstance(node[0], nodes.title)):
            self.add("**See also**", suffix_eol=2)

    @pushing_context
    @pushing_status
    def visit_topic(self, node):
        self._push_status(default_ref_internal=True)
        self._push_alert(None)

    @pushing_context
    def visit_block_quote(self, node):
        self._push_alert(None)

    # -- Definition lists, as lists with the term in bold --

    def visit_definition_list(self, node):
        self._start_list("-")

    def depart_definition_list(self, node):
        self._end_list()

    def visit_definition_list_item(self, node):
        self._start_list_item()

    def depart_definition_list_item(self, node):
        self._end_list_item()
        self.ensure_eol(2)

    @pushing_context
    def visit_term(self, node):
        self._push_context(WrappedContext("**", "**", params=SubContextParams(0, 2)))

    @pushing_context
    def visit_definition(self, node):
        self._push_context(SubContext(SubContextParams(2, 1)))

    # -- Tables: a cell that spans columns fills each of them --

    def depart_entry(self, node):
        self.table_ctx.exit_entry()
        row = self.table_ctx.active_output[-1]
        # One line per cell: a paragraph break becomes <br/>, a line break a space.
        cell = re.sub(r"\n\s*\n", "<br/>", "".join(row[-1]).strip()).replace("\n", " ")
        cell = cell.replace("|", "\\|")
        row[-1] = [cell]
        row.extend([cell] for _ in range(node.get("morecols", 0)))

    # -- Raw HTML: a diagram is its title and description --

    def visit_raw(self, node):
        if "html" not in node.get("format", "").split():
            raise nodes.SkipNode
        markup = node.astext()
        if "<svg" in markup:
            parts = [svg_text(pattern, markup) for pattern in (SVG_TITLE, SVG_DESC)]
            words = ". ".join(part.rstrip(".") for part in parts if part)
            if words:
                self.add(f"*Diagram: {escape_markdown_chars(words)}.*", prefix_eol=2, suffix_eol=2)
        else:
            self.add(markup.strip(), prefix_eol=2, suffix_eol=2)
        raise nodes.SkipNode

    # -- Links --

    def _fetch_ref_uri(self, node):
        if node.get("refid") is not None and not node.get("refuri"):
            return self.links("#" + node["refid"])
        return self.links(node.get("refuri", ""))

    @pushing_context
    def visit_download_reference(self, node):
        if "refuri" in node:
            target = self.links(node["refuri"])
        elif "filename" in node:
            target = self.links.root_path(posixpath.join("_downloads", node["filename"]))
        else:
            target = node.get("reftarget", "")
        self._push_context(WrappedContext("[", f"]({target})"))

    def visit_image(self, node):
        uri = node["uri"]
        images = getattr(self.builder, "images", {})
        target = self.links.root_path(posixpath.join("_images", images[uri])) if uri in images else uri
        self.add(f"![{node.get('alt', 'image')}]({target})")


def svg_text(pattern, markup):
    """The text of the SVG element *pattern* finds (its title, its description), or ""."""
    match = pattern.search(markup)
    return one_line(html.unescape(HTML_TAG.sub("", match.group(1)))) if match else ""


def is_named_admonition(node):
    """A note, warning, tip...: an admonition whose kind is its node class, not a title of its own."""
    return isinstance(node, nodes.Admonition) and not isinstance(node, nodes.admonition)


def tab_label(panel):
    """The label of a sphinx-tabs panel: the text of the tab button that controls it."""
    tab_set = panel.parent
    wanted = panel.get("aria-labelledby")
    for tab in tab_set.findall(SphinxTabsTab):
        if tab.get("ids") and tab["ids"][0] == wanted:
            return one_line(tab.astext())
    return panel.get("name", "")


class TwinBuilder:
    """The HTML builder, as the Markdown translator expects to find a builder."""

    download_dir = "_downloads"

    def __init__(self, builder, docname):
        self._builder = builder
        self.current_doc_name = docname

    def __getattr__(self, name):
        return getattr(self._builder, name)


def render(app, doctree, docname, from_root=False, footer=None):
    builder = app.builder
    uri_to_doc = {builder.get_target_uri(name): name for name in app.env.found_docs}
    links = Links(docname, builder.get_target_uri(docname), uri_to_doc, from_root)
    translator = TwinTranslator(doctree, TwinBuilder(builder, docname), links)
    doctree.walkabout(translator)
    text = translator.astext().rstrip("\n")
    if footer:
        text += "\n\n---\n\n" + footer_markdown(footer, links)
    return text + "\n"


def footer_markdown(markup, links):
    """The tested-stack footer (HTML from compat_tables) as a Markdown paragraph."""

    def link(match):
        return f"[{html.unescape(match.group(2))}]({links(html.unescape(match.group(1)))})"

    text = HTML_LINK.sub(link, str(markup))
    return one_line(html.unescape(HTML_TAG.sub("", text)))


# -- Writing the twins ----------------------------------------------------------------


def is_twin_build(app):
    return app.builder.name == "html"


def full_cache_path(app, docname):
    return Path(app.doctreedir) / FULL_CACHE / twin_name(docname)


def write_twin(app, pagename, templatename, context, doctree):
    if doctree is None or not is_twin_build(app) or pagename not in app.env.found_docs:
        return
    footer = context.get("tested_stack_footer")
    for path, from_root in (
        (Path(app.outdir) / twin_name(pagename), False),
        (full_cache_path(app, pagename), True),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(app, doctree, pagename, from_root, footer), encoding="utf-8")


def rewrite_pages_without_twin(app, env, added, changed, removed):
    """A page whose twin is missing (a build from before this extension) is written again."""
    if not is_twin_build(app):
        return []
    known = set(added) | set(changed)
    return sorted(
        name
        for name in env.found_docs - known
        if not (Path(app.outdir) / twin_name(name)).is_file() or not full_cache_path(app, name).is_file()
    )


# -- llms.txt and llms-full.txt ---------------------------------------------------------


def toctree_sections(env, root):
    """[(caption, [docname, ...])]: the root page, then each of its toctrees, depth first."""
    seen = {root}
    sections = [(None, [root])]

    def walk(docname, into):
        if docname in seen or docname not in env.found_docs:
            return
        seen.add(docname)
        into.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child, into)

    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        pages = []
        for included in toctree.get("includefiles", []):
            walk(included, pages)
        if pages:
            sections.append((toctree.get("caption"), pages))
    others = sorted(env.found_docs - seen)
    if others:
        sections.append(("Other pages", others))
    return sections


def inline_markdown(node):
    """A paragraph's text on one line, code in backticks, the rest escaped."""
    parts = []
    for child in node.findall(nodes.Text):
        if isinstance(child.parent, nodes.literal):
            parts.append(f"`{child.astext()}`")
        else:
            parts.append(escape_markdown_chars(child.astext()))
    return one_line("".join(parts))


def summary(doctree):
    """One line on the page: its first paragraph's first sentence, or else its sections' titles.

    The first paragraph is the first one directly in the page's top section,
    ahead of any subsection, so that the notice boxes and tabs that open some
    pages are passed over.
    """
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return ""
    subsections = [child for child in top.children if isinstance(child, nodes.section)]
    paragraph = leading_paragraph(top)
    if paragraph is None and subsections:
        # A page that opens straight on its first section ("Introduction") opens there.
        body = [child for child in subsections[0].children if not isinstance(child, nodes.title)]
        paragraph = body[0] if body and isinstance(body[0], nodes.paragraph) else None
    if paragraph is None:
        titles = [inline_markdown(section[0]) for section in subsections]
        return f"{'; '.join(titles)}." if titles else ""
    sentence = SENTENCE_END.split(inline_markdown(paragraph), maxsplit=1)[0]
    if len(sentence) > SUMMARY_LENGTH:
        sentence = sentence[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return sentence


def leading_paragraph(section):
    """The first paragraph of *section*'s own text, before its first subsection; or None."""
    for child in section.children:
        if isinstance(child, nodes.section):
            return None
        if isinstance(child, nodes.paragraph) and child.astext().strip():
            return child
    return None


def site_description(app):
    """What the site is and why its examples can be trusted, as the top of llms.txt."""
    stack = getattr(app.config, "compat_tested_stack", None) or {}
    paragraphs = [
        "> How to use Motor, MongoDB's asynchronous Python driver for asyncio and Tornado, now past "
        "its end of life, and PyMongo Async (`pymongo.AsyncMongoClient`), where new async code should "
        "start. Every Python example a reader can copy is run by the test suite, and every output "
        "the pages show is checked against what the example prints.",
        "The examples run on two tiers: a mock (mongomock-motor, no server) and a live server that "
        "speaks the MongoDB wire protocol. The PyMongo Async examples, which the mock cannot run, "
        "and the few examples marked with the reason the mock cannot run them, run on the live "
        "server only. A DeprecationWarning fails an example, so the code uses today's idioms: "
        "`asyncio.run()`, never `asyncio.get_event_loop()`.",
    ]
    if {"motor", "pymongo", "python", "mock", "live-server", "live-server-version"} <= set(stack):
        paragraphs.append(
            f"This build was tested with Motor {stack['motor']}, PyMongo {stack['pymongo']} and "
            f"Python {stack['python']}, on {stack['mock']} and on the embedded {stack['live-server']} "
            f"server, which reports MongoDB {stack['live-server-version']}."
        )
    paragraphs.append(
        f"Each page is also published as Markdown, at its path with `{TWIN_SUFFIX}` in place of "
        "`.html`. There a tab set is flattened: each tab (asyncio, Tornado, PyMongo Async) follows "
        f"a bold line with its label, and an example's output follows it. `{LLMS_FULL}` holds every "
        "page in one file."
    )
    return "\n\n".join(paragraphs)


def site_title(app):
    return app.config.html_title or app.config.project


def llms_index(app, sections):
    env = app.env
    parts = [f"# {site_title(app)}", "", site_description(app)]
    for caption, pages in sections:
        parts += ["", f"## {caption or 'Start here'}", ""]
        for docname in pages:
            title = env.titles[docname].astext() if docname in env.titles else docname
            line = f"- [{title}]({twin_name(docname)})"
            about = env.llms_summaries.get(docname, "")
            parts.append(f"{line}: {about}" if about else line)
    return "\n".join(parts) + "\n"


def llms_full(app, sections):
    env = app.env
    parts = [
        f"# {site_title(app)}: every page",
        "",
        site_description(app),
        "",
        "Every page follows, in the order of the site's table of contents, each after a line",
        "with its title and path. Links are relative to the site's root, where this file is.",
    ]
    for _, pages in sections:
        for docname in pages:
            title = env.titles[docname].astext() if docname in env.titles else docname
            try:
                text = full_cache_path(app, docname).read_text(encoding="utf-8")
            except OSError as error:
                logger.warning("%s leaves out %s: %s", LLMS_FULL, docname, error, type="markdown-twin")
                continue
            parts += ["", "---", "", f"Page: [{title}]({twin_name(docname)})", "", text.rstrip("\n")]
    return "\n".join(parts) + "\n"


def record_summary(app, doctree):
    """Each page's line for llms.txt, taken as the page is read.

    Kept in the environment so that the index is written at the end of every
    build without loading every page's doctree again, which cost more than
    the rest of a no-change rebuild.
    """
    app.env.llms_summaries[app.env.docname] = summary(doctree)


def write_llms_files(app, exception):
    if exception is not None or not is_twin_build(app):
        return
    sections = toctree_sections(app.env, app.config.root_doc)
    outdir = Path(app.outdir)
    (outdir / LLMS_INDEX).write_text(llms_index(app, sections), encoding="utf-8")
    (outdir / LLMS_FULL).write_text(llms_full(app, sections), encoding="utf-8")


def setup(app):
    # The translator reads the markdown_* settings that package registers.
    app.setup_extension("sphinx_markdown_builder")
    app.setup_extension("sphinx_tabs.tabs")
    # After the theme and the tested-stack footer (priority 500) have filled the context.
    app.connect("html-page-context", write_twin, priority=900)
    app.connect("env-get-outdated", rewrite_pages_without_twin)
    keep_per_page(app, "llms_summaries")
    # Late, after the other extensions have changed the doctree as it is read.
    app.connect("doctree-read", record_summary, priority=900)
    app.connect("build-finished", write_llms_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
