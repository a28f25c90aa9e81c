import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    await client.admin.command("ping")
    # A plain method in Motor: it closes the client before it returns.
    print("close() returned", client.close())


asyncio.run(main())
