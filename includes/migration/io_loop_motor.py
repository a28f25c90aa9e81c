import asyncio

from motor.motor_asyncio import AsyncIOMotorClient


async def main():
    # Motor accepts the loop to run on; it has to be the loop running this code.
    loop = asyncio.get_running_loop()
    client = AsyncIOMotorClient("<your MongoDB connection string>", io_loop=loop)
    reply = await client.admin.command("ping")
    print("ping ok:", reply["ok"])
    client.close()


asyncio.run(main())
