"""The Sphinx side of the tested examples: one extension, ``tested_examples.sphinx_ext``.

Its parts, each with one job:

``code_options``     ``code-block`` and ``literalinclude`` with the example options
``output``           ``.. output::``, what an example prints (``:condition:`` for when)
``tornado_flavor``   the Tornado text of an asyncio example (imports, class names)
``flavor_set``       ``.. flavors::``, one source shown as a tab set of every flavour,
                     and ``.. page-flavors::``
``tabs``             which flavour tab a block sits in
``collector``        every Python block as a ``schema.Example``, written to examples.json
``tutorial_script``  a tutorial's tested steps as one downloadable script
``mock_differences`` the table of what the mock tier cannot run, derived while building
``page_records``     what the parts remember per page, kept through rebuilds and parallel reads
"""

from . import code_options, collector, flavor_set, mock_differences, output, tutorial_script


def setup(app):
    app.setup_extension("sphinx_tabs.tabs")
    # Tab labels that name the flavour of an example, the source flavour first.
    app.add_config_value("example_flavors", ["asyncio", "Tornado", "PyMongo Async"], "env", [list])
    for part in (code_options, output, flavor_set, collector, tutorial_script, mock_differences):
        part.setup(app)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
