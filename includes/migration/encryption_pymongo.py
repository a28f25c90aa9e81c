import asyncio
import os

from bson.binary import STANDARD
from bson.codec_options import CodecOptions
from pymongo import AsyncMongoClient
from pymongo.asynchronous.encryption import AsyncClientEncryption
from pymongo.encryption import Algorithm

# A throwaway local master key, enough to show the calls; real keys belong in a KMS.
KMS_PROVIDERS = {"local": {"key": os.urandom(96)}}
DETERMINISTIC = Algorithm.AEAD_AES_256_CBC_HMAC_SHA_512_Deterministic


async def main():
    client = AsyncMongoClient("<your MongoDB connection string>")
    async with AsyncClientEncryption(
        KMS_PROVIDERS, "migration_guide.keys", client, CodecOptions(uuid_representation=STANDARD)
    ) as encryption:
        await client.migration_guide.keys.drop()
        key_id = await encryption.create_data_key("local")
        secret = await encryption.encrypt("4111 1111 1111 1111", DETERMINISTIC, key_id=key_id)
        print("ciphertext: BSON binary subtype", secret.subtype)
        print("plaintext:", await encryption.decrypt(secret))
        keys = encryption.get_keys()  # the cursor itself, without an await
        print("keys in the vault:", [key["_id"] == key_id async for key in keys])
    await client.close()


asyncio.run(main())
