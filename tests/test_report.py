"""The example report: counts per tier, exemptions with reasons, tiers not run."""

from tested_examples.runner.report import ExampleReport


def result(tier, status, line, message="", flavor=None):
    return {
        "page": "p",
        "index": line,
        "source": "p.rst",
        "line": line,
        "flavor": flavor,
        "tier": tier,
        "status": status,
        "message": message,
        "seconds": 0.0,
    }


def test_counts_exemptions_and_a_tier_not_run():
    report = ExampleReport()
    report.add(
        [
            result("mock", "passed", 3),
            result("mock", "exempt", 9, "no GridFS", "asyncio"),
            result("mock", "exempt", 20, "no GridFS", "Tornado"),
            result("mock", "failed", 30, "p.rst:30: boom"),
            result("mock", "not run", 40),
        ]
    )
    report.not_run_tiers["live"] = "deselected with --tier mock"
    assert report.counts("mock") == {"collected": 5, "passed": 1, "failed": 1, "exempt": 2, "not run": 1}
    lines = report.lines()
    assert lines[1].split() == ["mock", "5", "1", "1", "2", "1"]
    assert lines[2] == "live   tier not run: deselected with --tier mock"
    assert "exempt on mock (2): no GridFS" in lines
    assert "    p.rst: 9 [asyncio], 20 [Tornado]" in lines
    data = report.as_dict()
    assert data["tiers"]["live"]["not_run"] == "deselected with --tier mock"
    assert data["tiers"]["mock"]["exemptions"] == {"no GridFS": ["p.rst:9 [asyncio]", "p.rst:20 [Tornado]"]}
