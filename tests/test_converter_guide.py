"""The migration guide's opening: the converter's report on the sample project, and its list of limits.

The report shown on the page is the command's real output on the sample
project in includes/converter-sample, run from the repository's root as the
page says; the list of what the converter cannot do is made from its rules
at build time (``_ext/converter_limits.py``) and must hold every one of them.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from motor_to_pymongo import cannot_do, cli
from tested_examples.site_build import ROOT
from tests.built_pages import parsed, select, select_one, text_of

GUIDE = ROOT / "source" / "migrate-to-pymongo-async.rst"
SAMPLE = "includes/converter-sample/shop"
COMMAND = f"$ .venv/bin/motor-to-pymongo {SAMPLE}"
# The command the Makefile's venv step installs, beside the suite's own Python.
CONSOLE_SCRIPT = Path(sys.executable).parent / "motor-to-pymongo"


def shown_report():
    """The lines the guide shows under the sample command, up to the end of the block."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start = lines.index("   " + COMMAND) + 1
    shown = []
    for line in lines[start:]:
        if line and not line.startswith("   "):
            break
        shown.append(line[3:])
    return "\n".join(shown).strip("\n")


def test_the_guide_shows_the_commands_real_report_on_the_sample():
    env = {k: v for k, v in os.environ.items() if k != "MOTOR_DOCS_BASE_URL"}
    run = subprocess.run([CONSOLE_SCRIPT, SAMPLE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.stderr == ""
    assert shown_report() == run.stdout.strip("\n")
    assert run.returncode == 1, "the sample is meant to show a place left for a person"


def test_the_command_runs_from_any_folder(tmp_path):
    # The guide tells readers to run it from their own project, not from this repository.
    (tmp_path / "app.py").write_text("from motor.motor_asyncio import AsyncIOMotorClient\n", encoding="utf-8")
    run = subprocess.run([CONSOLE_SCRIPT, "app.py"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("app.py:1: change [class-import] AsyncIOMotorClient -> AsyncMongoClient")


def test_the_guide_lists_every_report_only_rule(site_build, manifest):
    page = manifest.pages["source/migrate-to-pymongo-async"]
    section = select_one(
        parsed(site_build.html_dir / page.html), "section#let-the-converter-make-the-changes"
    )
    items = [re.sub(r"\s+", " ", text_of(li)).strip() for li in select(section, "ul > li")]
    expected = [cli.plain(f"{what}: {fix} (") for what, fix, _ in cannot_do()]
    assert len(items) == len(expected)
    for item, wanted in zip(items, expected, strict=True):
        assert item.replace("’", "'").startswith(wanted), (item, wanted)  # prose apostrophes are curly
