"""Run one example the way a reader would, and capture what it prints.

* A script runs top to bottom as ``__main__``, as ``python file.py`` does.
* A module (``:module: name``) runs as the module *name* and stays importable
  for the rest of the page, as a file the reader saved would.
* A REPL block runs statement by statement in the manner of
  ``python -m asyncio``: on one event loop kept for the whole page, with
  top-level ``await`` allowed and each expression's value echoed.

Code is compiled under its real file name, padded so that line numbers are
the page's (or the included file's): a traceback points at the page.
"""

import ast
import asyncio
import builtins
import inspect
import io
import sys
import traceback
import types
import warnings
from contextlib import contextmanager, redirect_stdout

from . import repl

TOP_LEVEL_AWAIT = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def new_namespace():
    """The globals a page run starts with: those of a fresh ``__main__``."""
    return {"__name__": "__main__", "__builtins__": builtins, "__doc__": None}


def compile_at(code, filename, line, mode="exec", flags=0):
    """Compile *code* so that its first line is line *line* of *filename*."""
    return compile("\n" * (line - 1) + code, filename, mode, flags=flags, dont_inherit=True)


@contextmanager
def capture_stdout():
    """Collect what is printed; the REPL's echo goes to the same place."""
    buffer = io.StringIO()
    saved_hook = sys.displayhook
    sys.displayhook = sys.__displayhook__
    try:
        with redirect_stdout(buffer), warnings.catch_warnings():
            # Examples must use today's APIs: a deprecated call fails the example.
            warnings.simplefilter("error", DeprecationWarning)
            warnings.simplefilter("error", PendingDeprecationWarning)
            yield buffer
    finally:
        sys.displayhook = saved_hook


def run_script(code, filename, line, namespace):
    """Run a script block in *namespace*; return what it printed."""
    compiled = compile_at(code, filename, line)
    with capture_stdout() as out:
        exec(compiled, namespace)
    return out.getvalue()


def run_module(code, filename, line, name, modules):
    """Run a block as module *name*, register it for import, and return what it printed."""
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    modules.append(name)
    compiled = compile_at(code, filename, line)
    with capture_stdout() as out:
        exec(compiled, module.__dict__)
    return out.getvalue()


class StatementFailed(Exception):
    """A REPL statement printed something else than the page shows."""

    def __init__(self, statement, line, printed, raised=None):
        super().__init__(statement.source)
        self.statement = statement
        self.line = line
        self.printed = printed
        self.raised = raised


class ReplSession:
    """One ``python -m asyncio`` session, shared by a page run's REPL blocks."""

    def __init__(self, namespace):
        self.namespace = namespace
        self.runner = asyncio.Runner()

    def run_block(self, code, filename, line, check):
        """Run each statement of a block; *check(want, printed)* judges its output.

        Raises StatementFailed at the first statement whose output, or whose
        exception, is not the one the page shows.
        """
        for statement in repl.statements(code):
            statement_line = line + statement.line_offset
            compiled = compile_at(statement.source, filename, statement_line, "single", TOP_LEVEL_AWAIT)
            with capture_stdout() as out:
                try:
                    self.runner.run(self._execute(compiled))
                    raised = None
                except Exception as exc:
                    if statement.exception is None:
                        raise
                    raised = exc
            printed = out.getvalue()
            if statement.exception is not None:
                shown = "".join(traceback.format_exception_only(type(raised), raised)) if raised else ""
                if raised is None or not check(statement.exception, shown):
                    raise StatementFailed(statement, statement_line, printed + shown, raised)
            elif not check(statement.want, printed):
                raise StatementFailed(statement, statement_line, printed)

    async def _execute(self, compiled):
        # As in the asyncio REPL, the statement runs inside the loop, and a
        # statement with top-level await compiles to a coroutine to await.
        result = eval(compiled, self.namespace)
        if inspect.iscoroutine(result):
            await result

    def close(self):
        self.runner.close()


class PageState:
    """What the examples of one run share, and its clean-up.

    One namespace, one REPL session (started when the first ``>>>`` block
    needs it), and the modules ``:module:`` blocks registered, which are
    unregistered again when the run ends.
    """

    def __init__(self):
        self.namespace = new_namespace()
        self.modules = []
        self._session = None

    @property
    def session(self):
        if self._session is None:
            self._session = ReplSession(self.namespace)
        return self._session

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self._session is not None:
            self._session.close()
        for name in self.modules:
            sys.modules.pop(name, None)
