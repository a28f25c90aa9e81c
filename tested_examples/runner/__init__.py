"""Run every Python example of the site, as the page shows it.

It reads the examples as ``tested_examples.schema`` has them.

The pieces, each with one job:

``page_runs``    how a page's examples are grouped into runs, one per flavour
``repl``         splitting a ``>>>`` block into statements and their expected output
``placeholders`` the one permitted difference between shown and run code
``evaluators``   running a script, a module or a REPL statement, capturing its output
``output_check`` comparing printed output with the page, with a unified diff
``timeouts``     a per-example time limit that ends a hanging example
``tiers``        where examples run: the mock (mongomock-motor) or a live server
``live_server``  the embedded SecantusDB server, or the one in MONGODB_URI
``runner``       runs a page's examples in order on a tier and says how each went
``exemptions``   an exempt example is run anyway, and must still fail for its reason
``conditions``   outputs shown for a condition (no server answering), run under it
``held_commands`` a proxy that never answers some commands, for ``held-aggregate``
``report``       the per-tier summary, printed and written as JSON
"""
