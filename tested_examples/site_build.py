"""Run Sphinx on this site, or on a temporary copy of it, the way `make html` does.

Used by the pytest plugin (one build per test session, shared between
pytest-xdist workers through a lock file), by the tests' fault site (a
changed copy, built once per session in the same way), and by the benchmark.
"""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .schema import MANIFEST_NAME, load_manifest

ROOT = Path(__file__).resolve().parent.parent

# What a copy of the site needs besides its pages.
SITE_INFRASTRUCTURE = ("conf.py", "_ext", "tested_examples", "_static", "_templates", "includes", "data")
# The pages, and the fragments they include: every reStructuredText file of the site.
SITE_CONTENT = ("index.rst", "pymongo.rst", "source", "tutorials", "docs")
RST_PATHS = SITE_CONTENT + ("includes",)
SPHINX_FLAGS = ("-b", "html", "-W", "-n", "--keep-going", "-q")
# Read and write the pages in as many processes as the machine has cores.
PARALLEL = ("-j", "auto")
# What the site is built with, besides its pages and fragments. Sphinx sees a
# change to a page, a fragment or a setting, but not to the code of an
# extension, a template or a data file the extensions read: a change to any
# of these makes the suite's next build a fresh one.
BUILD_TOOLS = (
    "conf.py",
    "_ext",
    "tested_examples",
    "motor_to_pymongo",
    "_templates",
    "_static",
    "data",
    "requirements.txt",
)
# What a build runs with: one hash seed and one date, so that two builds can be compared.
BUILD_ENVIRONMENT = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1795478400"}


def test_build_dir():
    """Where the test suite builds the site, apart from `make html`'s output."""
    return Path(os.environ.get("MOTOR_DOCS_TEST_BUILD", ROOT / "_build" / "test"))


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    returncode: int
    warnings: str

    @property
    def html_dir(self):
        return self.outdir / "html"

    @property
    def manifest_path(self):
        return self.outdir / MANIFEST_NAME

    def manifest(self):
        """The examples the build collected, as a ``schema.Manifest``."""
        return load_manifest(self.manifest_path)


def sphinx_command(srcdir, outdir, flags=SPHINX_FLAGS, *extra_args):
    """The command line of a build of *srcdir* into *outdir*/html, doctrees beside it."""
    return [sys.executable, "-m", "sphinx", *flags, "-d", str(outdir / "doctrees"), *extra_args] + [
        str(srcdir),
        str(outdir / "html"),
    ]


def sphinx_build(srcdir, outdir, *extra_args, fresh=False):
    """Build *srcdir* into *outdir*/html with warnings as errors; never raises."""
    srcdir, outdir = Path(srcdir), Path(outdir)
    if fresh and outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    warnings_file = outdir / "warnings.log"
    cmd = sphinx_command(srcdir, outdir, SPHINX_FLAGS, "-w", str(warnings_file), *extra_args)
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **BUILD_ENVIRONMENT})
    warnings = warnings_file.read_text(encoding="utf-8") if warnings_file.exists() else ""
    warnings += proc.stderr if proc.returncode and not warnings else ""
    return Build(srcdir, outdir, proc.returncode, warnings)


def copy_site(dest, with_content=True):
    """Copy the site's sources (not its build output or venv) to *dest*."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    names = SITE_INFRASTRUCTURE + (SITE_CONTENT if with_content else ())
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def tools_fingerprint(root=ROOT):
    """A digest of everything in ``BUILD_TOOLS`` and of the Python that runs the build."""
    digest = hashlib.sha256(sys.version.encode())
    for name in BUILD_TOOLS:
        path = root / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def can_build_on(record, fingerprint):
    """Whether the last suite build, as *record* tells it, can be brought up to date instead of redone.

    Only a clean build made with the same tools: Sphinx reads again only the
    pages that changed, so a warning that an unchanged page gave last time
    would not be given again, and a build with other tools is another site.
    """
    return (
        record is not None
        and record.get("returncode") == 0
        and not record.get("warnings")
        and record.get("tools") == fingerprint
    )


def shared_build(outdir, run_id):
    """Build the site once per test run, however many processes ask for it.

    The first process to take the lock builds; the others wait on the lock and
    then read the same result. *run_id* tells one test run from the next.
    The build brings the last run's up to date when ``can_build_on`` allows
    (a writer's run after editing one page rebuilds that page), and is made
    fresh otherwise: on a new checkout, after a failed build, or after a
    change to the build's own code.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    marker = outdir / "built-for-run.json"
    with open(outdir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = json.loads(marker.read_text()) if marker.exists() else None
        if record is not None and record["run"] == run_id:
            return Build(ROOT, outdir, record["returncode"], record["warnings"])
        fingerprint = tools_fingerprint()
        if not can_build_on(record, fingerprint):
            for stale in ("html", "doctrees", MANIFEST_NAME):
                path = outdir / stale
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
        build = sphinx_build(ROOT, outdir, *PARALLEL)
        marker.write_text(
            json.dumps(
                {
                    "run": run_id,
                    "returncode": build.returncode,
                    "warnings": build.warnings,
                    "tools": fingerprint,
                }
            )
        )
        return build


def shared_copy_build(outdir, run_id, fill):
    """Build a changed copy of the site once per test run, however many processes ask.

    The copy is the site without its pages (``copy_site(..., with_content=False)``),
    which *fill(srcdir)* then gives pages of its own; it goes to *outdir*/src
    and is built into *outdir*/out. As in shared_build, the first process to
    take the lock writes and builds, and the others wait on it and read the
    same result, so tests on several pytest-xdist workers share one build.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    srcdir, record = outdir / "src", outdir / "built-for-run.json"
    with open(outdir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists() or json.loads(record.read_text())["run"] != run_id:
            # Another run's copy may hold pages this run no longer writes.
            for stale in (srcdir, outdir / "out"):
                if stale.exists():
                    shutil.rmtree(stale)
            fill(copy_site(srcdir, with_content=False))
            build = sphinx_build(srcdir, outdir / "out")
            saved = {"run": run_id, "returncode": build.returncode, "warnings": build.warnings}
            record.write_text(json.dumps(saved))
        saved = json.loads(record.read_text())
    return Build(srcdir, outdir / "out", saved["returncode"], saved["warnings"])
