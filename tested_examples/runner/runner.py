"""Run a page's examples on a tier, in page order, and say how each went."""

import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import exemptions, output_check
from .evaluators import PageState, StatementFailed, run_module, run_script
from .placeholders import substitute
from .timeouts import ExampleTimeout, time_limit

DEFAULT_TIMEOUT = 10.0

PASSED, FAILED, EXEMPT, NOT_RUN = "passed", "failed", "exempt", "not run"


@dataclass(frozen=True)
class ExampleResult:
    example: object
    tier: str
    flavor: str | None
    status: str
    message: str = ""
    seconds: float = 0.0

    def as_dict(self):
        e = self.example
        return {
            "page": e.docname,
            "index": e.index,
            "source": e.source,
            "line": e.line,
            "flavor": self.flavor,
            "tier": self.tier,
            "status": self.status,
            "message": self.message,
            "seconds": round(self.seconds, 4),
        }


def run_page(page_run, tier, srcdir, default_timeout=DEFAULT_TIMEOUT):
    """Run every example of *page_run* on *tier*; return one result per example.

    The run goes on past an exemption, but stops at the first failure: the
    examples after it may need what it should have made, so they are
    reported as not run rather than as failures of their own.

    An example exempt on this tier for a reason of its own is still run,
    once the page's other examples are done, so that an exemption cannot
    outlive its cause (see ``exemptions``).
    """
    results = []
    srcdir = Path(srcdir)
    failed_at = None
    to_recheck = []
    with PageState() as state, tier.page_context(page_run) as uri:

        def run(example):
            timeout = example.timeout or default_timeout
            return run_example(example, substitute(example.code, uri), srcdir, state, timeout)

        for example in page_run.examples:
            reason = tier.exemption(example, page_run.flavor)
            if reason:
                results.append(ExampleResult(example, tier.name, page_run.flavor, EXEMPT, reason))
                if exemptions.can_recheck(tier, example, page_run.flavor):
                    to_recheck.append(len(results) - 1)
                continue
            if failed_at is not None:
                message = f"not run: the example at {failed_at} failed first"
                results.append(ExampleResult(example, tier.name, page_run.flavor, NOT_RUN, message))
                continue
            started = time.perf_counter()
            problem = run(example)
            status = FAILED if problem else PASSED
            elapsed = time.perf_counter() - started
            results.append(ExampleResult(example, tier.name, page_run.flavor, status, problem or "", elapsed))
            if problem:
                failed_at = example.location
        if failed_at is None:
            for index in to_recheck:
                exempt = results[index]
                problem = exemptions.stale(tier, exempt.example, run(exempt.example))
                if problem:
                    results[index] = ExampleResult(
                        exempt.example, tier.name, page_run.flavor, FAILED, problem
                    )
    return results


def run_alone(example, uri, srcdir, default_timeout=DEFAULT_TIMEOUT):
    """Run one example by itself against *uri*; None when it did what the page shows, else why not.

    For tests that run an example against a server of their own (one with
    access control, or TLS) because the tiers' server cannot show it.
    """
    with PageState() as state:
        return run_example(
            example, substitute(example.code, uri), Path(srcdir), state, example.timeout or default_timeout
        )


def run_example(example, code, srcdir, state, timeout):
    """Run one example; return None when it did what the page shows, else why not."""
    filename = str(srcdir / example.source)
    try:
        with time_limit(timeout):
            if example.context == "repl":
                state.session.run_block(code, filename, example.line, output_check.matches)
                return None
            if example.module:
                printed = run_module(code, filename, example.line, example.module, state.modules)
            else:
                printed = run_script(code, filename, example.line, state.namespace)
    except ExampleTimeout as exc:
        return f"{example.location}: the example {exc} (a per-example time limit; raise it with :timeout:)"
    except StatementFailed as failure:
        return statement_failure(example, failure)
    except BaseException as exc:  # noqa: BLE001 - a failing example must not end the run
        if isinstance(exc, KeyboardInterrupt):
            raise
        return f"{example.location}: the example raised {type(exc).__name__}: {exc}\n" + example_traceback(
            exc, filename
        )
    return check_printed(example, printed)


def check_printed(example, printed):
    expected = example.output
    if expected is None:
        if printed.strip():
            return (
                f"{example.location}: the example printed output the page does not show; "
                f"add an `.. output::` block after it:\n{printed}"
            )
        return None
    if output_check.matches(expected, printed):
        return None
    label = f"{example.output_source}:{example.output_line}"
    return f"{example.location}: printed output differs from the page\n" + output_check.diff(
        expected, printed, label
    )


def statement_failure(example, failure):
    statement = failure.statement
    where = f"{example.source}:{failure.line}"
    if failure.raised is None and statement.exception is None:
        return f"{where}: the statement printed something else than the page shows\n" + output_check.diff(
            statement.want, failure.printed, where
        )
    expected = statement.exception or statement.want
    return f"{where}: the statement did not raise what the page shows\n" + output_check.diff(
        expected, failure.printed, where
    )


def example_traceback(exc, filename):
    """The traceback from the example's own first frame on, without the runner's frames."""
    frames = traceback.extract_tb(exc.__traceback__)
    start = next((i for i, frame in enumerate(frames) if frame.filename == filename), 0)
    lines = traceback.format_list(frames[start:])
    lines += traceback.format_exception_only(type(exc), exc)
    return "Traceback (most recent call last):\n" + "".join(lines)
