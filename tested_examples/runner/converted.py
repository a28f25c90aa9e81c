"""The converter's proof: a page's Motor examples, converted to PyMongo Async, print what Motor's print.

For each run of a page in a Motor flavour (asyncio, Tornado, and the single
run of a page without tabs that shows Motor code), every example is passed
through ``motor_to_pymongo`` in page order, with one converter context, so
a name made in one example is known in the next, as the runner's namespace
knows it. The converted examples then run on the live tier, and each must
print the output the page shows for its Motor original.

Where the converter reports a place for a person, the run stops before that
example: the examples before it are checked, it and the ones after are
counted as needing manual changes, with the converter's reasons. So every
example is either converted (and then must print the same) or reported.

A converted run is often, to the letter, a run the suite makes anyway: the
page's PyMongo Async tabs are derived by this converter, so the page's
``live[PyMongo Async]`` test runs the same code, in the same order, against
the same output. Such a run is not made twice (``same_as``); its outcome is
counted from the conversion, and the other test proves it.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, replace

import motor_to_pymongo
from motor_to_pymongo.cli import plain

from .page_runs import page_runs
from .runner import EXEMPT, FAILED, PASSED, run_page

MOTOR_FLAVORS = ("asyncio", "Tornado")
# Messages that name the driver's own class: the same behaviour, said with the other class's name.
# The Motor output is compared with these replaced, and the report counts them apart.
RENAMED_IN_MESSAGES = {
    "Cannot use MongoClient after close": "Cannot use AsyncMongoClient after close",
}
PROMPT = re.compile(r"^(>>> |\.\.\. |\.\.\.$|>>>$)")


def motor_runs(page):
    """The page's runs in a Motor flavour (a page without tabs: its run, when it shows Motor code)."""
    runs = []
    for run in page_runs(page):
        if run.flavor in MOTOR_FLAVORS or (
            run.flavor is None and any("motor" in e.code for e in run.examples)
        ):
            runs.append(run)
    return runs


@dataclass(frozen=True)
class Conversion:
    example: object  # the example with the converted code
    original: object
    changed: bool
    manual: tuple  # "line: [rule] detail: fix" for each place left for a person


def convert_repl(code, context):
    """Convert a >>> session statement by statement, keeping its output lines where they are."""
    context.top_level_await = True
    try:
        return convert_statements(code, context)
    finally:
        context.top_level_await = False


def convert_statements(code, context):
    lines = code.split("\n")
    out, findings, index = [], [], 0
    while index < len(lines):
        if not lines[index].startswith(">>>"):
            out.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].startswith("..."):
            end += 1
        group = lines[index:end]
        closing = [group.pop()] if len(group) > 1 and group[-1].rstrip() == "..." else []
        source = "\n".join(PROMPT.sub("", line) for line in group) + "\n"
        result = motor_to_pymongo.convert_source(source, context)
        findings += [replace(f, line=f.line + index) for f in result.findings]
        new = result.text.rstrip("\n").split("\n")
        out += [
            (">>> " if i == 0 else "... ") + line if line else ("..." if i else ">>>")
            for i, line in enumerate(new)
        ]
        out += closing
        index = end
    return "\n".join(out), findings


class PageConverter:
    """Converts a page's examples one after another, with one converter Context.

    The runner runs a page's examples in one namespace, so a name one of them
    binds to a Motor object is known to the next; converting them in the same
    order with one Context lets the converter know it too. The proof run and
    the PyMongo Async tabs derived while the site is read (``pymongo_flavor``)
    both convert through this, so they agree on what each example becomes.
    """

    def __init__(self):
        self.context = motor_to_pymongo.Context()

    def convert(self, code, kind):
        """(text, findings) for one example; *kind* is 'repl' or 'script'. Raises SyntaxProblem."""
        if is_pymongo_async(code):
            # Already PyMongo Async (a migration guide's "after" block): it runs as it is, and what
            # the Motor blocks before it made is no longer in play.
            self.context = motor_to_pymongo.Context()
            return code, ()
        if kind == "repl":
            return convert_repl(code, self.context)
        result = motor_to_pymongo.convert_source(code, self.context)
        return result.text, result.findings


def convert_run(page_run):
    """The run's examples, each with its conversion, in page order."""
    converter = PageConverter()
    conversions = []
    for example in page_run.examples:
        if is_pymongo_async(example.code):
            converter.convert(example.code, example.context)
            conversions.append(Conversion(example, example, False, ()))
            continue
        try:
            text, findings = converter.convert(example.code, example.context)
        except motor_to_pymongo.SyntaxProblem as exc:
            manual = (f"{example.source}:{example.line + exc.line - 1}: does not parse: {exc}",)
            conversions.append(Conversion(example, example, False, manual))
            continue
        manual = tuple(
            f"{example.source}:{example.line + f.line - 1}: [{f.rule.id}] {f.detail}: {plain(f.rule.fix)}"
            for f in findings
            if f.manual
        )
        converted = replace(example, code=text, output=renamed_in_messages(example.output))
        conversions.append(Conversion(converted, example, text != example.code, manual))
    return conversions


def is_pymongo_async(code):
    return "AsyncMongoClient" in code and "motor" not in code


def renamed_in_messages(output):
    for motor, pymongo in RENAMED_IN_MESSAGES.items():
        output = output.replace(motor, pymongo) if output else output
    return output


class ConvertedTier:
    """The live tier, for converted examples: one exempt from it on the page stays out, unrechecked."""

    name = "live"

    def __init__(self, live):
        self.live = live

    def categorical_exemption(self, example, flavor):
        reason = example.exempt.get("live")
        return f"exempt on the live tier on the page: {reason}" if reason else None

    def exemption(self, example, flavor):
        return self.categorical_exemption(example, flavor)

    @contextmanager
    def page_context(self, page_run):
        with self.live.page_context(page_run) as uri:
            yield uri


@dataclass(frozen=True)
class Outcome:
    converted: int  # examples the converter changed
    identical: int  # of those, the ones that ran and printed what the Motor example prints
    exempt: int  # of those, the ones exempt from the live tier on the page, so not run
    manual: tuple  # reasons, one per place left for a person (with the examples it stopped)
    failures: tuple  # converted examples that did not print what the page shows

    def as_dict(self):
        return {
            "converted": self.converted,
            "identical": self.identical,
            "exempt": self.exempt,
            "manual": list(self.manual),
            "failures": list(self.failures),
        }


def self_contained(example):
    """A script that runs its own event loop: the examples after it do not need what it made.

    A ``:module:`` block is never self-contained, even with an ``asyncio.run()`` under
    ``if __name__ == "__main__":``, since later examples import it.
    """
    return example.context == "script" and example.module is None and "asyncio.run(" in example.code


def check_run(page_run, live, srcdir, conversions=None):
    """Convert *page_run* (unless given its *conversions*), run what converted on *live*, and say how it went.

    An example left for a person is not run. When it is a script of its own
    (it calls asyncio.run()), the run goes on past it; otherwise the run ends
    there, since the examples after it may need what it would have made.
    """
    conversions = convert_run(page_run) if conversions is None else conversions
    to_run, manual = [], []
    for index, conversion in enumerate(conversions):
        if not conversion.manual:
            to_run.append(conversion)
            continue
        manual += conversion.manual
        if not self_contained(conversion.original):
            left = len(conversions) - index - 1
            where = conversion.original.location
            manual.append(f"{where}: the {left} example(s) after it in the run were not run converted")
            break
    run = replace(page_run, examples=tuple(c.example for c in to_run))
    results = run_page(run, ConvertedTier(live), srcdir) if run.examples else []
    changed = {c.example.key for c in to_run if c.changed}
    identical = sum(1 for r in results if r.status == PASSED and r.example.key in changed)
    exempt = sum(1 for r in results if r.status == EXEMPT and r.example.key in changed)
    failures = tuple(f"[converted] {r.message}" for r in results if r.status == FAILED)
    converted = sum(1 for c in to_run if c.changed)
    return Outcome(converted, identical, exempt, tuple(manual), failures)


def run_signature(examples):
    """What a run does, example by example: two runs with the same signature are the same test."""
    return tuple(
        (e.code, e.output, e.context, e.module, e.timeout, e.exempt.get("live"), sorted(e.outputs_when))
        for e in examples
    )


def same_as(conversions, candidates):
    """The first of *candidates* ({name: examples}) that runs exactly the converted examples, or None.

    Only a run converted whole: one that stops at a place for a person runs less than its twin.
    """
    if any(c.manual for c in conversions):
        return None
    signature = run_signature(c.example for c in conversions)
    return next((name for name, examples in candidates.items() if run_signature(examples) == signature), None)


def proven_outcome(conversions):
    """The outcome of a converted run that another test of the suite runs to the letter."""
    changed = [c for c in conversions if c.changed]
    exempt = sum(1 for c in changed if c.example.exempt.get("live"))
    return Outcome(len(changed), len(changed) - exempt, exempt, (), ())


def report_lines(outcomes):
    """The terminal summary: *outcomes* is {run name: Outcome.as_dict() and "same_as"}."""
    total = {key: sum(o[key] for o in outcomes.values()) for key in ("converted", "identical", "exempt")}
    failed = sum(len(o["failures"]) for o in outcomes.values())
    manual = [(name, reason) for name, o in sorted(outcomes.items()) for reason in o["manual"]]
    twins = sum(1 for o in outcomes.values() if o.get("same_as"))
    lines = [
        f"{len(outcomes)} Motor run(s) converted: {total['converted']} example(s) converted, "
        f"{total['identical']} with identical output, {total['exempt']} exempt from the live tier, "
        f"{failed} printing something else; {len(manual)} place(s) needing manual changes",
        f"    {twins} of the runs are, to the letter, the page's live PyMongo Async run (or its converted "
        "asyncio run), which proves them: they were not run twice",
    ]
    lines += [f"    {name}: {reason}" for name, reason in manual]
    return lines
