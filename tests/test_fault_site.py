"""The fault site keeps each case's warnings to itself (tests/fault_site/).

Its pages share one build, so a test that reads one page's warnings trusts
that the others' stay on their own pages: each fault case must draw a warning
at its own files, and a warning that names no fault case's file (a case that
should build cleanly, a file of the site's own, or no file at all) fails here.
"""

from tests.fault_site import CASES


def test_the_build_fails_as_its_faults_make_it(fault_site):
    assert fault_site.build.returncode != 0
    assert fault_site.manifest.pages, "the build wrote no examples: it stopped before its end"


def test_every_fault_case_draws_a_warning_at_its_own_files(fault_site):
    silent = [name for name, case in CASES.items() if case.warns_at and not fault_site.warnings_of(name)]
    assert silent == [], fault_site.build.warnings


def test_no_warning_names_anything_but_a_fault_cases_files(fault_site):
    faulty = {path for case in CASES.values() for path in case.warns_at}
    strays = [w for w in fault_site.warnings if w.path not in faulty]
    assert strays == []


def test_no_case_that_builds_cleanly_shares_a_file_a_fault_warns_at():
    """Else a warning on that file would count as the fault's and hide that case's own."""
    faulty = {path for case in CASES.values() for path in case.warns_at}
    clean = {
        path for case in CASES.values() if not case.warns_at for path in [*case.files, *dict(case.edits)]
    }
    assert clean & faulty == set()
