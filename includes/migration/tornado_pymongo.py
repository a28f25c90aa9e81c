import asyncio

from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from notes_app import make_app


async def main():
    # Made inside the running loop, which Tornado shares with asyncio.
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_tornado
    await database.notes.drop()
    await AsyncGridFSBucket(database).upload_from_stream("hello.txt", b"Hello from GridFS.\n")

    sockets = bind_sockets(0, "127.0.0.1")  # port 0: the OS picks a free one
    port = sockets[0].getsockname()[1]
    server = HTTPServer(make_app(database))
    server.add_sockets(sockets)
    http = AsyncHTTPClient()
    base = f"http://127.0.0.1:{port}"
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
        await client.close()


asyncio.run(main())
