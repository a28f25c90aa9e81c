"""The per-tier summary of an example run, for the terminal and as JSON."""

import json
from collections import Counter, defaultdict
from pathlib import Path

from ..schema import TIERS
from .runner import EXEMPT, FAILED, NOT_RUN, PASSED

STATUSES = (PASSED, FAILED, EXEMPT, NOT_RUN)


class ExampleReport:
    def __init__(self, tiers=TIERS):
        self.tiers = tiers
        self.results = []  # dicts, as ExampleResult.as_dict() gives them
        self.not_run_tiers = {}  # tier -> why it did not run
        self.servers = {}  # tier -> what it ran against

    def add(self, results):
        self.results.extend(results)

    def counts(self, tier):
        counts = Counter(r["status"] for r in self.results if r["tier"] == tier)
        return {"collected": sum(counts.values()), **{s: counts.get(s, 0) for s in STATUSES}}

    def exemptions(self, tier):
        """reason -> locations, for one tier."""
        by_reason = defaultdict(list)
        for r in self.results:
            if r["tier"] == tier and r["status"] == EXEMPT:
                by_reason[r["message"]].append(
                    f"{r['source']}:{r['line']}" + (f" [{r['flavor']}]" if r["flavor"] else "")
                )
        return dict(by_reason)

    def as_dict(self):
        return {
            "tiers": {
                tier: {
                    "counts": self.counts(tier),
                    "server": self.servers.get(tier),
                    "not_run": self.not_run_tiers.get(tier),
                    "exemptions": self.exemptions(tier),
                }
                for tier in self.tiers
            },
            "results": sorted(
                self.results, key=lambda r: (r["tier"], r["page"], r["flavor"] or "", r["index"])
            ),
        }

    def write_json(self, path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.as_dict(), indent=1) + "\n", encoding="utf-8")

    def lines(self):
        """The terminal summary."""
        out = [f"{'tier':<6} {'collected':>9} {'passed':>7} {'failed':>7} {'exempt':>7} {'not run':>8}"]
        for tier in self.tiers:
            if tier in self.not_run_tiers:
                out.append(f"{tier:<6} tier not run: {self.not_run_tiers[tier]}")
                continue
            c = self.counts(tier)
            out.append(
                f"{tier:<6} {c['collected']:>9} {c[PASSED]:>7} {c[FAILED]:>7} {c[EXEMPT]:>7} {c[NOT_RUN]:>8}"
                + (f"   ({self.servers[tier]})" if tier in self.servers else "")
            )
        for tier in self.tiers:
            for reason, places in sorted(self.exemptions(tier).items()):
                out.append(f"exempt on {tier} ({len(places)}): {reason}")
                out += [f"    {line}" for line in lines_by_file(places)]
        return out


def lines_by_file(places):
    """``a.rst:3 [x]``, ``a.rst:9 [y]`` -> ``a.rst: 3 [x], 9 [y]``: one line per file."""
    by_file = defaultdict(list)
    for place in places:
        path, rest = place.split(":", 1)
        by_file[path].append(rest)
    return [f"{path}: {', '.join(rests)}" for path, rests in sorted(by_file.items())]
