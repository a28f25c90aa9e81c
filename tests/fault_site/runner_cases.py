"""Examples for the runner: each fault on a page of its own, so that one failure does not hide the
next, and each page building cleanly (the runner, not the build, must find the fault).

tests/test_runner_faults.py runs them on the mock tier.
"""

from .case import Case, page_text

PAGES = {
    "stale-exemption": """
        .. code-block:: python
           :exempt-mock: the mock cannot do this (it can)

           print("it ran")

        .. output::

           it ran
        """,
    "stale-reason": """
        .. code-block:: python
           :exempt-mock: the mock raises a TypeError here

           raise ValueError("another failure")
        """,
    "exemption-holds": """
        .. code-block:: python
           :exempt-mock: the mock raises a TypeError here

           raise TypeError("the failure the reason names")
        """,
    "wrong-output": """
        .. code-block:: python

           print("what the code prints")

        .. output::

           what the page claims
        """,
    "raises": """
        .. code-block:: python

           def load():
               raise ValueError("broken on purpose")


           load()

        .. code-block:: python

           print("never reached")
        """,
    "hangs": """
        .. code-block:: python
           :timeout: 1

           import asyncio


           async def main():
               await asyncio.Event().wait()


           asyncio.run(main())
        """,
    "deprecated": """
        .. code-block:: python

           import warnings

           warnings.warn("this API is going away", DeprecationWarning)
        """,
    "unmarked-gridfs": """
        .. code-block:: python

           import asyncio

           from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket


           async def main():
               client = AsyncIOMotorClient("mongodb://localhost:27017")
               bucket = AsyncIOMotorGridFSBucket(client.faults)
               await bucket.upload_from_stream("a.txt", b"data")
               client.close()


           asyncio.run(main())
        """,
    "marked-gridfs": """
        .. code-block:: python
           :exempt-mock: mongomock-motor has no GridFS

           from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorGridFSBucket

           client = AsyncIOMotorClient("mongodb://localhost:27017")
           AsyncIOMotorGridFSBucket(client.faults)
        """,
    "repl-mismatch": """
        .. code-block:: pycon

           >>> 6 * 7
           42
           >>> "motor".upper()
           'Motor'
        """,
    "silent-output": """
        .. code-block:: python

           print("output the page never shows")
        """,
    "passes": """
        .. code-block:: pycon

           >>> from motor.motor_asyncio import AsyncIOMotorClient
           >>> client = AsyncIOMotorClient("mongodb://localhost:27017")
           >>> result = await client.faults.things.insert_one({"n": 1})
           >>> result.inserted_id
           ObjectId('000000000000000000000000')
           >>> await client.faults.things.count_documents({})
           1
           >>> client.close()
        """,
}

CASES = {name: Case(files={f"{name}.rst": page_text(f"Fault: {name}", body)}) for name, body in PAGES.items()}
