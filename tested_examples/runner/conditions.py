"""Conditions an output can be shown for: the runner sets each one up and checks the output.

A page shows what an example prints when all goes well, and sometimes what it
prints when something is wrong (``.. output::`` with ``:condition:
closed-port``). Such an output is a claim like any other, so the runner makes
the condition real and runs the example under it, with only the connection
string put in:

``closed-port``
    no server answers: the connection string names a loopback port that is
    bound but never listens, so every connection is refused.

Examples under conditions often wait out a timeout, so a page's conditioned
examples run side by side, each in a Python of its own
(``python -m tested_examples.runner.conditions``), as one test per page and
condition.
"""

import json
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Condition:
    name: str
    description: str  # completes "Output when ..."
    setup: object  # a context manager factory yielding the URI to connect to


@contextmanager
def closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        yield f"mongodb://127.0.0.1:{sock.getsockname()[1]}/"


CONDITIONS = {c.name: c for c in (Condition("closed-port", "no server answers", closed_port),)}


def under(example, condition):
    """*example* as the runner runs it under *condition*: checked against that output."""
    shown = example.outputs_when[condition]
    return replace(example, output=shown["text"], output_source=shown["source"], output_line=shown["line"])


def run_side_by_side(manifest_path, examples, condition, srcdir):
    """Run each of *examples* under *condition*, each in its own process, all at once.

    Returns ``{example.key: problem or None}``.
    """
    with CONDITIONS[condition].setup() as uri:
        processes = {
            e.key: subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    __name__,
                    str(manifest_path),
                    e.docname,
                    str(e.index),
                    condition,
                    uri,
                    str(srcdir),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for e in examples
        }
        results = {}
        for key, process in processes.items():
            out, err = process.communicate(timeout=120)
            results[key] = json.loads(out)["problem"] if process.returncode == 0 else f"{key}: {err}"
    return results


def main(manifest_path, docname, index, condition, uri, srcdir):
    from ..schema import load_manifest
    from .runner import run_alone

    example = load_manifest(manifest_path).pages[docname].examples[int(index)]
    problem = run_alone(under(example, condition), uri, Path(srcdir))
    print(json.dumps({"problem": problem}))


if __name__ == "__main__":
    main(*sys.argv[1:])
