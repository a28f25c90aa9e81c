"""The motor_to_pymongo command on a folder tree: report, --diff, --write, and trees that fight back."""

import io
import subprocess
import sys

import pytest

from motor_to_pymongo import cli, transform
from motor_to_pymongo.transform import convert_source

MOTOR = """\
from motor.motor_asyncio import AsyncIOMotorClient  # the driver


async def main(uri):
    client = AsyncIOMotorClient(uri, io_loop=None)
    async for doc in client.db.c.aggregate([]):  # keep this comment
        print(doc)
    client.close()
"""
CONVERTED = """\
from pymongo import AsyncMongoClient  # the driver


async def main(uri):
    client = AsyncMongoClient(uri)
    async for doc in await client.db.c.aggregate([]):  # keep this comment
        print(doc)
    await client.close()
"""
NEEDS_A_PERSON = """\
from motor.motor_asyncio import AsyncIOMotorClient


async def main(uri):
    cursor = AsyncIOMotorClient(uri).db.c.find()
    while await cursor.fetch_next:
        print(cursor.next_object())
"""
PLAIN = "def close(f):\n    f.close()\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "db.py").write_text(MOTOR)
    (tmp_path / "app" / "plain.py").write_text(PLAIN)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.py").write_text(MOTOR)
    return tmp_path


def run(*args):
    out = io.StringIO()
    summary = cli.run(*args, out=out)
    return summary, out.getvalue()


def test_the_report_names_each_change_and_writes_nothing(tree):
    summary, out = run([tree])
    assert (tree / "app" / "db.py").read_text() == MOTOR
    db = tree / "app" / "db.py"
    assert f"{db}:5: change [io-loop] io_loop=" in out
    assert f"{db}:6: change [await-cursor-method] aggregate() -> await aggregate()" in out
    assert "source/migrate-to-pymongo-async.html#migration-awaitable-methods" in out
    assert out.splitlines()[-1] == (
        "2 file(s) scanned, 1 to change, 0 needing manual work, 0 not read or not parsed"
    )
    assert summary.exit_status == 0


def test_write_rewrites_in_place_keeping_comments_and_a_second_run_changes_nothing(tree):
    run([tree], True)
    assert (tree / "app" / "db.py").read_text() == CONVERTED
    assert (tree / "app" / "plain.py").read_text() == PLAIN
    assert (tree / ".hidden" / "skip.py").read_text() == MOTOR
    summary, out = run([tree], True)
    assert summary.changed == [] and "0 to change" not in out and "0 changed" in out


def test_diff_shows_the_change_and_writes_nothing(tree):
    _, out = run([tree / "app" / "db.py"], False, True)
    assert "-    client.close()\n+    await client.close()\n" in out
    assert (tree / "app" / "db.py").read_text() == MOTOR


def test_manual_work_makes_the_exit_status_non_zero(tree):
    (tree / "app" / "old.py").write_text(NEEDS_A_PERSON)
    summary, out = run([tree])
    old = tree / "app" / "old.py"
    assert f"{old}:6: manual [old-iteration] fetch_next" in out
    assert "iterate with async for" in out
    assert summary.exit_status == 1
    assert "1 needing manual work" in out.splitlines()[-1]


def test_broken_files_are_reported_and_the_run_goes_on(tree):
    (tree / "app" / "broken.py").write_text("import motor.motor_asyncio\n\ndef f(:\n")
    (tree / "app" / "latin1.py").write_bytes(b"# caf\xe9\nimport motor\n")
    (tree / "app" / "folder.py").mkdir()  # named like a file, read like one: an OSError
    summary, out = run([tree], True)
    app = tree / "app"
    assert f"{app / 'broken.py'}:3: syntax error, file skipped" in out
    assert f"{app / 'latin1.py'}: not UTF-8 (byte 5, line 1)" in out
    assert f"{app / 'folder.py'}: cannot read" in out
    assert (app / "db.py").read_text() == CONVERTED, "the run stopped at a broken file"
    assert summary.exit_status == 1 and len(summary.unreadable) == 3


def test_a_rewrite_that_would_not_compile_is_thrown_away(monkeypatch):
    # Break the guard that keeps await out of plain functions: the compile check must catch it.
    monkeypatch.setattr(transform.Scopes, "in_async_function", lambda self: True)
    text = (
        "from motor.motor_asyncio import AsyncIOMotorClient\n\n"
        "def stop():\n    AsyncIOMotorClient().close()\n"
    )
    result = convert_source(text)
    assert result.text == text
    assert [f.detail for f in result.manual] == ["the rewrite would not compile, so nothing was changed"]


def test_the_command_runs_as_a_module(tree):
    proc = subprocess.run(
        [sys.executable, "-m", "motor_to_pymongo", "--diff", str(tree / "app")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "+    await client.close()" in proc.stdout
