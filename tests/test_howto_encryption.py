"""The encryption guide: what it says about the drivers and the servers here holds.

* Each example the page keeps off the mock tier still fails there, with the
  error its reason names.
* The claims its examples do not show are checked on the live server: the
  errors for a wrong master key and an unknown key name, the message of a
  client that requires ``crypt_shared`` where there is none (and that it is no
  ``PyMongoError``), the live server's answer to an encrypted collection, and
  where PyMongo keeps ``AsyncClientEncryption``.
"""

import os
import warnings

import pymongo.encryption
import pytest
from bson.binary import STANDARD
from bson.codec_options import CodecOptions
from pymongo import AsyncMongoClient
from pymongo.asynchronous.encryption import AsyncClientEncryption
from pymongo.encryption import Algorithm
from pymongo.encryption_options import AutoEncryptionOpts
from pymongo.errors import EncryptedCollectionError, EncryptionError, PyMongoError
from pymongocrypt.errors import MongoCryptError

from tests.exemption_checks import assert_mock_exemptions_hold
from tests.live_databases import with_databases

PAGE = "source/howto/encryption"
DATABASE = "test_howto_encryption"
KEY_VAULT = f"{DATABASE}.__keyVault"
CODEC_OPTIONS = CodecOptions(uuid_representation=STANDARD)
RANDOM = Algorithm.AEAD_AES_256_CBC_HMAC_SHA_512_Random

NO_PYMONGO_CLIENT = "MongoClient required but given"
MOCK_FAILURES = {
    f"raises TypeError: {name} needs a PyMongo client under the Motor client, "
    "and mongomock-motor's client has none": NO_PYMONGO_CLIENT
    for name in ("AsyncIOMotorClientEncryption", "MotorClientEncryption")
}
CRYPT_SHARED_MISSING = (
    "crypt_shared_lib_required=True but the crypt_shared library could not be loaded from "
    "crypt_shared_lib_path=None or the operating system's dynamic library search path"
)


def local_master_key():
    return {"local": {"key": os.urandom(96)}}


def test_mock_exemptions_still_hold(manifest, site_build):
    assert_mock_exemptions_hold(manifest, site_build.srcdir, PAGE, MOCK_FAILURES)


def test_async_client_encryption_lives_in_pymongo_asynchronous():
    assert not hasattr(pymongo.encryption, "AsyncClientEncryption")
    assert hasattr(pymongo.encryption, "ClientEncryption")


def test_a_wrong_master_key_or_key_name_raises_encryption_error(server_uri):
    async def check(motor_db, pymongo_db):
        client = pymongo_db.client
        async with AsyncClientEncryption(local_master_key(), KEY_VAULT, client, CODEC_OPTIONS) as right:
            await right.create_data_key("local", key_alt_names=["patients"])
            secret = await right.encrypt("hypertension", RANDOM, key_alt_name="patients")
            with pytest.raises(EncryptionError, match="not all keys requested were satisfied"):
                await right.encrypt("hypertension", RANDOM, key_alt_name="no such key")
        async with AsyncClientEncryption(local_master_key(), KEY_VAULT, client, CODEC_OPTIONS) as wrong:
            with pytest.raises(EncryptionError, match="HMAC validation failure"):
                await wrong.decrypt(secret)

    with_databases(server_uri, DATABASE, check)


def test_a_client_that_requires_crypt_shared_fails_where_it_is_made(server_uri):
    options = AutoEncryptionOpts(local_master_key(), KEY_VAULT, crypt_shared_lib_required=True)
    with pytest.raises(MongoCryptError) as raised:
        AsyncMongoClient(server_uri, auto_encryption_opts=options)
    assert str(raised.value) == CRYPT_SHARED_MISSING
    assert not isinstance(raised.value, PyMongoError)


@pytest.mark.asyncio
async def test_without_crypt_shared_required_the_client_is_made_quietly(server_uri):
    """The mongocryptd warning comes at the first write, not when the client is made."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = AsyncMongoClient(
            server_uri, auto_encryption_opts=AutoEncryptionOpts(local_master_key(), KEY_VAULT)
        )
        await client.close()
    assert [str(w.message) for w in caught] == []


def test_the_live_server_answers_as_a_replica_set_but_rejects_encrypted_fields(server_uri):
    async def check(motor_db, pymongo_db):
        hello = await pymongo_db.client.admin.command("hello")
        assert hello.get("setName"), hello
        fields = {"fields": [{"path": "ssn", "bsonType": "string", "queries": [{"queryType": "equality"}]}]}
        client = pymongo_db.client
        async with AsyncClientEncryption(local_master_key(), KEY_VAULT, client, CODEC_OPTIONS) as encryption:
            with pytest.raises(
                EncryptedCollectionError, match="BSON field 'create.encryptedFields' is an unknown field"
            ):
                await encryption.create_encrypted_collection(pymongo_db, "patients", fields, "local")

    with_databases(server_uri, DATABASE, check)
