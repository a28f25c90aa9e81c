"""The conditions the runner makes for outputs shown under them, tried directly.

* ``held-aggregate``'s proxy passes every command on but ``aggregate``,
  which gets no answer however long the client waits, and it says which
  servers it cannot stand in front of.
* ``silent_server()`` accepts a connection and never answers it.

Each wait here ends by the client's own limit, or by what the other side
does; none is a guess at how long something takes.
"""

import socket

import pytest
from pymongo import MongoClient
from pymongo.errors import NetworkTimeout, ServerSelectionTimeoutError

from tested_examples.runner.conditions import silent_server
from tested_examples.runner.held_commands import CannotProxy, holding, proxied_uri, upstream_address


def test_the_proxy_holds_aggregations_and_passes_the_rest(server_uri):
    with holding(server_uri, {"aggregate"}) as uri, MongoClient(uri, socketTimeoutMS=500) as client:
        collection = client.test_runner_conditions.orders
        try:
            collection.insert_one({"item": "tea"})
            assert collection.find_one({}, {"_id": 0}) == {"item": "tea"}
            # No answer at all: only the client's own limit ends the wait.
            with pytest.raises(NetworkTimeout):
                collection.aggregate([{"$count": "orders"}]).to_list()
            assert collection.estimated_document_count() == 1  # a count command: answered
        finally:
            client.drop_database("test_runner_conditions")


@pytest.mark.parametrize(
    "uri, reason",
    [
        ("mongodb+srv://cluster0.example.net/", "mongodb://"),
        ("mongodb://a.example:27017,b.example:27017/", "one server"),
        ("mongodb://a.example:27017/?tls=true", "TLS"),
    ],
)
def test_the_proxy_says_which_servers_it_cannot_stand_in_front_of(uri, reason):
    with pytest.raises(CannotProxy, match=reason):
        upstream_address(uri)


def test_the_proxied_uri_keeps_credentials_and_options_and_connects_directly():
    uri = "mongodb://ada:xxxx@db.example:27017/app?authSource=admin"
    assert upstream_address(uri) == ("db.example", 27017)
    assert proxied_uri(uri, 4321) == (
        "mongodb://ada:xxxx@127.0.0.1:4321/app?authSource=admin&directConnection=true"
    )


def test_the_silent_server_accepts_and_never_answers():
    # connectTimeoutMS=0: the client's check of the server has no limit, so it
    # is still waiting whenever the search for a server gives up.
    with silent_server() as uri, MongoClient(uri, connectTimeoutMS=0, serverSelectionTimeoutMS=300) as client:
        host, port = uri.removeprefix("mongodb://").rstrip("/").split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.settimeout(0.3)
            sock.sendall(b"\0" * 16)
            with pytest.raises(TimeoutError):
                sock.recv(1)  # accepted, and nothing comes back
        with pytest.raises(ServerSelectionTimeoutError, match="No servers found yet"):
            client.admin.command("ping")
