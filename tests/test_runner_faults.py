"""The runner, fed broken examples on the fault site (tests/fault_site/runner_cases.py).

Each fault sits on a page of its own, so that one failure does not hide the
next; every one must fail with the file and line of the example at fault.
"""

from tested_examples.runner.page_runs import page_runs
from tested_examples.runner.runner import EXEMPT, FAILED, NOT_RUN, PASSED, run_page
from tested_examples.runner.tiers import MockTier


def run(fault_site, name):
    assert fault_site.warnings_of(name) == [], "the runner's pages must build cleanly"
    (page_run,) = page_runs(fault_site.manifest.pages[name])
    return run_page(page_run, MockTier(), fault_site.root, default_timeout=5)


def first_line_of(fault_site, name, needle):
    lines = (fault_site.root / f"{name}.rst").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_wrong_output_fails_with_a_diff_at_the_output_block(fault_site):
    (result,) = run(fault_site, "wrong-output")
    assert result.status == FAILED
    code_line = first_line_of(fault_site, "wrong-output", 'print("what')
    output_line = first_line_of(fault_site, "wrong-output", "what the page claims")
    assert result.message.startswith(f"wrong-output.rst:{code_line}: printed output differs from the page")
    assert f"--- wrong-output.rst:{output_line} (shown on the page)" in result.message
    assert "-what the page claims\n+what the code prints" in result.message


def test_an_exception_fails_with_a_traceback_through_the_page(fault_site):
    raised, after = run(fault_site, "raises")
    assert raised.status == FAILED
    call_line = first_line_of(fault_site, "raises", "   load()")
    raise_line = first_line_of(fault_site, "raises", "raise ValueError")
    assert raised.message.startswith("raises.rst:")
    assert "raised ValueError: broken on purpose" in raised.message
    assert f'raises.rst", line {call_line}, in <module>' in raised.message
    assert f'raises.rst", line {raise_line}, in load' in raised.message
    assert "tested_examples" not in raised.message.split("Traceback", 1)[1]
    assert after.status == NOT_RUN


def test_a_hanging_example_is_stopped_and_named(fault_site):
    (result,) = run(fault_site, "hangs")
    assert result.status == FAILED
    line = first_line_of(fault_site, "hangs", "import asyncio")
    # The example waits on an event nobody sets, so only the limit ends it. Its
    # message names the example's own limit, not the default of 5 s given to
    # the run; and the runner waited at least that long. How much longer the
    # stop took depends on the machine, so it is not checked.
    assert result.message.startswith(f"hangs.rst:{line}: the example did not finish within 1 s")
    assert result.seconds >= 1


def test_a_deprecated_call_fails(fault_site):
    (result,) = run(fault_site, "deprecated")
    assert result.status == FAILED
    assert "raised DeprecationWarning: this API is going away" in result.message


def test_an_unmarked_example_the_mock_cannot_run_fails(fault_site):
    (result,) = run(fault_site, "unmarked-gridfs")
    assert result.status == FAILED
    line = first_line_of(fault_site, "unmarked-gridfs", "import asyncio")
    assert result.message.startswith(f"unmarked-gridfs.rst:{line}: the example raised")


def test_a_marked_example_is_exempt_with_its_reason(fault_site):
    (result,) = run(fault_site, "marked-gridfs")
    assert result.status == EXEMPT
    assert result.message == "mongomock-motor has no GridFS"


def test_a_repl_statement_with_other_output_fails_at_its_line(fault_site):
    (result,) = run(fault_site, "repl-mismatch")
    assert result.status == FAILED
    line = first_line_of(fault_site, "repl-mismatch", '"motor".upper()')
    assert result.message.startswith(f"repl-mismatch.rst:{line}: the statement printed something else")
    assert "-'Motor'\n+'MOTOR'" in result.message


def test_output_the_page_does_not_show_fails(fault_site):
    (result,) = run(fault_site, "silent-output")
    assert result.status == FAILED
    assert "printed output the page does not show" in result.message


def test_a_correct_repl_session_passes(fault_site):
    (result,) = run(fault_site, "passes")
    assert result.status == PASSED, result.message


def test_an_exemption_whose_example_now_runs_fails_the_run(fault_site):
    (result,) = run(fault_site, "stale-exemption")
    line = first_line_of(fault_site, "stale-exemption", 'print("it ran")')
    assert result.status == FAILED
    assert result.message.startswith(f"exemption no longer needed: stale-exemption.rst:{line} runs on")


def test_an_exemption_whose_example_fails_otherwise_than_its_reason_says_fails(fault_site):
    (result,) = run(fault_site, "stale-reason")
    assert result.status == FAILED
    assert result.message.startswith("exemption reason no longer matches: stale-reason.rst:")
    assert "because it raises TypeError" in result.message and "ValueError: another failure" in result.message


def test_an_exemption_that_still_holds_stays_an_exemption(fault_site):
    (result,) = run(fault_site, "exemption-holds")
    assert (result.status, result.message) == (EXEMPT, "the mock raises a TypeError here")
