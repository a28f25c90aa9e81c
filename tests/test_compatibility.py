"""The compatibility data file against the installed packages, and the tables built from it.

The claims checked here are read straight from the installed packages'
metadata and from what the installed PyMongo does when a server reports a
given wire version, not through the extension's own helpers, so a mistake in
those helpers cannot hide a wrong data file.
"""

import copy
import platform
import re
import socketserver
import struct
import threading
import tomllib
from contextlib import contextmanager
from importlib import metadata

import bson
import pymongo
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from _ext import compat_data
from _ext.compat_stack import check_against_stack, read_tested_stack
from tested_examples.site_build import ROOT
from tests.built_pages import parsed, select, select_one, text_of
from tests.fault_site.build_cases import WRONG_PYTHON_FLOOR

DATA_FILE = ROOT / "data" / "compatibility.toml"
COLUMN_LABELS = {"mongodb": "MongoDB", "python": "Python"}


def installed(name):
    return Version(metadata.version(name))


def requires_python(name):
    return SpecifierSet(metadata.metadata(name)["Requires-Python"])


def floor_of(specifier):
    """The version a ``>=`` specifier starts at, as a (major, minor) tuple."""
    (bound,) = [spec.version for spec in SpecifierSet(specifier) if spec.operator == ">="]
    return Version(bound).release[:2]


def motor_requires_pymongo():
    for line in metadata.requires("motor"):
        requirement = Requirement(line)
        if requirement.name == "pymongo" and requirement.marker is None:
            return requirement.specifier
    raise AssertionError("motor's metadata does not require pymongo")


@pytest.fixture(scope="module")
def data():
    return compat_data.load(DATA_FILE)


@pytest.fixture(scope="module")
def raw():
    return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stack():
    return read_tested_stack()


def motor_row(data):
    motor = installed("motor")
    row = data.motor_release(f"{motor.major}.{motor.minor}")
    assert row is not None, f"the data file has no row for the installed motor {motor}"
    return row


def pymongo_row(data):
    pymongo = installed("pymongo")
    row = data.pymongo_release(f"{pymongo.major}.{pymongo.minor}")
    assert row is not None, f"the data file has no row for the installed pymongo {pymongo}"
    return row


# -- The data file against the installed packages ------------------------------------


def test_data_file_is_well_formed(data):
    assert [str(problem) for problem in data.problems] == []


def test_motor_row_python_floor_is_motors_requires_python(data):
    declared = floor_of(metadata.metadata("motor")["Requires-Python"])
    for source, versions in motor_row(data).claims["python"].items():
        assert versions.lowest() == declared, f"python.{source}"


def test_motor_row_pymongo_claims_are_inside_what_motor_requires(data):
    allowed = motor_requires_pymongo()
    claims = motor_row(data).claims["pymongo"]
    assert claims, "the installed motor's row names no PyMongo version"
    for source, versions in claims.items():
        for term in versions.terms:
            where = f"pymongo.{source}: {term.text} vs {allowed}"
            assert allowed.contains(compat_data.dotted(term.low)), where
            if term.high is None:
                assert term.low == floor_of(str(allowed)), where


def test_motor_row_tornado_includes_the_installed_major(data):
    tornado = installed("tornado")
    claims = motor_row(data).claims["tornado"]
    assert claims, "the installed motor's row names no Tornado version"
    for source, versions in claims.items():
        assert versions.contains((tornado.major,)), f"tornado.{source} leaves out tornado {tornado}"


def test_pymongo_row_python_floor_is_pymongos_requires_python(data):
    declared = floor_of(metadata.metadata("pymongo")["Requires-Python"])
    assert pymongo_row(data).python.lowest() == declared


def test_pymongo_row_servers_are_those_pymongo_accepts(data, servers_accepted):
    says = {column: pymongo_row(data).mongodb.contains(column) for column in servers_accepted}
    assert says == servers_accepted


def test_the_build_check_finds_nothing_wrong(data, stack):
    assert [str(problem) for problem in check_against_stack(data, stack)] == []


# -- Which servers the installed PyMongo talks to, asked of PyMongo itself ----------------

# Each MongoDB release's maxWireVersion, from MongoDB's wire protocol, for the
# grid's columns; a new column needs its entry here.
WIRE_VERSIONS = {"3.6": 6, "4.0": 7, "4.2": 8, "4.4": 9, "5.0": 13, "6.0": 17, "7.0": 21, "8.0": 25}
OP_REPLY, OP_QUERY, OP_MSG, MORE_TO_COME = 1, 2004, 2013, 2


@contextmanager
def handshake_server(min_wire, max_wire):
    """A stand-in server whose handshake reports these wire versions; it answers ok to anything.

    PyMongo decides from those two numbers whether it can talk to a server,
    so this asks the installed PyMongo what it refuses without reading its
    private constants.
    """
    reply = bson.encode(
        {
            "ok": 1.0,
            "isWritablePrimary": True,
            "helloOk": True,
            "minWireVersion": min_wire,
            "maxWireVersion": max_wire,
            "maxBsonObjectSize": 16 * 1024**2,
            "maxMessageSizeBytes": 48_000_000,
            "maxWriteBatchSize": 100_000,
            "logicalSessionTimeoutMinutes": 30,
        }
    )

    class Answer(socketserver.StreamRequestHandler):
        def handle(self):
            while len(header := self.rfile.read(16)) == 16:
                length, request_id, _, opcode = struct.unpack("<iiii", header)
                message = self.rfile.read(length - 16)
                if opcode == OP_QUERY:  # the handshake may come as a legacy query
                    opcode, body = OP_REPLY, struct.pack("<iqii", 0, 0, 0, 1) + reply
                elif struct.unpack_from("<I", message)[0] & MORE_TO_COME:
                    continue  # the client wants no answer
                else:
                    opcode, body = OP_MSG, struct.pack("<IB", 0, 0) + reply
                self.wfile.write(struct.pack("<iiii", 16 + len(body), 0, request_id, opcode) + body)

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Answer) as server:
        server.daemon_threads = True
        # A short poll, so that shutting down takes milliseconds rather than half a second.
        threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
        try:
            yield f"mongodb://127.0.0.1:{server.server_address[1]}/?directConnection=true"
        finally:
            server.shutdown()


def pymongo_accepts(min_wire, max_wire):
    """Whether the installed PyMongo runs a command on a server that reports these wire versions."""
    with handshake_server(min_wire, max_wire) as uri:
        client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000)
        try:
            client.admin.command("ping")
        except pymongo.errors.ConfigurationError:
            return False
        finally:
            client.close()
    return True


@pytest.fixture(scope="module")
def servers_accepted(data):
    """For each MongoDB column of the grid, whether the installed PyMongo talks to that server."""
    return {column: pymongo_accepts(0, WIRE_VERSIONS[column]) for column in data.columns["mongodb"]}


def test_live_server_reports_the_version_the_site_prints(tmp_path, stack):
    """The site reads SecantusDB's constants; here the running server must answer the same."""
    from secantus import SecantusDBServer

    with SecantusDBServer(storage_path=str(tmp_path)) as server:
        client = pymongo.MongoClient(server.uri, serverSelectionTimeoutMS=5000)
        try:
            build_info = client.admin.command("buildInfo")
            hello = client.admin.command("hello")
        finally:
            client.close()
    # That PyMongo ran the commands at all shows that it accepts this server.
    assert build_info["version"] == stack["live-server-version"]
    assert hello["maxWireVersion"] == int(stack["live-wire"])


# -- Wrong entries are reported with their row and field --------------------------------


def release_entry(raw, version):
    return next(entry for entry in raw["motor"] if entry["release"] == version)


def installed_minor(name):
    version = installed(name)
    return f"{version.major}.{version.minor}"


def set_motor(kind, source, value):
    def change(raw):
        release_entry(raw, installed_minor("motor"))[kind][source] = value

    return change


def set_pymongo(field, value):
    def change(raw):
        (entry,) = [entry for entry in raw["pymongo"] if entry["release"] == installed_minor("pymongo")]
        entry[field] = value

    return change


def replace_motor_claims(kind, value):
    def change(raw):
        release_entry(raw, installed_minor("motor"))[kind] = value

    return change


def drop_motor_row(raw):
    raw["motor"].remove(release_entry(raw, installed_minor("motor")))


def set_release_marks(version, source, marks):
    def change(raw):
        release_entry(raw, version)["mongodb"][source] = marks

    return change


MOTOR = f"motor {installed_minor('motor')}"
PYMONGO = f"pymongo {installed_minor('pymongo')}"

WRONG_ENTRIES = {
    "python floor too low": (set_motor("python", "motor-docs", "3.8-3.13"), MOTOR, "python.motor-docs"),
    "python floor too high": (set_motor("python", "mongodb-docs", "3.10-3.13"), MOTOR, "python.mongodb-docs"),
    "pymongo open range starts late": (
        set_motor("pymongo", "motor-docs", "4.11+"),
        MOTOR,
        "pymongo.motor-docs",
    ),
    "pymongo outside motor's range": (
        set_motor("pymongo", "mongodb-docs", "5.1"),
        MOTOR,
        "pymongo.mongodb-docs",
    ),
    "tornado major not installed": (set_motor("tornado", "motor-docs", "5.x"), MOTOR, "tornado.motor-docs"),
    "no row for installed motor": (drop_motor_row, MOTOR, "release"),
    "pymongo python floor": (set_pymongo("python", "3.10+"), PYMONGO, "python"),
    "pymongo server floor": (set_pymongo("mongodb", "4.2+"), PYMONGO, "mongodb"),
    "unknown source": (set_motor("python", "somebody", "3.9-3.13"), MOTOR, "python.somebody"),
    "server marked twice": (
        set_release_marks("3.5", "motor-docs", {"full": "3.6-8.0", "partial": "8.0"}),
        "motor 3.5",
        "mongodb.motor-docs",
    ),
    "mark not in the legend": (
        set_release_marks("3.5", "motor-docs", {"mostly": "3.6-8.0"}),
        "motor 3.5",
        "mongodb.motor-docs",
    ),
    "not a version": (set_motor("pymongo", "motor-docs", "four+"), MOTOR, "pymongo.motor-docs"),
    "no version at all": (set_pymongo("python", ""), PYMONGO, "python"),
    "kind not split by source": (replace_motor_claims("python", "3.9-3.13"), MOTOR, "python"),
}


@pytest.mark.parametrize("change, row, field", WRONG_ENTRIES.values(), ids=WRONG_ENTRIES.keys())
def test_a_wrong_entry_is_reported_with_its_row_and_field(raw, stack, change, row, field):
    wrong = copy.deepcopy(raw)
    change(wrong)
    data = compat_data.parse(wrong)
    problems = data.problems + check_against_stack(data, stack)
    reported = [str(problem) for problem in problems]
    assert [(problem.row, problem.field) for problem in problems] == [(row, field)], reported
    assert str(problems[0]).startswith(f"{row}, {field}: ")


def test_the_real_data_builds_with_its_tables(site_build):
    """The site itself builds the real data without a word, so the warning below is the wrong entry's."""
    assert site_build.returncode == 0, site_build.warnings
    assert "compat-mongodb" in (site_build.html_dir / "index.html").read_text(encoding="utf-8")


def test_a_wrong_entry_fails_the_build_naming_it(fault_site):
    """The fault site's installed-Motor row gives too old a Python (tests/fault_site/build_cases.py)."""
    assert fault_site.build.returncode != 0
    said = [w.message for w in fault_site.warnings_of("compat-python-floor")]
    assert any(f"{MOTOR}, python.motor-docs: starts at {WRONG_PYTHON_FLOOR}" in m for m in said), said
    assert fault_site.warnings_at("compat-tables.rst") == []


# -- The built tables ---------------------------------------------------------------------


def page(site_build, path):
    return parsed(site_build.html_dir / path)


def spoken(cell):
    """What a screen reader announces for a cell: its text without aria-hidden parts."""
    cell = copy.deepcopy(cell)  # the parsed page is shared with other checks
    for hidden in select(cell, '[aria-hidden="true"]'):
        hidden.drop_tree()  # the element and what it holds, not the text after it
    return " ".join(text_of(cell, " ").split())


def header_text(row):
    """The text of the row's first header cell, the row's name."""
    return text_of(row.find(".//th"), strip=True)


@pytest.mark.parametrize("path", ["index.html", "source/compatibility.html"])
@pytest.mark.parametrize("kind", ["mongodb", "python"])
def test_grid_tables_have_header_cells_caption_and_words(site_build, data, path, kind):
    table = select_one(page(site_build, path), f"table.compat-{kind}")
    assert table is not None, f"no {kind} table on {path}"
    caption = table.find(".//caption")
    assert caption is not None and text_of(caption, strip=True)
    column_headers = select(table, "thead th[scope=col]")
    assert [text_of(th, strip=True) for th in column_headers[1:]] == [
        f"{COLUMN_LABELS[kind]} {column}" for column in data.columns[kind]
    ]
    rows = select(table, "tbody tr")
    assert len(rows) == len(data.motor) + 1  # one per release, then the tested pair
    for row in rows:
        assert select_one(row, "th[scope=row]") is not None
        for cell in select(row, "td"):
            assert spoken(cell), f"a cell in row {header_text(row)!r} is silent to screen readers"


def test_grid_cells_say_what_the_data_says(site_build, data):
    table = select_one(page(site_build, "source/compatibility.html"), "table.compat-mongodb")
    legend = data.legends["mongodb"]
    rows = {header_text(row): row for row in select(table, "tbody tr")}
    for release in data.motor:
        cells = select(rows[release.version], "td")
        for column, cell in zip(data.columns["mongodb"], cells, strict=True):
            claims = release.claims["mongodb"]
            answers = {source: marks.get(column, "untested") for source, marks in claims.items()}
            said = spoken(cell)
            for source, mark in answers.items():
                assert legend[mark].words in said, f"{release.version} / {column}: {said!r}"
                if len(set(answers.values())) > 1:
                    assert data.sources[source].label in said, f"{release.version} / {column}: {said!r}"


def test_motor_3_7_with_mongodb_3_6_is_no_longer_supported_citing_the_changelog(site_build, data):
    """Motor 3.7.0's changelog dropped MongoDB 3.6; a blank "not tested" cell alone would hide that."""
    claims = data.motor_release("3.7").claims["mongodb"]
    saying_so = [source for source, marks in claims.items() if marks.get("3.6") == "unsupported"]
    assert saying_so, "no source marks Motor 3.7 with MongoDB 3.6 as no longer supported"
    for source in saying_so:
        cited = f"{data.sources[source].title} {data.sources[source].caveat}"
        assert "changelog" in cited.lower(), source
    table = select_one(page(site_build, "index.html"), "table.compat-mongodb")
    row = next(row for row in select(table, "tbody tr") if header_text(row) == "3.7")
    column = data.columns["mongodb"].index("3.6")
    said = spoken(select(row, "td")[column])
    assert data.legends["mongodb"]["unsupported"].words in said, said


def test_grid_tables_are_followed_by_the_legend_in_words(site_build, data):
    legends = select(page(site_build, "index.html"), "ul.compat-legend")
    assert len(legends) == 2
    for legend_list, kind in zip(legends, ("mongodb", "python"), strict=True):
        said = text_of(legend_list, " ")
        for mark in data.legends[kind].values():
            assert mark.words in said


def test_tested_row_shows_the_installed_pair_and_the_servers_pymongo_refuses(
    site_build, data, servers_accepted
):
    table = select_one(page(site_build, "index.html"), "table.compat-mongodb")
    tested = select_one(table, "tr.compat-tested")
    assert metadata.version("motor") in text_of(tested.find(".//th"))
    assert metadata.version("pymongo") in text_of(tested.find(".//th"))
    refused = data.legends["mongodb"]["incompatible"].words
    for column, cell in zip(data.columns["mongodb"], select(tested, "td"), strict=True):
        assert (refused in spoken(cell)) == (not servers_accepted[column]), column


def test_compatibility_page_has_every_table_and_names_disagreements(site_build):
    tree = page(site_build, "source/compatibility.html")
    for kind in ("stack", "mongodb", "python", "pymongo", "pymongo-needs", "tornado"):
        table = select_one(tree, f"table.compat-{kind}")
        assert table is not None, kind
        assert select(table, "thead th[scope=col]") and select(table, "tbody th[scope=row]")
    differing = select(tree, "table.compat-mongodb tr.compat-differs .compat-source")
    assert {text_of(label, strip=True) for label in differing} == {"MongoDB docs:", "Motor docs:"}
    assert select(tree, "ul.compat-differences li")


def stack_rows(site_build):
    """The stack table as ``{part: (version, what it declares or reports)}``."""
    table = select_one(page(site_build, "source/compatibility.html"), "table.compat-stack")
    rows = [
        [text_of(cell, " ", strip=True) for cell in select(row, "th, td")]
        for row in select(table, "tbody tr")
    ]
    return {part: (version, note) for part, version, note in rows}


def test_stack_table_prints_the_installed_versions_and_requirements(site_build):
    """What the built page says, against the packages' own metadata, so a wrong stack reader shows."""
    rows = stack_rows(site_build)
    printed = {part: rows[part][0] for part in ("Motor", "PyMongo", "Tornado", "Python", "Mock tier")}
    assert printed == {
        "Motor": metadata.version("motor"),
        "PyMongo": metadata.version("pymongo"),
        "Tornado": metadata.version("tornado"),
        "Python": platform.python_version(),
        "Mock tier": f"mongomock-motor {metadata.version('mongomock-motor')}",
    }
    motor_python, motor_pymongo = re.fullmatch(r"Python (\S+), PyMongo (\S+)", rows["Motor"][1]).groups()
    assert SpecifierSet(motor_python) == requires_python("motor")
    assert SpecifierSet(motor_pymongo) == motor_requires_pymongo()
    assert SpecifierSet(re.match(r"Python (\S+);", rows["PyMongo"][1])[1]) == requires_python("pymongo")
    assert SpecifierSet(re.fullmatch(r"Python (\S+)", rows["Tornado"][1])[1]) == requires_python("tornado")


def test_stack_table_prints_the_servers_pymongo_accepts(site_build, servers_accepted):
    """The printed server floor and wire range are the edges of what PyMongo will talk to."""
    note = stack_rows(site_build)["PyMongo"][1]
    printed = re.search(r"MongoDB (\S+) or later \(wire versions (\d+) to (\d+)\)", note)
    floor, lowest, highest = printed[1], int(printed[2]), int(printed[3])
    oldest = min((column for column, ok in servers_accepted.items() if ok), key=compat_data.version_tuple)
    assert floor == oldest
    assert pymongo_accepts(0, lowest) and not pymongo_accepts(0, lowest - 1), note
    assert pymongo_accepts(highest, highest) and not pymongo_accepts(highest + 1, highest + 1), note


def test_every_footer_names_the_installed_versions(site_build):
    from secantus.commands import SERVER_VERSION

    wanted = [metadata.version(name) for name in ("motor", "pymongo", "tornado")]
    wanted += [platform.python_version(), SERVER_VERSION]
    pages = sorted(site_build.html_dir.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        footer = select_one(parsed(path), "footer .compat-footer")
        assert footer is not None, f"{path.name} has no tested-stack footer"
        said = text_of(footer, " ")
        assert all(version in said for version in wanted), f"{path.name}: {said}"
