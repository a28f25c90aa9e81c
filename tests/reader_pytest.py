"""Run the reader's pytest in several directories from one Python: one forked child per directory.

``tests/test_howto_testing.py`` runs the testing guide's suite as a reader
runs it, ``pytest`` in the directory where the files are saved, in nine
set-ups. Most of what one such run costs is starting Python and importing
pytest, its plugins, the drivers and mongomock-motor. This process imports
them once and forks a child for each directory, so that every run still
starts from a process of its own, with nothing left by the one before.

    python -P reader_pytest.py RUNS_JSON

RUNS_JSON is a list of ``{"directory": path, "uri": str or null}``; each
child runs ``pytest ARGS`` in its directory with ``MONGODB_URI`` set to the
uri (unset for null), and leaves ``stdout.txt`` and ``stderr.txt`` there.
The exit status of each run is printed as a JSON list, in the same order.
(``-P``: this script's folder, the suite's tests/, is not the reader's.)
"""

import importlib
import json
import os
import signal
import sys
import warnings

import pytest

ARGS = ["-p", "no:cacheprovider", "-W", "error::DeprecationWarning", "--junitxml", "results.xml", "-rA"]
RUN_TIMEOUT = 120  # seconds a run may take before it is stopped, as a hang, not as slow
TIMED_OUT = -signal.SIGALRM

# What the reader's conftest and modules import. Their pytest runs with
# DeprecationWarning as an error when it imports them, so they are imported so here.
# Not pytest's plugins (pytest_asyncio among them): pytest imports those itself, to
# rewrite their asserts, and would warn in every run that it could not.
READER_IMPORTS = (
    "mongomock_motor",
    "motor.motor_asyncio",
    "motor.motor_tornado",
    "pymongo",
    "pymongo.asynchronous.database",
)


def preload():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for name in READER_IMPORTS:
            importlib.import_module(name)


def child(directory, uri):
    """Become `MONGODB_URI=uri python -m pytest ARGS` run in *directory*; never returns."""
    status = 1
    try:
        os.chdir(directory)
        if uri is None:
            os.environ.pop("MONGODB_URI", None)
        else:
            os.environ["MONGODB_URI"] = uri
        sys.path.insert(0, os.getcwd())  # what `python -m` puts first
        for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
            out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, fd)
            os.close(out)
        signal.alarm(RUN_TIMEOUT)  # SIGALRM's default action ends the child
        status = int(pytest.main(ARGS))
        signal.alarm(0)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def run(directory, uri):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        child(directory, uri)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


def main(runs_json):
    preload()
    statuses = [run(each["directory"], each["uri"]) for each in json.loads(runs_json)]
    print(json.dumps(statuses))


if __name__ == "__main__":
    main(sys.argv[1])
