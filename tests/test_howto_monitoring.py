"""What the monitoring guide says about the length of logged documents.

PyMongo cuts the command and reply documents in its ``pymongo.command``
messages to a length it reads from the environment at each message. The
guide names the variable that PyMongo 4.20.1 reads, and the one MongoDB's
documentation names, which it ignores; these tests pin both, so that the
guide is corrected when PyMongo changes.
"""

import asyncio
import json
import logging

import pytest
from pymongo import AsyncMongoClient

DEFAULT_LENGTH = 1000
SHORT = 50
ELLIPSIS = "..."


class StartedCommands(logging.Handler):
    """Keeps the command document of each "Command started" message."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.commands = []

    def emit(self, record):
        fields = json.loads(record.getMessage())
        if fields["message"] == "Command started":
            self.commands.append(fields["command"])


@pytest.fixture
def logged_find(server_uri):
    """Runs a find whose filter is longer than any limit; returns its logged command."""

    def run():
        handler = StartedCommands()
        logger = logging.getLogger("pymongo.command")
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)

        async def main():
            client = AsyncMongoClient(server_uri)
            try:
                await client.test_howto_monitoring.orders.find_one({"note": "x" * 3 * DEFAULT_LENGTH})
            finally:
                await client.close()

        try:
            asyncio.run(main())
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        [find] = [command for command in handler.commands if command.startswith('{"find"')]
        return find

    return run


def test_documents_are_cut_to_1000_characters_by_default(logged_find, monkeypatch):
    monkeypatch.delenv("MONGOB_LOG_MAX_DOCUMENT_LENGTH", raising=False)
    command = logged_find()
    assert len(command) == DEFAULT_LENGTH + len(ELLIPSIS) and command.endswith(ELLIPSIS)


def test_pymongo_reads_the_variable_spelled_mongob(logged_find, monkeypatch):
    monkeypatch.setenv("MONGOB_LOG_MAX_DOCUMENT_LENGTH", str(SHORT))
    assert len(logged_find()) == SHORT + len(ELLIPSIS)


def test_the_documented_spelling_changes_nothing(logged_find, monkeypatch):
    monkeypatch.delenv("MONGOB_LOG_MAX_DOCUMENT_LENGTH", raising=False)
    monkeypatch.setenv("MONGODB_LOG_MAX_DOCUMENT_LENGTH", str(SHORT))
    assert len(logged_find()) == DEFAULT_LENGTH + len(ELLIPSIS)
