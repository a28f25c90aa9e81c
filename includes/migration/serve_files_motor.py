import asyncio
import warnings

import aiohttp
from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket

from motor_files_app import make_app


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    database = client.migration_guide
    await AsyncIOMotorGridFSBucket(database).upload_from_stream("hello.txt", b"Hello from GridFS.\n")

    # Motor's handler predates today's aiohttp and PyMongo: collect what they warn about.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
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
    for warning in sorted({f"{w.category.__name__}: {w.message}" for w in caught}):
        print(warning)
    client.close()


asyncio.run(main())
