import asyncio

from pymongo import AsyncMongoClient


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    await client.admin.command("ping")
    try:
        # A worker thread, with an event loop of its own, borrows the client.
        await asyncio.to_thread(asyncio.run, client.admin.command("ping"))
    except RuntimeError as exc:
        print(f"{type(exc).__name__}: {exc}")
    finally:
        await client.close()


asyncio.run(main())
