import asyncio
import os

from bson.binary import STANDARD
from bson.codec_options import CodecOptions
from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorClientEncryption
from pymongo.encryption import Algorithm

# A throwaway local master key, enough to show the calls; real keys belong in a KMS.
KMS_PROVIDERS = {"local": {"key": os.urandom(96)}}
DETERMINISTIC = Algorithm.AEAD_AES_256_CBC_HMAC_SHA_512_Deterministic


async def main():
    client = AsyncIOMotorClient("<your MongoDB connection string>")
    encryption = AsyncIOMotorClientEncryption(
        KMS_PROVIDERS, "migration_guide.keys", client, CodecOptions(uuid_representation=STANDARD)
    )
    await client.migration_guide.keys.drop()
    key_id = await encryption.create_data_key("local")
    secret = await encryption.encrypt("4111 1111 1111 1111", DETERMINISTIC, key_id=key_id)
    print("ciphertext: BSON binary subtype", secret.subtype)
    print("plaintext:", await encryption.decrypt(secret))
    keys = await encryption.get_keys()  # a coroutine in Motor: await it for the cursor
    print("keys in the vault:", [key["_id"] == key_id async for key in keys])
    await encryption.close()
    client.close()


asyncio.run(main())
