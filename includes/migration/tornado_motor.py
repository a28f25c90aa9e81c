import asyncio
import warnings

from motor.motor_tornado import MotorClient, MotorGridFSBucket
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from motor_notes_app import make_app


async def main():
    client = MotorClient("<your MongoDB connection string>")
    database = client.migration_tornado
    await database.notes.drop()
    await MotorGridFSBucket(database).upload_from_stream("hello.txt", b"Hello from GridFS.\n")

    sockets = bind_sockets(0, "127.0.0.1")  # port 0: the OS picks a free one
    port = sockets[0].getsockname()[1]
    server = HTTPServer(make_app(database))
    server.add_sockets(sockets)
    http = AsyncHTTPClient()
    base = f"http://127.0.0.1:{port}"
    # Motor's GridFSHandler predates today's PyMongo: collect what it warns about.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for text in ("water the plants", "buy milk"):
                response = await http.fetch(f"{base}/notes", method="POST", body=f"text={text}")
                print("POST /notes", response.code)
            response = await http.fetch(f"{base}/notes")
            print("GET /notes", response.code, response.body.decode())
            response = await http.fetch(f"{base}/files/hello.txt")
            print("GET /files/hello.txt", response.code, response.headers["Content-Type"], response.body)
            try:
                await http.fetch(f"{base}/files/missing.txt")
            except HTTPClientError as exc:
                print("GET /files/missing.txt", exc.code)
        finally:
            server.stop()
            await server.close_all_connections()
            http.close()
    for warning in sorted({f"{w.category.__name__}: {w.message}" for w in caught}):
        print(warning)
    client.close()


asyncio.run(main())
