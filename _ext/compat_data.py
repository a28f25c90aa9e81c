"""The compatibility data file: reading it, checking its shape, and version sets.

``data/compatibility.toml`` says, for each Motor release and for each source
that published an answer, which MongoDB servers, Python versions, PyMongo
versions and Tornado versions go with it. This module turns the file into
plain objects and lists every problem it finds, each naming the row and field,
so that a mistake is reported where it is rather than as a strange table.

A *kind* is what a claim is about: ``mongodb``, ``python``, ``pymongo`` or
``tornado``, the keys of a ``[[motor]]`` row. Tables are named by kind too,
with two more that no row holds (see ``compat_render.TABLE_KINDS``). A
problem's *field* is something else: the key in the file where it was found,
such as ``python.motor-docs`` or ``release``.

No Sphinx here: the tests import it directly.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# Kinds drawn as a grid (a column per version) and as text (a column per source).
MATRIX_KINDS = ("mongodb", "python")
TEXT_KINDS = ("pymongo", "tornado")
CLAIM_KINDS = MATRIX_KINDS + TEXT_KINDS


@dataclass(frozen=True)
class Problem:
    row: str
    field: str
    message: str

    def __str__(self):
        return f"{self.row}, {self.field}: {self.message}"


def version_tuple(text):
    """``"4.10"`` -> ``(4, 10)``; a ValueError names the text if it is not a version."""
    try:
        parts = tuple(int(part) for part in text.strip().split("."))
    except ValueError:
        raise ValueError(f"{text!r} is not a version such as 4.4") from None
    return parts


@dataclass(frozen=True)
class VersionTerm:
    """One term of a version set: ``4.10``, ``4.9+``, ``3.9-3.13`` or ``6.x``.

    A bound matches every release that starts with it, so ``6.x`` (or ``6``)
    matches 6.6.1 and ``3.9-3.13`` matches 3.13.2.
    """

    low: tuple
    high: tuple | None  # None: no upper limit ("4.9+")
    text: str

    @classmethod
    def parse(cls, text):
        text = text.strip()
        if text.endswith("+"):
            return cls(version_tuple(text[:-1]), None, text)
        if "-" in text:
            low, high = text.split("-", 1)
            low, high = version_tuple(low), version_tuple(high)
            if high < low:
                raise ValueError(f"{text!r} runs backwards")
            return cls(low, high, text)
        bound = version_tuple(text.removesuffix(".x"))
        return cls(bound, bound, text)

    def contains(self, version):
        version = version_tuple(version) if isinstance(version, str) else version
        if version[: len(self.low)] < self.low:
            return False
        return self.high is None or version[: len(self.high)] <= self.high

    def words(self):
        if self.high is None:
            return f"{dotted(self.low)} or later"
        if self.high != self.low:
            return f"{dotted(self.low)} to {dotted(self.high)}"
        return self.text


def dotted(version):
    return ".".join(str(part) for part in version)


@dataclass(frozen=True)
class VersionSet:
    """Comma-separated terms, such as ``"3.6-4.4, 5.0"``."""

    terms: tuple
    text: str

    @classmethod
    def parse(cls, text):
        if not isinstance(text, str):
            raise ValueError(f'expected a string such as "4.0-8.0", got {text!r}')
        terms = tuple(VersionTerm.parse(part) for part in text.split(",") if part.strip())
        if not terms:
            raise ValueError("names no version")
        return cls(terms, text)

    def contains(self, version):
        return any(term.contains(version) for term in self.terms)

    def lowest(self):
        return min((term.low for term in self.terms), default=None)

    def open_ended(self):
        return any(term.high is None for term in self.terms)

    def words(self):
        return ", ".join(term.words() for term in self.terms) or "none"


@dataclass(frozen=True)
class Source:
    id: str
    label: str
    title: str
    url: str
    caveat: str = ""


@dataclass(frozen=True)
class Mark:
    name: str
    symbol: str
    words: str


@dataclass
class MotorRelease:
    version: str
    # kind -> source id -> {column: mark name} for matrix kinds, VersionSet for text kinds
    claims: dict = field(default_factory=dict)


@dataclass
class PyMongoRelease:
    version: str
    source: str
    python: VersionSet | None
    mongodb: VersionSet | None


@dataclass
class CompatData:
    path: Path
    sources: dict
    legends: dict  # kind -> mark name -> Mark
    columns: dict  # kind -> [version, ...], newest first
    motor: list
    pymongo: list
    problems: list

    def motor_release(self, version):
        return next((row for row in self.motor if row.version == version), None)

    def pymongo_release(self, version):
        return next((row for row in self.pymongo if row.version == version), None)

    def sources_of(self, kind):
        """The ids of the sources that claim anything of *kind*, in the file's order."""
        used = {source for release in self.motor for source in release.claims.get(kind, {})}
        return [source for source in self.sources if source in used]


def load(path):
    """Read *path*; problems in its content are listed in ``.problems``, not raised.

    A file that is not TOML at all raises ValueError naming the line.
    """
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path.name} is not valid TOML: {error}") from None
    return parse(raw, path)


def parse(raw, path=Path("compatibility.toml")):
    problems = []
    sources = _parse_sources(raw.get("sources", {}), problems)
    legends = _parse_legends(raw.get("legend", {}), problems)
    columns = {}
    for kind in MATRIX_KINDS:
        versions = raw.get("columns", {}).get(kind)
        if not versions:
            problems.append(Problem("columns", kind, "lists no versions"))
            versions = []
        columns[kind] = [str(version) for version in versions]
    data = CompatData(path, sources, legends, columns, [], [], problems)
    seen = set()
    for entry in raw.get("motor", []):
        release = _parse_motor(entry, data)
        if release.version in seen:
            problems.append(Problem(f"motor {release.version}", "release", "appears twice"))
        seen.add(release.version)
        data.motor.append(release)
    for entry in raw.get("pymongo", []):
        data.pymongo.append(_parse_pymongo(entry, data))
    data.motor.sort(key=lambda row: _sort_key(row.version), reverse=True)
    return data


def _sort_key(version):
    try:
        return version_tuple(version)
    except ValueError:
        return ()


def _parse_sources(raw, problems):
    sources = {}
    for source_id, entry in raw.items():
        missing = [key for key in ("label", "title", "url") if not entry.get(key)]
        if missing:
            problems.append(Problem(f"source {source_id}", ", ".join(missing), "is missing"))
        sources[source_id] = Source(
            source_id,
            entry.get("label", source_id),
            entry.get("title", source_id),
            entry.get("url", ""),
            entry.get("caveat", ""),
        )
    return sources


def _parse_legends(raw, problems):
    legends = {}
    for kind in MATRIX_KINDS:
        marks = {}
        for mark_name, entry in raw.get(kind, {}).items():
            if "words" not in entry or "symbol" not in entry:
                problems.append(Problem(f"legend {kind}", mark_name, "needs both symbol and words"))
            marks[mark_name] = Mark(mark_name, entry.get("symbol", ""), entry.get("words", mark_name))
        if "untested" not in marks:
            problems.append(Problem(f"legend {kind}", "untested", "is missing: say what a blank cell means"))
        legends[kind] = marks
    return legends


def _parse_motor(entry, data):
    version = str(entry.get("release", "?"))
    row = f"motor {version}"
    release = MotorRelease(version)
    try:
        version_tuple(version)
    except ValueError as error:
        data.problems.append(Problem(row, "release", str(error)))
    for kind in CLAIM_KINDS:
        by_source = {}
        claims = entry.get(kind, {})
        if not isinstance(claims, dict):
            expected = f"expected one entry per source, such as {kind}.motor-docs"
            data.problems.append(Problem(row, kind, expected))
            claims = {}
        for source_id, value in claims.items():
            where = f"{kind}.{source_id}"
            if source_id not in data.sources:
                data.problems.append(Problem(row, where, f"names an unknown source {source_id!r}"))
                continue
            try:
                if kind == "mongodb":
                    by_source[source_id] = _parse_marks(value, data, kind)
                else:
                    by_source[source_id] = VersionSet.parse(value)
            except ValueError as error:
                data.problems.append(Problem(row, where, str(error)))
        release.claims[kind] = by_source
    unknown = set(entry) - {"release", *CLAIM_KINDS}
    for key in sorted(unknown):
        data.problems.append(Problem(row, key, "is not a field this file knows"))
    return release


def _parse_marks(value, data, kind):
    """``{full = "4.0-8.0", partial = "..."}`` -> ``{column: mark name}``."""
    if not isinstance(value, dict):
        raise ValueError('expected a table such as { full = "4.0-8.0" }')
    cells = {}
    for mark_name, spec in value.items():
        if mark_name not in data.legends[kind] or mark_name == "untested":
            usable = sorted(set(data.legends[kind]) - {"untested"})
            raise ValueError(f"{mark_name!r} is not a mark; use one of {usable}")
        versions = VersionSet.parse(spec)
        for term in versions.terms:
            if not any(term.contains(column) for column in data.columns[kind]):
                raise ValueError(f"{term.text!r} ({mark_name}) matches no column of the {kind} table")
        for column in data.columns[kind]:
            if versions.contains(column):
                if column in cells:
                    raise ValueError(f"{column} is marked both {cells[column]} and {mark_name}")
                cells[column] = mark_name
    return cells


def _parse_pymongo(entry, data):
    version = str(entry.get("release", "?"))
    row = f"pymongo {version}"
    source = entry.get("source", "")
    if source not in data.sources:
        data.problems.append(Problem(row, "source", f"names an unknown source {source!r}"))
    sets = {}
    for kind in ("python", "mongodb"):
        try:
            sets[kind] = VersionSet.parse(entry.get(kind, ""))
        except ValueError as error:
            data.problems.append(Problem(row, kind, str(error)))
            sets[kind] = None  # reported above; nothing to check or show
    return PyMongoRelease(version, source, sets["python"], sets["mongodb"])
