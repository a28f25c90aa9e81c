"""Which flavour tab a node sits in.

Pages show an example once per flavour (``asyncio``, ``Tornado``, ``PyMongo
Async``) in sphinx-tabs group tabs, so that choosing a flavour on one tab set
switches them all. The flavour of a block is the label of the group tab
around it; sphinx-tabs keeps that label only base64-encoded in the panel's
name, so it is decoded here.
"""

import base64

from docutils import nodes
from sphinx_tabs.tabs import SphinxTabsPanel

TAB_SET_CLASS = "sphinx-tabs"
GROUP_TAB_CLASS = "group-tab"


def group_tab_label(panel):
    """The label of a group-tab panel, decoded from the name sphinx-tabs gives it."""
    # sphinx-tabs appends "-1", "-2" when a label repeats within one set;
    # the base64 alphabet has no "-", so the label is what comes before it.
    encoded = panel.get("name", "").split("-", 1)[0]
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def is_tab_set(node):
    return isinstance(node, nodes.container) and TAB_SET_CLASS in node.get("classes", [])


def is_group_panel(node):
    return isinstance(node, SphinxTabsPanel) and GROUP_TAB_CLASS in node["classes"]


def tab_set_flavors(tab_set, flavors):
    """The example flavours offered by the panels directly inside *tab_set*."""
    labels = (group_tab_label(child) for child in tab_set.children if is_group_panel(child))
    return [label for label in labels if label in flavors]


def flavor_of(node, flavors):
    """The flavour of the group tab that holds *node*, or None outside any."""
    parent = node.parent
    while parent is not None:
        if is_group_panel(parent) and (label := group_tab_label(parent)) in flavors:
            return label
        parent = parent.parent
    return None
