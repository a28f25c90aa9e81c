"""The examples the site shows, page by page and flavour by flavour, are the recorded ones.

``shown-examples.json`` beside this file holds, for each page and each
flavour a reader can follow, the examples that reader meets in page order:
their code and output exactly as shown, and how the runner treats them. It
was recorded before the pages moved to one source per example (``..
flavors::``), so it proves that the move lost, gained and changed nothing; and
it goes on catching any change to how a page is turned into examples that
alters what a reader sees.

A deliberate change to an example changes this file too. Record it anew, and
review its diff with the page's:

    .venv/bin/python -m tests.test_shown_examples
"""

import difflib
import json
import sys
from pathlib import Path

from tested_examples.runner.page_runs import page_runs

RECORD = Path(__file__).with_name("shown-examples.json")


def shown_examples(manifest):
    """{page: {flavour: [example as the reader sees it, ...]}} for every page with examples."""
    shown = {}
    for page in manifest.pages_with_examples():
        for run in page_runs(page):
            shown.setdefault(page.docname, {})[run.flavor or "-"] = [
                {
                    "context": e.context,
                    "code": e.code,
                    "output": e.output,
                    "exempt": e.exempt,
                    "module": e.module,
                    "timeout": e.timeout,
                }
                for e in run.examples
            ]
    return shown


def as_text(examples):
    return json.dumps(examples, indent=1, sort_keys=True, ensure_ascii=False).splitlines()


def test_every_page_shows_the_recorded_examples(manifest):
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    now = shown_examples(manifest)
    problems = []
    for page in sorted(recorded.keys() | now.keys()):
        for flavor in sorted(recorded.get(page, {}).keys() | now.get(page, {}).keys()):
            before, after = recorded.get(page, {}).get(flavor), now.get(page, {}).get(flavor)
            if before != after:
                diff = difflib.unified_diff(
                    as_text(before or []), as_text(after or []), "recorded", "built", n=2
                )
                problems.append(f"{page} [{flavor}]:\n" + "\n".join(list(diff)[:60]))
    assert not problems, (
        "the site shows other examples than recorded; if that is meant, record them anew with "
        "`.venv/bin/python -m tests.test_shown_examples`\n\n" + "\n\n".join(problems)
    )


def record():
    """Build the site and write what it shows to the record."""
    import tempfile

    from tested_examples.site_build import ROOT, sphinx_build

    with tempfile.TemporaryDirectory(prefix="shown-examples-") as outdir:
        build = sphinx_build(ROOT, outdir)
        if build.returncode:
            sys.exit(f"the site does not build:\n{build.warnings}")
        shown = shown_examples(build.manifest())
    RECORD.write_text(
        json.dumps(shown, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"recorded {sum(len(f) for p in shown.values() for f in p.values())} examples to {RECORD}")


if __name__ == "__main__":
    record()
