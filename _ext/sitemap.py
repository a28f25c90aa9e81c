"""``sitemap.xml``: every page of the site, under its canonical URL.

Written at the end of every HTML build from the environment's list of
pages, so that a rebuild that writes only the pages that changed still lists
them all. (sphinx-sitemap lists the pages written by the build at hand: after
an incremental rebuild its sitemap held one page, or none.) The generated
pages that are not documents (the index, search and 404 pages) are not
listed: there is nothing on them for a search engine.
"""

from pathlib import Path
from xml.etree import ElementTree

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"


def page_urls(app):
    base = app.config.html_baseurl
    return [base + app.builder.get_target_uri(docname) for docname in sorted(app.env.found_docs)]


def write_sitemap(app, exception):
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for url in page_urls(app):
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = url
    ElementTree.ElementTree(root).write(Path(app.outdir) / SITEMAP, encoding="utf-8", xml_declaration=True)


def setup(app):
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
