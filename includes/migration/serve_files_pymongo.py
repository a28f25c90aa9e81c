import asyncio

import aiohttp
from aiohttp import web
from gridfs import AsyncGridFSBucket
from pymongo import AsyncMongoClient

from files_app import make_app


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    database = client.migration_guide
    await AsyncGridFSBucket(database).upload_from_stream("hello.txt", b"Hello from GridFS.\n")

    runner = web.AppRunner(make_app(database))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()  # port 0: the OS picks a free one
    host, port = runner.addresses[0][:2]
    try:
        async with aiohttp.ClientSession(f"http://{host}:{port}") as http:
            for path in ("/files/hello.txt", "/files/missing.txt"):
                async with http.get(path) as response:
                    print(path, response.status, response.content_type)
                    if response.ok:
                        print(repr(await response.text()))
    finally:
        await runner.cleanup()
        await client.close()


asyncio.run(main())
