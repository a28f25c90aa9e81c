"""Repairs to markup that Sphinx and Furo produce, found by the browser tests' axe checks.

* Sphinx renders toctree captions as ``<p class="caption" role="heading">``
  without the ``aria-level`` that ARIA 1.2 requires of a heading
  (sphinx-doc/sphinx#14030). Level 2 is the level ARIA 1.1 implied.
* A code block or table wider than the column scrolls sideways, and a reader
  on the keyboard can only scroll what can take the focus. A small inline
  script gives such boxes a tab stop, and takes it away when they fit.
"""

CAPTION_WITHOUT_LEVEL = '<p class="caption" role="heading">'
CAPTION_WITH_LEVEL = '<p aria-level="2" class="caption" role="heading">'

SCROLL_REGIONS_JS = """
(() => {
  const boxes = "div.highlight > pre, .table-wrapper";
  const mark = () => {
    for (const box of document.querySelectorAll(boxes)) {
      const scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollRegion = "";
      } else if (!scrolls && "scrollRegion" in box.dataset) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollRegion;
      }
    }
  };
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
  // A tab panel shown by a click (or Enter/Space) has just been measured at zero.
  document.addEventListener("click", (event) => {
    if (event.target.closest("[role=tab]")) requestAnimationFrame(mark);
  });
})();
"""


def give_captions_a_level(app, pagename, templatename, context, doctree):
    tree = context.get("furo_navigation_tree")
    if tree:
        context["furo_navigation_tree"] = tree.replace(CAPTION_WITHOUT_LEVEL, CAPTION_WITH_LEVEL)


def setup(app):
    # After Furo (priority 500) has built the navigation tree.
    app.connect("html-page-context", give_captions_a_level, priority=600)
    app.add_js_file(None, body=SCROLL_REGIONS_JS)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
