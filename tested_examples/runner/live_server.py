"""The server the live tier talks to.

With ``MONGODB_URI`` set, that server (a local mongod, Atlas, ...); otherwise
an embedded SecantusDB server on a free loopback port, its data in a
temporary directory that is removed when it stops.
"""

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class LiveServer:
    uri: str
    description: str
    shared: bool  # the one in MONGODB_URI, rather than one started for the caller alone


@contextmanager
def live_server():
    uri = os.environ.get("MONGODB_URI")
    if uri:
        yield LiveServer(uri, "the server in MONGODB_URI", shared=True)
        return
    from secantus import SecantusDBServer

    with tempfile.TemporaryDirectory(prefix="motor-docs-live-") as data_dir:
        with SecantusDBServer(host="127.0.0.1", port=0, storage_path=data_dir) as server:
            yield LiveServer(server.uri, "an embedded SecantusDB server", shared=False)
