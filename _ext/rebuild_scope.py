"""What an incremental build writes again: the pages that changed, and every page when others link to them.

Sphinx reads again only the pages whose sources (or included fragments)
changed, and by itself writes again only those. That is right while a change
stays inside its page. It is wrong when the change alters what other pages
show of it: its title (every page's navigation, ``:doc:`` links), the labels
and API entries other pages link to (their links must be resolved again,
and a dangling one must warn), or the table of contents (every page's
navigation). So this extension compares what each page read again offers
the rest of the site, before and after, and when that changed, or a page
came or went, every page is written again. A change to a page's body, the
common edit, still writes that page alone.
"""

SNAPSHOT = "_rebuild_scope_before"


def offers(env, docname):
    """What *docname* gives other pages: its title, toctree, labels and API entries."""
    std = env.domaindata["std"]
    labels = sorted((name, entry) for name, entry in std["labels"].items() if entry[0] == docname)
    anonymous = sorted(name for name, entry in std["anonlabels"].items() if entry[0] == docname)
    python = sorted(
        (name, entry.node_id, entry.objtype)
        for name, entry in env.domaindata["py"]["objects"].items()
        if entry.docname == docname
    )
    title = env.titles[docname].astext() if docname in env.titles else None
    return (title, tuple(env.toctree_includes.get(docname, ())), labels, anonymous, python)


def note_added_or_removed(app, env, added, changed, removed):
    setattr(app, SNAPSHOT, {"came or went": bool(added or removed), "pages": {}})
    return []


def take_snapshot(app, env, docnames):
    snapshot = getattr(app, SNAPSHOT, {"came or went": False, "pages": {}})
    snapshot["pages"] = {name: offers(env, name) for name in docnames if name in env.all_docs}
    setattr(app, SNAPSHOT, snapshot)


def pages_to_write_again(app, env):
    snapshot = getattr(app, SNAPSHOT, None)
    if not snapshot:
        return []
    changed = snapshot["came or went"] or any(
        offers(env, name) != before for name, before in snapshot["pages"].items()
    )
    return sorted(env.found_docs) if changed else []


def setup(app):
    app.connect("env-get-outdated", note_added_or_removed)
    app.connect("env-before-read-docs", take_snapshot)
    app.connect("env-get-updated", pages_to_write_again)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
