"""``.. flavors::`` tab sets: pages that must build cleanly, and pages that must each fail with
warnings of their own. tests/test_flavor_set.py reads both.
"""

from .case import Case, page_text

GOOD_PAGES = {
    "manual-place": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              AsyncIOMotorClient().db.c.find().each(print)

           .. flavor:: PyMongo Async

              .. code-block:: python

                 print("written by a person")
        """,
    "across-blocks": """
        .. flavors::

           .. code-block:: pycon

              >>> from motor.motor_asyncio import AsyncIOMotorClient
              >>> client = AsyncIOMotorClient()

        .. include:: close-client.txt
        """,
    "basic": """
        .. flavors::

           Connect with a client.

           .. code-block:: python
              :exempt-mock: the mock's AsyncIOMotorClient lists no databases

              import asyncio

              from motor.motor_asyncio import AsyncIOMotorClient


              async def main():
                  client = AsyncIOMotorClient("mongodb://localhost:27017")
                  print(await client.list_database_names())
                  client.close()


              asyncio.run(main())

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              Connect with PyMongo's own client.

              .. code-block:: python

                 import asyncio

                 from pymongo import AsyncMongoClient


                 async def main():
                     client = AsyncMongoClient("mongodb://localhost:27017")
                     print(await client.list_database_names())
                     await client.close()


                 asyncio.run(main())

        .. output::

           ['admin', 'config', 'local']
        """,
    "per-tab-output": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              print(AsyncIOMotorClient)

           .. output::

              <class 'motor.motor_asyncio.AsyncIOMotorClient'>

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              .. code-block:: python

                 from pymongo import AsyncMongoClient

                 print(AsyncMongoClient)

              .. output::

                 <class 'pymongo.asynchronous.mongo_client.AsyncMongoClient'>
        """,
    "page-flavors": """
        .. page-flavors:: Tornado, PyMongo Async

        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient
        """,
    "same-motor-code": """
        .. flavors::

           .. code-block:: python

              print("Motor returns the cursor at once")

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              .. code-block:: python

                 print("PyMongo Async awaits it")
        """,
    "only": """
        .. flavors::
           :only: asyncio, PyMongo Async

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient
        """,
    "pymongo-first": """
        .. flavors::
           :only: PyMongo Async, asyncio

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient
        """,
    "tornado-section": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              client = AsyncIOMotorClient()

           .. flavor:: Tornado

              .. code-block:: python

                 import tornado.web
                 from motor.motor_tornado import MotorClient

                 app = tornado.web.Application(db=MotorClient().app)
        """,
    "stale-tab-set": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              print(AsyncIOMotorClient.__name__)

           .. output::

              AsyncIOMotorClient

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              .. code-block:: python

                 from pymongo import AsyncMongoClient

        PyMongo needs nothing in the next set.

        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              print("second")

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              PyMongo has no step here.

        .. output::

           second
        """,
}

SHARED_OUTPUT_PAGE = """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              print("x")

           .. output::

              x

           .. flavor:: PyMongo Async
              :by-hand: a test of a hand-written tab

              .. code-block:: python

                 print("x")
        {pymongo_output}
        .. output::

           x
        """

FAULT_PAGES = {
    "by-hand-tornado": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

           .. flavor:: Tornado
              :by-hand: a reason where none is asked for

              .. code-block:: python

                 from motor.motor_tornado import MotorClient
        """,
    "derivable-section": """
        .. flavors::

           .. code-block:: pycon

              >>> from motor.motor_asyncio import AsyncIOMotorClient
              >>> client = AsyncIOMotorClient()
              >>> client.close()

           .. flavor:: PyMongo Async
              :by-hand: a reason that cannot save a copy

              .. code-block:: pycon

                 >>> from pymongo import AsyncMongoClient
                 >>> client = AsyncMongoClient()
                 >>> await client.close()
        """,
    "by-hand-missing": """
        .. flavors::

           .. code-block:: pycon

              >>> from motor.motor_asyncio import AsyncIOMotorClient
              >>> client = AsyncIOMotorClient()

           .. flavor:: PyMongo Async

              .. code-block:: pycon

                 >>> from pymongo import AsyncMongoClient
                 >>> client = AsyncMongoClient("mongodb://localhost")
        """,
    "identical": """
        .. flavors::

           .. code-block:: python

              print("no Motor here")
        """,
    "unknown-name": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              unknown = AsyncIOMotorUnknown()

           .. flavor:: PyMongo Async

              .. code-block:: python

                 from pymongo import AsyncMongoClient
        """,
    "missing-pymongo": """
        Text.

        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

              AsyncIOMotorClient().db.c.find().each(print)
        """,
    "flavor-outside": """
        Text.

        .. flavor:: PyMongo Async

           .. code-block:: python

              from pymongo import AsyncMongoClient
        """,
    "only-unknown": """
        .. flavors::
           :only: asyncio, Trio

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient
        """,
    "section-not-offered": """
        .. flavors::
           :only: asyncio, PyMongo Async

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

           .. flavor:: Tornado

              .. code-block:: python

                 from motor.motor_tornado import MotorClient

           .. flavor:: PyMongo Async

              .. code-block:: python

                 from pymongo import AsyncMongoClient
        """,
    "second-section": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

           .. flavor:: PyMongo Async

              .. code-block:: python

                 from pymongo import AsyncMongoClient

           .. flavor:: PyMongo Async

              .. code-block:: python

                 import pymongo
        """,
    "empty-section": """
        .. flavors::

           .. code-block:: python

              from motor.motor_asyncio import AsyncIOMotorClient

           .. flavor:: PyMongo Async
        """,
    # The asyncio tab (and so the derived Tornado one) has its own output; the PyMongo one, only
    # on the second page.
    "shared-output-after-some": SHARED_OUTPUT_PAGE.format(pymongo_output=""),
    "shared-output-after-all": SHARED_OUTPUT_PAGE.format(
        pymongo_output="\n              .. output::\n\n                 x\n"
    ),
}

# A fragment that uses the client the including page made (as the tutorials' fragments do).
CLOSE_CLIENT = ".. flavors::\n\n   .. code-block:: pycon\n\n      >>> client.close()\n"
FRAGMENTS = {"across-blocks": {"close-client.txt": CLOSE_CLIENT}}


def files(name, body):
    return {f"{name}.rst": page_text(f"Flavors: {name}", body), **FRAGMENTS.get(name, {})}


CASES = {
    **{name: Case(files=files(name, body)) for name, body in GOOD_PAGES.items()},
    **{name: Case(files=files(name, body), warns_at=(f"{name}.rst",)) for name, body in FAULT_PAGES.items()},
}
