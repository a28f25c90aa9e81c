"""The suite's fixtures come from the examples plugin (``tested_examples.pytest_plugin``).

``site_build``, ``manifest`` and ``server_uri`` are defined there, beside the
collection of the pages' examples, so that one build and one server per
worker serve both.
"""
