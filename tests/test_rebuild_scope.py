"""An incremental build writes the page that changed, and every page when the change reaches others.

A three-page project with only ``_ext.rebuild_scope`` loaded, built fresh,
then again after each kind of edit, in this process (a build of it takes a
fraction of a second); Sphinx's own log says which pages it wrote.
"""

import re
from io import StringIO

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

CONF = """
extensions = ["_ext.rebuild_scope"]
nitpicky = True
"""
PAGES = {
    "index": "Home\n====\n\n.. toctree::\n\n   one\n   two\n",
    "one": ".. _one-label:\n\nOne\n===\n\nThe first page.\n",
    "two": "Two\n===\n\nSee :ref:`one-label` and :doc:`one`.\n",
}
WRITTEN = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")
# Sphinx colours its log even into a StringIO.
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in PAGES.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    assert build(src) == {"index", "one", "two"}
    return src


def build(src):
    """The pages the build wrote; fails on any warning."""
    out = src.parent / "out"
    status, warnings = StringIO(), StringIO()
    with docutils_namespace():
        app = Sphinx(src, src, out / "html", out / "doctrees", "html", status=status, warning=warnings)
        app.build()
    assert not warnings.getvalue(), warnings.getvalue()
    return set(WRITTEN.findall(COLOUR.sub("", status.getvalue())))


def edit(src, name, old, new):
    path = src / f"{name}.rst"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_change_to_a_pages_body_writes_that_page_and_the_one_whose_toctree_lists_it(project):
    # Sphinx itself writes the parent again (its toctree shows the page); "two" links to it, but
    # nothing it shows of "one" changed.
    edit(project, "one", "The first page.", "The first page, changed.")
    assert build(project) == {"one", "index"}


def test_a_changed_title_writes_every_page(project):
    edit(project, "one", "One\n===", "Uno\n===")
    assert build(project) == {"index", "one", "two"}


def test_a_removed_label_is_reported_in_the_page_that_links_to_it(project):
    edit(project, "one", ".. _one-label:", ".. _other-label:")
    with pytest.raises(AssertionError, match="one-label"):
        build(project)


def test_nothing_changed_writes_nothing(project):
    assert build(project) == set()
