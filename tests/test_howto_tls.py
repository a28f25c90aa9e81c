"""The connect guide's TLS example, run against a server that only speaks TLS.

The live tier's server is plain TCP, so the example is exempt there and runs
here: exactly the code the page shows, with the connection string put in as
the runner puts it, from a directory holding the ``ca.pem`` it names. The
certificate authority and the server's certificate are made with the
``openssl`` command for each run.
"""

import shutil
import subprocess
import threading

import pytest
from pymongo import MongoClient, monitoring
from pymongo.errors import ServerSelectionTimeoutError
from secantus import SecantusDBServer

from tested_examples.runner.runner import run_alone

PAGE = "source/howto/connect"
THIS_TEST = "tests/test_howto_tls.py"
CA_FILE = "ca.pem"  # the file name the example passes as tlsCAFile


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(directory):
    """A certificate authority, and a certificate it signed for 127.0.0.1."""
    assert shutil.which("openssl"), "the TLS test needs the openssl command"
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Docs test CA",
        "-keyout",
        "ca.key",
        "-out",
        CA_FILE,
        cwd=directory,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        cwd=directory,
    )
    (directory / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        CA_FILE,
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.cnf",
        "-out",
        "server.pem",
        cwd=directory,
    )


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """A server that accepts TLS connections only; yields (uri, directory holding ca.pem)."""
    certificates = tmp_path_factory.mktemp("tls-certificates")
    make_certificates(certificates)
    data = tmp_path_factory.mktemp("tls-server")
    with SecantusDBServer(
        storage_path=str(data),
        tls_cert_file=str(certificates / "server.pem"),
        tls_key_file=str(certificates / "server.key"),
    ) as server:
        yield server.uri, certificates


def test_the_server_refuses_plain_connections(tls_server):
    uri, _ = tls_server
    with MongoClient(uri, serverSelectionTimeoutMS=1_000) as plain:
        with pytest.raises(ServerSelectionTimeoutError):
            plain.admin.command("ping")


class FirstFailedCheck(monitoring.ServerHeartbeatListener):
    """Set once the client's background check of a server has failed (from the monitor's thread)."""

    def __init__(self):
        self.failed_once = threading.Event()

    def started(self, event):
        pass

    def succeeded(self, event):
        pass

    def failed(self, event):
        self.failed_once.set()


def test_a_certificate_from_an_unknown_authority_is_refused(tls_server):
    # The page says a certificate that does not check out ends in
    # ServerSelectionTimeoutError with the TLS error in its message. The
    # message has it once a check has failed; the synchronous client checks
    # from the start, so wait for that rather than race the check against the
    # selection timeout.
    uri, _ = tls_server
    checks = FirstFailedCheck()
    with MongoClient(uri, tls=True, serverSelectionTimeoutMS=1_000, event_listeners=[checks]) as untrusting:
        checks.failed_once.wait()
        with pytest.raises(ServerSelectionTimeoutError, match="CERTIFICATE_VERIFY_FAILED"):
            untrusting.admin.command("ping")


def test_tls_example_runs_against_a_tls_server(tls_server, manifest, site_build, monkeypatch):
    uri, certificates = tls_server
    page = manifest.pages[PAGE]
    chosen = [e for e in page.examples if THIS_TEST in e.exempt.get("live", "")]
    assert chosen, f"no example on {PAGE} names {THIS_TEST} in its :exempt-live: reason"
    assert {e.flavor for e in chosen} == set(page.flavors()), "every flavour's tab must be run here"
    monkeypatch.chdir(certificates)  # the reader saved ca.pem next to the script
    problems = []
    for example in chosen:
        if problem := run_alone(example, uri, site_build.srcdir):
            problems.append(f"[{example.flavor}] {problem}")
    assert not problems, "\n\n".join(problems)
