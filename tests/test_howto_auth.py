"""The connect guide's SCRAM examples, run against a server with access control on.

The live tier's server has no access control, so those examples are exempt
there and run here instead: exactly the code the page shows, with the
connection string put in as the runner puts it, checked against the output
the page shows. SecantusDB has no localhost exception, so the user is
created while the server runs without ``require_auth``, and the server is
then restarted on the same data with it.
"""

import secrets

import pytest
from pymongo import MongoClient
from pymongo.errors import OperationFailure
from secantus import SecantusDBServer

from tested_examples.runner.runner import run_alone
from tests.exemption_checks import examples_sent_to

PAGE = "source/howto/connect"
THIS_TEST = "tests/test_howto_auth.py"
# What the examples sign in as; they read the password from the environment.
USER, USER_DATABASE, PASSWORD_VARIABLE = "app_user", "admin", "MONGODB_PASSWORD"
UNAUTHORIZED, AUTHENTICATION_FAILED = 13, 18


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    """A server with access control on and one user; yields (uri, password)."""
    data = tmp_path_factory.mktemp("auth-server")
    password = secrets.token_urlsafe(18)  # made up per run: nothing to leak
    with SecantusDBServer(storage_path=str(data)) as open_server:
        with MongoClient(open_server.uri) as client:
            client[USER_DATABASE].command(
                "createUser", USER, pwd=password, roles=[{"role": "readWrite", "db": "howto_connect"}]
            )
    with SecantusDBServer(storage_path=str(data), require_auth=True) as server:
        yield server.uri, password


def test_the_server_requires_authentication(auth_server):
    # Without this, the examples below would prove nothing.
    uri, _ = auth_server
    with MongoClient(uri, serverSelectionTimeoutMS=5_000) as anonymous:
        with pytest.raises(OperationFailure) as refused:
            anonymous.howto_connect.items.find_one()
    assert refused.value.code == UNAUTHORIZED


def test_scram_examples_run_against_a_server_with_authentication(
    auth_server, manifest, site_build, monkeypatch
):
    uri, password = auth_server
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    chosen = examples_sent_to(manifest, PAGE, THIS_TEST)
    # One example signs in and one shows a wrong password, in each flavour.
    assert len(chosen) == 2 * len(manifest.pages[PAGE].flavors())
    problems = []
    for example in chosen:
        if problem := run_alone(example, uri, site_build.srcdir):
            problems.append(f"[{example.flavor}] {problem}")
    assert not problems, "\n\n".join(problems)


def test_the_right_password_gets_through(auth_server):
    # So the refusal the second example shows comes from its password.
    uri, password = auth_server
    with MongoClient(uri, username=USER, password=password, authSource=USER_DATABASE) as client:
        assert client.admin.command("ping")["ok"] == 1


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "no_such_user", "authSource": USER_DATABASE},
        {"username": USER, "authSource": "howto_connect"},
    ],
    ids=["unknown-user", "wrong-auth-source"],
)
def test_other_mistakes_get_the_same_refusal(auth_server, credentials):
    # The page says an unknown user and a wrong authSource fail like a wrong password.
    uri, password = auth_server
    with MongoClient(uri, password=password, serverSelectionTimeoutMS=5_000, **credentials) as client:
        with pytest.raises(OperationFailure) as refused:
            client.admin.command("ping")
    assert refused.value.code == AUTHENTICATION_FAILED
