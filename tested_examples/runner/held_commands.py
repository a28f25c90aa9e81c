"""A proxy in front of a server that never answers the commands it is told to hold.

Everything else passes through untouched, so a client sees the real server,
except that a held command gets no reply: the proxy does not even forward it,
and keeps the connection open until the client closes it. That is a server
that takes longer than any deadline over one kind of operation, made without
asking the server for anything (no failpoint, no slow query), so it works in
front of mongod as well as the embedded server, and costs no server time.

Only plain TCP to a single address can be proxied: the proxy reads each
request's command name, which TLS would hide.
"""

import asyncio
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

OP_MSG = 2013
HEADER_BYTES = 16


class CannotProxy(Exception):
    """The server's URI is not one the proxy can stand in front of."""


def upstream_address(uri):
    """(host, port) of the single plain-TCP server in *uri*, or CannotProxy saying why not."""
    from pymongo.uri_parser import parse_uri

    if not uri.startswith("mongodb://"):
        raise CannotProxy(f"needs a mongodb:// URI of one server, not {uri.split(':')[0]}://")
    parsed = parse_uri(uri)
    if len(parsed["nodelist"]) != 1:
        raise CannotProxy("needs a URI that names one server")
    if parsed["options"].get("tls"):
        raise CannotProxy("cannot read the commands of a TLS connection")
    return parsed["nodelist"][0]


def proxied_uri(uri, port):
    """*uri* pointed at the proxy on 127.0.0.1:*port*, connecting directly.

    ``directConnection`` keeps the client on the proxy: otherwise a replica
    set member's ``hello`` would send it to the member's own address.
    """
    parts = urlsplit(uri)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
    query = "&".join(filter(None, [parts.query, "directConnection=true"]))
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def command_name(header, body):
    """The command an OP_MSG request runs (the first key of its body), or None for other messages."""
    if int.from_bytes(header[12:16], "little") != OP_MSG or body[4] != 0:
        return None
    # flagBits (4 bytes), section kind 0 (1 byte), the document's length (4), its first element's type (1).
    start = 4 + 1 + 4 + 1
    return body[start : body.index(b"\0", start)].decode()


async def read_message(reader):
    """One wire-protocol message as (header, body), or None once the peer has closed."""
    try:
        header = await reader.readexactly(HEADER_BYTES)
        body = await reader.readexactly(int.from_bytes(header[:4], "little") - HEADER_BYTES)
    except asyncio.IncompleteReadError:
        return None
    return header, body


async def pipe(reader, writer):
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()


class HoldingProxy:
    def __init__(self, upstream, held):
        self.upstream = upstream
        self.held = frozenset(held)
        self.connections = {}  # serving task -> the client's writer

    async def serve(self, client_reader, client_writer):
        self.connections[asyncio.current_task()] = client_writer
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.upstream)
            try:
                await self.relay(client_reader, server_writer, pipe(server_reader, client_writer))
            finally:
                server_writer.close()
        except ConnectionError:
            pass  # one side went away: nothing left to pass on
        finally:
            client_writer.close()
            del self.connections[asyncio.current_task()]

    async def relay(self, client_reader, server_writer, replying):
        """Pass the client's requests on, but a held one, while *replying* passes the answers back."""
        replies = asyncio.create_task(replying)
        try:
            while message := await read_message(client_reader):
                if command_name(*message) in self.held:
                    # Never answered: wait for the client to give up and close.
                    await client_reader.read()
                    return
                server_writer.write(b"".join(message))
                await server_writer.drain()
        finally:
            replies.cancel()
            await asyncio.gather(replies, return_exceptions=True)  # its end, whatever it was, is seen

    async def stop(self):
        """End every connection still open, as a client closing it would."""
        tasks = list(self.connections)
        for writer in self.connections.values():
            writer.close()
        await asyncio.gather(*tasks, return_exceptions=True)


@contextmanager
def holding(uri, held):
    """Yield a URI for *uri*'s server behind a proxy that never answers the *held* commands.

    The proxy runs in a thread of its own with its own event loop, so that it
    serves examples running in other processes while the caller waits on them.
    """
    proxy = HoldingProxy(upstream_address(uri), held)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="holding-proxy", daemon=True)
    thread.start()
    try:
        start = asyncio.start_server(proxy.serve, "127.0.0.1", 0)
        server = asyncio.run_coroutine_threadsafe(start, loop).result()
        try:
            yield proxied_uri(uri, server.sockets[0].getsockname()[1])
        finally:
            server.close()
            asyncio.run_coroutine_threadsafe(proxy.stop(), loop).result()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
