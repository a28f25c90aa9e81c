"""What the output comparison forgives, and what it does not."""

import pytest

from tested_examples.runner.output_check import diff, matches


@pytest.mark.parametrize(
    "shown, printed",
    [
        ("ObjectId('65a1b2c3d4e5f60718293a4b')", "ObjectId('6b061ca5d2055c098a9ec973')"),
        ("id: 65a1b2c3d4e5f60718293a4b", "id: 6b061ca5d2055c098a9ec973"),
        ("datetime.datetime(2025, 5, 14, 0, 0)", "datetime.datetime(2026, 11, 24, 23, 1, 2, 5000)"),
        (
            "datetime.datetime(2025, 5, 14, 0, 0, tzinfo=datetime.timezone.utc)",
            "datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)",
        ),
        ("at 2025-05-14T10:00:00Z", "at 2026-11-24T23:01:02.123+00:00"),
        ("Timestamp(1, 1)", "Timestamp(1795562879, 4)"),
        ("{'ok': 1.0, ...}", "{'ok': 1.0, 'n': 3}"),
        ("insert ok in 8.4 ms", "insert ok in 15.2 ms"),
        ("waited 120 µs", "waited 3.5e-05 µs"),
        ('{"durationMS": 12.017999999999999}', '{"durationMS": 3}'),
        ("{'durationMS': 1.5}", "{'durationMS': 0.25}"),
        ('"requestId": 1957747793, "operationId": 1', '"requestId": 424238335, "operationId": 77'),
        ('"serverConnectionId": 6', '"serverConnectionId": 12'),
        ("done", "done\n"),
    ],
)
def test_forgiven_differences(shown, printed):
    assert matches(shown, printed)


@pytest.mark.parametrize(
    "shown, printed",
    [
        ("3 documents", "4 documents"),
        ("ObjectId('65a1b2c3d4e5f60718293a4b')", "ObjectId('short')"),
        ("{'ok': 1.0}", "{'ok': 1}"),
        ("done", "done!"),
        ("line one\nline two", "line one"),
        ("", "something"),
        # A limit quoted without a space before its unit is a setting, not a duration.
        ("timeoutMS: 100.0ms", "timeoutMS: 200.0ms"),
        ("8.4 ms", "8.4 s"),
        # Only those id fields: a connection the driver numbers is checked.
        ('"driverConnectionId": 1', '"driverConnectionId": 2'),
        ('"requestId": 12', '"requestId": "12"'),
    ],
)
def test_other_differences_fail(shown, printed):
    assert not matches(shown, printed)


def test_diff_names_the_page_location():
    text = diff("a\nb\n", "a\nc\n", "page.rst:10")
    assert text.splitlines()[:2] == ["--- page.rst:10 (shown on the page)", "+++ printed"]
    assert "-b\n+c\n" in text
