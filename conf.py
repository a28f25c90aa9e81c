"""Sphinx configuration for the Motor async driver documentation.

The repository root is the source directory, so ``/includes/x.rst`` in a page
resolves to ``includes/x.rst`` here.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
# The repository root, so that the site's own packages import by their names.
sys.path.insert(0, str(ROOT))

project = "Motor async driver"
author = "The Motor docs team"
copyright = "2026, the Motor docs team"

extensions = [
    "sphinx_tabs.tabs",
    "sphinx_copybutton",
    "notfound.extension",
    "_ext.sitemap",
    "_ext.rebuild_scope",
    "sphinxext.opengraph",
    "_ext.mongodb_dialect",
    "tested_examples.sphinx_ext",
    "_ext.flavor_tabs",
    "_ext.compat_tables",
    "_ext.markdown_twin",
    "_ext.reader_a11y",
    "_ext.link_previews",
    "_ext.converter_limits",
    "sphinx.ext.intersphinx",
    "_ext.api_reference",
    "_ext.code_links",
]

root_doc = "index"
source_suffix = {".rst": "restructuredtext"}
# Fragments under includes/ are pulled into pages; they are never pages themselves.
exclude_patterns = [
    "_build",
    ".venv",
    ".ci",
    ".git",
    ".pytest_cache",
    ".ruff_cache",
    "includes",
    "tests",
    "README.md",
]
templates_path = ["_templates"]

# A plain `::` block is text. Python must be declared (`code-block:: python`
# or `pycon`), and then it is collected and run as an example.
highlight_language = "none"

# Every cross-reference must resolve: a dangling one is a warning, and the
# build treats warnings as errors.
nitpicky = True

# Python's own documentation, from an inventory kept in the repository
# (python3.11-doc's objects.inv), so the build never fetches one. PyMongo,
# bson and gridfs are linked by a URL rule instead: _ext/api_reference/pymongo_links.py.
intersphinx_mapping = {"python": ("https://docs.python.org/3.11/", "data/inventories/python-3.11.inv")}
intersphinx_timeout = 1
intersphinx_cache_limit = -1

# Names in the examples link to their reference entries, to PyMongo's and to
# Python's (_ext/code_links). Links are added to the highlighted HTML only:
# the text, and so what the copy button copies and what the tests run, is
# unchanged (tests/test_code_links.py). Their colours are in _static/site.css.

# -- HTML ------------------------------------------------------------------

html_theme = "furo"
html_title = "Motor (Async Driver)"
html_static_path = ["_static"]
html_css_files = ["site.css"]
# Without an icon every browser asks for /favicon.ico and logs a 404.
html_favicon = "_static/favicon.svg"
html_permalinks_icon = "#"
html_last_updated_fmt = None  # keeps two builds of the same sources identical
html_theme_options = {
    "source_repository": "",
    "top_of_page_buttons": [],
}

# sphinx-tabs ships light-only colours; _static/site.css styles the tabs
# from the theme's own colour variables instead, so both modes stay legible.
sphinx_tabs_disable_css_loading = True
# A second click on the selected tab must not hide the example.
sphinx_tabs_disable_tab_closing = True

# The copy button copies code only: REPL and shell prompts are stripped, the
# REPL's output lines are left out, and blocks marked ``:copyable: false``
# get no button at all.
copybutton_selector = "div:not(.no-copybutton) > div.highlight > pre"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_copy_empty_lines = True

# The site's canonical base URL, for sitemap.xml and the link-preview meta:
# Read the Docs' canonical URL when built there, MOTOR_DOCS_BASE_URL when set,
# and otherwise the address `make serve` serves the site at.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", os.environ.get("MOTOR_DOCS_BASE_URL", "http://127.0.0.1:8000/")
)
if not html_baseurl.endswith("/"):
    html_baseurl += "/"
# Link previews: the page's title and the start of its text, as OpenGraph and
# as the plain description meta. No image: the site fetches nothing from elsewhere.
ogp_site_url = html_baseurl
ogp_site_name = "Motor (Async Driver)"
ogp_description_length = 200
ogp_enable_meta_description = True
ogp_type = "website"
# Social-card images would need matplotlib and are an image per page: none.
ogp_social_cards = {"enable": False}

# The 404 page links back with absolute URLs; on Read the Docs they carry the
# language and version prefix, locally the site lives at the server root.
notfound_urls_prefix = os.environ.get("READTHEDOCS_CANONICAL_URL_PATH", "/")
if os.environ.get("READTHEDOCS") == "True":
    notfound_urls_prefix = "/{}/{}/".format(
        os.environ.get("READTHEDOCS_LANGUAGE", "en"),
        os.environ.get("READTHEDOCS_VERSION", "latest"),
    )

# -- Examples ----------------------------------------------------------------

# Tab labels that name the flavour of an example, the one `.. flavors::`
# derives the others from first. Every tab set on a page that uses one of
# these must offer all of the ones the page uses.
example_flavors = ["asyncio", "Tornado", "PyMongo Async"]
