"""Records kept per page in Sphinx's environment, through rebuilds and parallel reads.

Each part of the extension that remembers something about a page keeps it as
``env.<name> = {docname: value}``. Sphinx drops a page's entry when it reads
the page again, and merges the entries of pages read in other processes;
``keep_per_page`` wires that up once for any number of names.
"""


def keep_per_page(app, *names):
    def init(app, env, docnames):
        for name in names:
            if not hasattr(env, name):
                setattr(env, name, {})

    def purge(app, env, docname):
        for name in names:
            getattr(env, name, {}).pop(docname, None)

    def merge(app, env, docnames, other):
        for name in names:
            theirs = getattr(other, name)
            getattr(env, name).update({d: theirs[d] for d in docnames if d in theirs})

    app.connect("env-before-read-docs", init)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
