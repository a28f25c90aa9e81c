"""Conditions an output can be shown for: the runner sets each one up and checks the output.

A page shows what an example prints when all goes well, and sometimes what it
prints when something is wrong (``.. output::`` with ``:condition:
closed-port``). Such an output is a claim like any other, so the runner makes
the condition real and runs the example under it, with only the connection
string put in:

``closed-port``
    no server answers: the connection string names a loopback port that is
    bound but never listens, so every connection is refused.
``held-aggregate``
    no aggregation is answered in time: the connection string names a proxy
    in front of the live server (``held_commands``) that passes every command
    on but ``aggregate``, which it never answers. An example's deadline then
    always runs out on its aggregation, however fast or slow the machine, and
    on nothing else.

Each condition is made to happen rather than waited for: no output shown
for a condition depends on how long anything takes.

Examples under conditions often wait out a timeout, so a page's conditioned
examples run side by side, one Python per flavour
(``python -m tested_examples.runner.conditions``), as one test per page and
condition. A flavour's examples run one after another, since they share the
page's databases; a condition that needs a server gets one of its own per
flavour, an embedded SecantusDB server, unless ``MONGODB_URI`` names the
server, which the flavours then take in turn.

``silent_server()`` is one more such condition, for tests rather than pages:
a server that accepts connections and never answers, so that a client waits
for it as long as its own limits say.
"""

import json
import socket
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .held_commands import holding
from .live_server import live_server

# A backstop for a conditioned example's process: each example also has the
# runner's own per-example limit, which stops it long before this.
PROCESS_LIMIT_SECONDS = 120


@dataclass(frozen=True)
class Condition:
    name: str
    description: str  # completes "Output when ..."
    setup: object  # given a live server's URI (or None), a context manager yielding the URI to connect to
    needs_server: bool = False  # whether setup stands in front of a live server


@contextmanager
def closed_port(live_uri=None):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        yield f"mongodb://127.0.0.1:{sock.getsockname()[1]}/"


@contextmanager
def silent_server():
    """A loopback server that never answers: the operating system accepts connections, nothing reads them."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        yield f"mongodb://127.0.0.1:{sock.getsockname()[1]}/"


@contextmanager
def held_aggregate(live_uri):
    from .tiers import LiveTier

    tier = LiveTier(live_uri)
    try:
        # The examples run against the live server, so they leave what the live tier's runs leave.
        with tier.dropping_new_databases("the examples under held-aggregate"):
            with holding(live_uri, {"aggregate"}) as uri:
                yield uri
    finally:
        tier.close()


CONDITIONS = {
    c.name: c
    for c in (
        Condition("closed-port", "no server answers", closed_port),
        Condition("held-aggregate", "no aggregation is answered in time", held_aggregate, needs_server=True),
    )
}


def under(example, condition):
    """*example* as the runner runs it under *condition*: checked against that output."""
    shown = example.outputs_when[condition]
    return replace(example, output=shown["text"], output_source=shown["source"], output_line=shown["line"])


def by_flavor(examples):
    """The examples in page order, one list per flavour (a page without tabs has one)."""
    groups = {}
    for example in examples:
        groups.setdefault(example.flavor, []).append(example)
    return list(groups.values())


@contextmanager
def made(condition):
    """Yield the URI that *condition*'s examples connect to, and the server behind it if it has one."""
    with ExitStack() as stack:
        server = stack.enter_context(live_server()) if condition.needs_server else None
        yield stack.enter_context(condition.setup(server and server.uri)), server


def start(manifest_path, group, condition, uri, srcdir):
    indexes = ",".join(str(e.index) for e in group)
    command = [sys.executable, "-m", __name__, str(manifest_path), group[0].docname, indexes, condition, uri]
    return subprocess.Popen(
        [*command, str(srcdir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process, group):
    """{example.key: problem or None} from a finished group's process."""
    try:
        out, err = process.communicate(timeout=PROCESS_LIMIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        return {e.key: f"{e.key}: {err}" for e in group}
    return json.loads(out)["problems"]


def run_side_by_side(manifest_path, examples, condition, srcdir):
    """Run *examples* under *condition*; returns ``{example.key: problem or None}``.

    Each flavour's examples run one after another in a Python of their own, in
    page order, as a page run takes them: they share the page's databases.
    The flavours run side by side, each under a condition of its own, made
    on a server of its own when the condition needs one. The server in
    ``MONGODB_URI`` is one for all, so there they run one after another.
    Raises ``held_commands.CannotProxy`` when the condition cannot be made
    in front of that server.
    """
    wanted = CONDITIONS[condition]
    groups = by_flavor(examples)
    results = {}
    with ExitStack() as stack:
        running = []
        for group in groups:
            uri, server = stack.enter_context(made(wanted))
            running.append((start(manifest_path, group, condition, uri, srcdir), group))
            if server is not None and server.shared:
                results.update(finish(*running.pop()))
                stack.close()
        for process, group in running:
            results.update(finish(process, group))
    return results


def main(manifest_path, docname, indexes, condition, uri, srcdir):
    # A fresh Python's first import of the drivers can take seconds on a busy
    # machine; do it before the examples' time limits start, so that each limit
    # is the example's own, as it is in the test process that runs the others.
    import motor.motor_asyncio  # noqa: F401
    import motor.motor_tornado  # noqa: F401

    from ..schema import load_manifest
    from .runner import run_alone

    page = load_manifest(manifest_path).pages[docname]
    problems = {}
    for index in indexes.split(","):
        example = page.examples[int(index)]
        problems[example.key] = run_alone(under(example, condition), uri, Path(srcdir))
    print(json.dumps({"problems": problems}))


if __name__ == "__main__":
    main(*sys.argv[1:])
