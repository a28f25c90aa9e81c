"""The Markdown twin of every page, llms.txt and llms-full.txt (_ext/markdown_twin.py).

Each page's twin sits beside its HTML with ``.md`` for ``.html``; its Python
blocks are the examples the runner runs, text for text and in order; its tab
sets are flattened under a bold label per tab; its relative links resolve.
llms.txt lists every page by its twin, llms-full.txt holds every twin, and
two builds give the same bytes.
"""

import posixpath
import re

import pytest

PYTHON_FENCES = ("python", "pycon")
LLMS_FILES = ("llms.txt", "llms-full.txt")
FENCE = re.compile(r"^(?P<prefix>[ >]*)(?P<fence>`{3,})(?P<language>[^`\s]*)\s*$")
LINK = re.compile(r"\]\((?P<target>[^)\s]*)\)")
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
INDEX_ENTRY = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?::\s+(?P<about>\S.*))?$")
FULL_PAGE_HEADER = "\n\n---\n\nPage: "


def twin_name(page):
    assert page.html.endswith(".html"), page.html
    return page.html[: -len(".html")] + ".md"


def read_twin(site_build, page):
    return (site_build.html_dir / twin_name(page)).read_text(encoding="utf-8")


def split_fences(text):
    """The Markdown as [(language or None, text)]: prose runs and fenced blocks, in order.

    A fence may sit in a list item or a quote: its prefix (spaces, ``>``) is
    taken off every line of the block.
    """
    parts, prose, lines = [], [], text.split("\n")
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            prose.append(lines[index])
            index += 1
            continue
        prefix, fence = opening.group("prefix"), opening.group("fence")
        code, index = [], index + 1
        while index < len(lines) and lines[index].removeprefix(prefix).rstrip() != fence:
            line = lines[index]
            code.append(line.removeprefix(prefix) if line.startswith(prefix) else line.lstrip(" >"))
            index += 1
        assert index < len(lines), f"unclosed fence {fence}{opening.group('language')}"
        parts += [(None, "\n".join(prose)), (opening.group("language"), "\n".join(code))]
        prose, index = [], index + 1
    parts.append((None, "\n".join(prose)))
    return parts


def python_blocks(text):
    return [code for language, code in split_fences(text) if language in PYTHON_FENCES]


def link_targets(text):
    """Every link target in the Markdown's prose (not in its code blocks)."""
    return [
        m.group("target")
        for language, part in split_fences(text)
        if language is None
        for m in LINK.finditer(part)
    ]


def is_relative(target):
    return bool(target) and not re.match(r"^[a-z][a-z0-9+.-]*:|^/", target)


# -- Every page has its twin, with the runner's examples ---------------------------------


def test_every_page_has_its_twin_beside_its_html(site_build, manifest):
    assert len(manifest.pages) > 20
    missing = [
        twin_name(p) for p in manifest.pages.values() if not (site_build.html_dir / twin_name(p)).is_file()
    ]
    assert not missing, f"pages without a Markdown twin: {missing}"
    for page in manifest.pages.values():
        assert (site_build.html_dir / page.html).is_file()
        assert read_twin(site_build, page).startswith(("# ", "<a id=")), twin_name(page)


def test_each_twins_python_blocks_are_the_examples_the_runner_runs(site_build, manifest):
    assert sum(len(p.examples) for p in manifest.pages.values()) > 100
    for page in manifest.pages.values():
        shown = python_blocks(read_twin(site_build, page))
        collected = [example.code for example in page.examples]
        assert shown == collected, (
            f"{twin_name(page)}: its Python blocks differ from {page.source}'s examples"
        )


def shown_outputs(text):
    """[(caption, text)]: each ``text`` block right under a line that starts with "Output"."""
    parts, shown = split_fences(text), []
    for index, (language, code) in enumerate(parts):
        if language == "text" and index:
            caption = parts[index - 1][1].rstrip("\n").rsplit("\n", 1)[-1]
            if caption.startswith("Output"):
                shown.append((caption, code))
    return shown


def test_each_example_output_is_a_text_block_under_the_caption_the_page_shows(site_build, manifest):
    checked = 0
    for page in manifest.pages_with_examples():
        shown = shown_outputs(read_twin(site_build, page))
        for example in page.examples:
            if example.output is not None:
                assert ("Output:", example.output) in shown or (
                    "Output (every tab above):",
                    example.output,
                ) in shown, f"{twin_name(page)}: no output block for {example.location}"
                checked += 1
            for condition, output in example.outputs_when.items():
                assert any(c.startswith("Output when ") and t == output["text"] for c, t in shown), (
                    f"{twin_name(page)}: no output for {condition} of {example.location}"
                )
    assert checked > 50


def test_tab_sets_are_flattened_into_a_labelled_section_per_flavour(site_build, manifest):
    flavors = set(manifest.flavors)
    pages = [p for p in manifest.pages.values() if p.flavors()]
    assert len(pages) > 5
    for page in pages:
        label, labels_before = None, []
        for language, part in split_fences(read_twin(site_build, page)):
            if language is None:
                for line in part.split("\n"):
                    match = re.fullmatch(r"\s*\*\*(.+)\*\*\s*", line)
                    if match and match.group(1) in flavors:
                        label = match.group(1)
            elif language in PYTHON_FENCES:
                labels_before.append(label)
        for example, label in zip(page.examples, labels_before, strict=True):
            if example.flavor:
                assert label == example.flavor, (
                    f"{twin_name(page)}: the {example.flavor} example at {example.location} "
                    f"is under the label {label!r}"
                )


# -- Links ---------------------------------------------------------------------------------


def anchors_of(path, cache={}):  # noqa: B006 - a cache for this module's run
    if path not in cache:
        cache[path] = set(ANCHOR.findall(path.read_text(encoding="utf-8")))
    return cache[path]


def test_every_relative_link_in_a_twin_resolves(site_build, manifest):
    checked = 0
    for page in manifest.pages.values():
        twin = site_build.html_dir / twin_name(page)
        for target in link_targets(twin.read_text(encoding="utf-8")):
            if not is_relative(target) and not target.startswith("#"):
                continue
            path, _, fragment = target.partition("#")
            resolved = (twin.parent / path).resolve() if path else twin
            where = f"{twin_name(page)}: link to {target}"
            assert resolved.is_relative_to(site_build.html_dir.resolve()), f"{where} leaves the site"
            assert resolved.is_file(), f"{where}: no such file"
            assert not path.endswith(".html") or not resolved.with_suffix(".md").is_file(), (
                f"{where} goes to a page's HTML rather than its twin"
            )
            if fragment and resolved.suffix == ".md":
                assert fragment in anchors_of(resolved), f"{where}: no anchor {fragment!r} there"
            checked += 1
    assert checked > 100


# -- llms.txt and llms-full.txt -------------------------------------------------------------------


def index_entries(site_build):
    text = (site_build.html_dir / "llms.txt").read_text(encoding="utf-8")
    return text, [m for line in text.splitlines() if (m := INDEX_ENTRY.match(line))]


def test_llms_txt_describes_the_site_and_lists_every_page_by_its_twin(site_build, manifest):
    text, entries = index_entries(site_build)
    assert text.startswith("# ") and "\n> " in text
    for claim in ("two tiers", "mongomock-motor", "MongoDB wire protocol", "checked"):
        assert claim in text.split("\n## ", 1)[0], f"llms.txt's description does not say {claim!r}"
    listed = {entry.group("url"): entry for entry in entries}
    assert len(listed) == len(entries), "a page is listed twice"
    expected = {twin_name(p): p for p in manifest.pages.values()}
    assert sorted(listed) == sorted(expected)
    for url, entry in listed.items():
        assert (site_build.html_dir / url).is_file(), f"llms.txt lists {url}, which the build did not write"
        assert entry.group("title") == expected[url].title
        assert entry.group("about"), f"llms.txt says nothing about {url}"


def full_text_pages(site_build):
    """llms-full.txt as {path: (title, text)}, in its order."""
    text = (site_build.html_dir / "llms-full.txt").read_text(encoding="utf-8")
    pages = {}
    for chunk in text.split(FULL_PAGE_HEADER)[1:]:
        header, _, body = chunk.partition("\n\n")
        match = re.fullmatch(r"\[(?P<title>[^\]]+)\]\((?P<path>[^)]+)\)", header)
        assert match, f"a page header in llms-full.txt is {header!r}"
        pages[match.group("path")] = (match.group("title"), body)
    return pages


def from_root(twin_path, target):
    """A link target in the twin at *twin_path*, as written from the site's root."""
    if not is_relative(target) and not target.startswith("#"):
        return target
    path, hash_mark, fragment = target.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(twin_path), path)) if path else twin_path
    return path + hash_mark + fragment


def unpadded(prose):
    """Prose with its tables' padding gone: a column's width follows the length of its links."""
    lines = prose.split("\n")
    return "\n".join(
        re.sub(r"-{3,}", "---", re.sub(r" {2,}", " ", ln)) if ln.lstrip().startswith("|") else ln
        for ln in lines
    )


def rebased(twin_path, text):
    """The twin with its prose's links made relative to the root, its code left alone."""
    parts = []
    for language, part in split_fences(text):
        if language is None:
            part = unpadded(LINK.sub(lambda m: f"]({from_root(twin_path, m.group('target'))})", part))
        parts.append(part)
    return parts


def test_llms_full_txt_holds_every_twin_in_the_order_of_llms_txt(site_build, manifest):
    pages = full_text_pages(site_build)
    _, entries = index_entries(site_build)
    assert list(pages) == [entry.group("url") for entry in entries]
    for page in manifest.pages.values():
        title, body = pages[twin_name(page)]
        assert title == page.title
        twin = read_twin(site_build, page)
        as_in_full = [
            part if lang else unpadded(part) for lang, part in split_fences(body.rstrip("\n") + "\n")
        ]
        assert as_in_full == rebased(twin_name(page), twin), (
            f"llms-full.txt's copy of {twin_name(page)} is not the twin"
        )
        # Its links, relative to the root where the file is, resolve.
        for target in link_targets(body):
            if is_relative(target):
                assert (site_build.html_dir / target.partition("#")[0]).is_file(), (
                    f"{target} in llms-full.txt"
                )


# Two builds giving the same bytes, twins and llms files included, is
# tests/test_site_build.py's check: it compares every file of the output.


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a\n\n```python\nx = 1\n\n\ny = 2\n```\n", ["x = 1\n\n\ny = 2"]),
        ("- item\n\n  ```pycon\n  >>> 1\n  1\n  ```\n", [">>> 1\n1"]),
        ("> [!NOTE]\n> ````python\n> s = '```'\n>\n> t = 1\n> ````\n", ["s = '```'\n\nt = 1"]),
        ("```text\nprint(1)\n```\n", []),
    ],
)
def test_the_fence_reader_takes_blocks_out_of_lists_and_quotes(text, expected):
    assert python_blocks(text) == expected
