"""A case of the fault site: the files it adds, the files it changes, and where it must warn."""

import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    files: dict = field(default_factory=dict)  # path in the copy -> its text
    edits: tuple = ()  # (path, function from the file's text to the changed text)
    # A fault case's files its warnings may name (it must draw at least one); a case that must build
    # cleanly has none.
    warns_at: tuple = ()


def page_text(title, body):
    """A page titled *title*, its body dedented; ``:orphan:``, so that no table of contents must list it."""
    return f":orphan:\n\n{title}\n{'=' * len(title)}\n" + textwrap.dedent(body)
