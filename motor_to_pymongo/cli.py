"""The command: ``python -m motor_to_pymongo [--write | --diff] PATH...``.

Each PATH is a Python file or a folder, searched for ``*.py`` files (hidden
folders and ``__pycache__`` left out). By default the command reports every
Motor idiom that changes and every place that needs a person, and writes
nothing; ``--diff`` prints the changes as a unified diff, and ``--write``
makes them in place. A file that does not parse, cannot be read or is not
UTF-8 is reported and the run goes on. The exit status is 1 when anything
needs a manual change (or could not be read), 0 otherwise, so CI can gate on
it.
"""

import argparse
import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIPPED_DIRS = {"__pycache__", "node_modules", "site-packages"}


@dataclass
class Summary:
    scanned: int = 0
    changed: list = field(default_factory=list)
    manual: list = field(default_factory=list)
    unreadable: list = field(default_factory=list)

    def lines(self, wrote):
        verb = "changed" if wrote else "to change"
        yield (
            f"{self.scanned} file(s) scanned, {len(self.changed)} {verb}, "
            f"{len(self.manual)} needing manual work, {len(self.unreadable)} not read or not parsed"
        )

    @property
    def exit_status(self):
        return 1 if self.manual or self.unreadable else 0


def python_files(paths):
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for found in sorted(path.rglob("*.py")):
                parts = found.relative_to(path).parts[:-1]
                if not any(p.startswith(".") or p in SKIPPED_DIRS for p in parts):
                    yield found
        else:
            yield path


def plain(text):
    """A rule's text without its inline markup."""
    return text.replace("``", "")


def finding_line(path, finding):
    rule, where = finding.rule, f"{path}:{finding.line}"
    if finding.changed:
        return f"{where}: change [{rule.id}] {finding.detail}: {plain(rule.why)} ({rule.link()})"
    return (
        f"{where}: manual [{rule.id}] {finding.detail}: {plain(rule.what)}; {plain(rule.fix)} ({rule.link()})"
    )


def read_text(path):
    """The file's text, or (None, why not)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, f"not UTF-8 (byte {exc.start}, line {line}); convert it to UTF-8 first"


def run(paths, write=False, diff=False, out=sys.stdout):
    from .transform import SyntaxProblem, convert_source

    summary = Summary()
    for path in python_files(paths):
        summary.scanned += 1
        text, problem = read_text(path)
        if text is None:
            print(f"{path}: {problem}", file=out)
            summary.unreadable.append(path)
            continue
        try:
            result = convert_source(text, filename=str(path))
        except SyntaxProblem as exc:
            print(f"{path}:{exc.line}: syntax error, file skipped: {exc}", file=out)
            summary.unreadable.append(path)
            continue
        for finding in result.findings:
            if not diff or finding.manual:
                print(finding_line(path, finding), file=out)
        if result.manual:
            summary.manual.append(path)
        if result.text != text:
            summary.changed.append(path)
            if diff:
                out.writelines(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        result.text.splitlines(keepends=True),
                        str(path),
                        str(path),
                    )
                )
            if write:
                path.write_bytes(result.text.encode("utf-8"))
    for line in summary.lines(write):
        print(line, file=out)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="motor-to-pymongo",
        description="Report, show or make the changes that move Motor code to PyMongo Async.",
    )
    parser.add_argument("paths", nargs="+", help="Python files or folders to convert")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the files in place")
    mode.add_argument("--diff", action="store_true", help="show the changes as a unified diff; write nothing")
    args = parser.parse_args(argv)
    return run(args.paths, write=args.write, diff=args.diff).exit_status
