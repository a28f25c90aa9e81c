"""The converter's proof can fail: with a rule broken, a converted page prints something else."""

from dataclasses import replace

import pytest

from motor_to_pymongo import transform
from tested_examples.runner import converted
from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.tiers import LiveTier
from tested_examples.site_build import ROOT


@pytest.fixture
def aggregation_run(manifest):
    runs = converted.motor_runs(manifest.pages["source/howto/aggregation"])
    return next(run for run in runs if run.flavor == "asyncio")


@pytest.fixture
def live(server_uri):
    tier = LiveTier(server_uri)
    yield tier
    tier.close()


# The broken conversion leaves aggregate() unawaited: that is the failure this test wants.
@pytest.mark.filterwarnings("ignore:coroutine 'AsyncCollection.aggregate' was never awaited:RuntimeWarning")
def test_a_broken_rule_fails_the_converted_page(aggregation_run, live, monkeypatch):
    # Forget that aggregate() is awaited in PyMongo Async.
    broken = {k: v for k, v in transform.AWAIT_CALLS.items() if k != "aggregate"}
    monkeypatch.setattr(transform, "AWAIT_CALLS", broken)
    outcome = converted.check_run(aggregation_run, live, ROOT)
    assert outcome.failures
    assert outcome.failures[0].startswith("[converted] source/howto/aggregation.rst:")


def test_the_converted_page_prints_what_motor_prints(aggregation_run, live):
    outcome = converted.check_run(aggregation_run, live, ROOT)
    assert outcome.failures == ()
    assert outcome.converted > 0 and outcome.identical == outcome.converted


def test_a_session_converts_statement_by_statement():
    context = transform.Context()
    code = (
        ">>> from motor.motor_asyncio import AsyncIOMotorClient\n"
        ">>> client = AsyncIOMotorClient()\n"
        ">>> async for doc in client.db.c.aggregate([]):\n"
        "...     print(doc)\n"
        "...\n"
        "{'a': 1}\n"
        ">>> client.close()"
    )
    text, findings = converted.convert_repl(code, context)
    assert text == (
        ">>> from pymongo import AsyncMongoClient\n"
        ">>> client = AsyncMongoClient()\n"
        ">>> async for doc in await client.db.c.aggregate([]):\n"
        "...     print(doc)\n"
        "...\n"
        "{'a': 1}\n"
        ">>> await client.close()"
    )
    assert not [f for f in findings if f.manual]


def test_a_module_left_for_a_person_ends_the_run(manifest, live):
    # live_orders.py calls asyncio.run() under __main__, but later examples import it:
    # with its watch() left for a person, running them converted could only fail.
    runs = converted.motor_runs(manifest.pages["source/howto/change-stream-app"])
    run = next(run for run in runs if run.flavor == "asyncio")
    outcome = converted.check_run(run, live, ROOT)
    assert outcome.failures == ()
    assert any("were not run converted" in reason for reason in outcome.manual)


def pymongo_run(manifest, docname):
    runs = page_runs(manifest.pages[docname])
    return next(run for run in runs if run.flavor == "PyMongo Async")


def test_a_converted_run_that_is_the_pages_pymongo_run_is_proven_by_it(manifest, aggregation_run):
    # The aggregation guide's PyMongo Async tabs are the converter's own output.
    conversions = converted.convert_run(aggregation_run)
    twin = pymongo_run(manifest, "source/howto/aggregation").examples
    assert converted.same_as(conversions, {"live[PyMongo Async]": twin}) == "live[PyMongo Async]"
    outcome = converted.proven_outcome(conversions)
    assert outcome.converted == sum(c.changed for c in conversions) > 0
    assert outcome.identical + outcome.exempt == outcome.converted


def test_a_run_that_differs_in_one_output_is_run_on_its_own(manifest, aggregation_run):
    conversions = converted.convert_run(aggregation_run)
    twin = list(pymongo_run(manifest, "source/howto/aggregation").examples)
    twin[-1] = replace(twin[-1], output=(twin[-1].output or "") + "something else\n")
    assert converted.same_as(conversions, {"live[PyMongo Async]": tuple(twin)}) is None


def test_a_run_left_partly_for_a_person_is_never_proven_by_another(manifest):
    runs = converted.motor_runs(manifest.pages["source/howto/change-stream-app"])
    conversions = converted.convert_run(next(run for run in runs if run.flavor == "asyncio"))
    assert any(c.manual for c in conversions)
    as_run = tuple(c.example for c in conversions)
    assert converted.same_as(conversions, {"itself": as_run}) is None
