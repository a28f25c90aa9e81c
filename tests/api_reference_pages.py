"""What a built API reference page says, read back from its HTML, and the checks against the packages.

The checks here compute what is true from the installed classes on their own
(``inspect`` and ``dir``), not through the extension that wrote the page, so
that a fault in the extension shows as a disagreement.
"""

import inspect
from dataclasses import dataclass

from _ext.api_reference.introspect import CLASSES
from tests.built_pages import parsed, select, select_one, text_of

PAGE_DIR = "source/reference"
# The words of the table's "Use" column.
AWAITED, ITERATED, CHAINED, CALLED, PROPERTY = "await", "iterate", "chain", "call", "property"


@dataclass
class Row:
    member: str
    use: str
    counterpart: str


def page_path(html_dir, spec):
    return html_dir / PAGE_DIR / f"{spec.key}.html"


def read_page(path):
    """(rows of the member table by name, every anchor id on the page)."""
    tree = parsed(path)
    rows = {}
    table = select_one(tree, "table.api-members")
    for tr in select(table, "tbody tr") if table is not None else ():
        cells = [text_of(td, " ", strip=True) for td in tr.iterfind(".//td")]
        name = cells[0].removesuffix("()")
        rows[name] = Row(name, cells[1], cells[2])
    ids = {tag.get("id") for tag in tree.iterfind(".//*[@id]")}
    return rows, ids


def installed_public_members(cls):
    """Public names a reader can use on *cls*, leaving out what it inherits from outside Motor."""
    foreign, own = set(), set()
    for base in inspect.getmro(cls):
        (own if base.__module__.startswith("motor") else foreign).update(vars(base))
    return sorted(
        name for name in dir(cls) if not name.startswith("_") and (name in own or name not in foreign)
    )


def awaited_in_pymongo(cls, name):
    static = inspect.getattr_static(cls, name)
    func = static.fget if isinstance(static, property) else static
    return inspect.iscoroutinefunction(func)


def page_problems(html_dir, spec):
    """Every way the page of *spec* disagrees with the installed packages, each naming class and member."""
    problems = []
    rows, ids = read_page(page_path(html_dir, spec))
    owner = spec.asyncio_name
    if owner not in ids:
        problems.append(f"{owner}: no entry on {spec.key}.html")
    for name in installed_public_members(spec.asyncio):
        where = f"{owner}.{name}"
        if where not in ids:
            problems.append(f"{where}: no entry on {spec.key}.html")
        if name not in rows:
            problems.append(f"{where}: not in the member table of {spec.key}.html")
            continue
        problems += counterpart_problems(spec, rows[name], where)
    functions = {func.__name__ for func in spec.functions}  # module helpers shown with their class
    for name in functions - set(rows):
        problems.append(f"{spec.asyncio.__module__}.{name}: not in the member table of {spec.key}.html")
    for name in set(rows) - set(installed_public_members(spec.asyncio)) - functions:
        problems.append(f"{owner}.{name}: listed, but the installed class has no such member")
    return problems


def counterpart_problems(spec, row, where):
    theirs = spec.counterpart
    if theirs is None:
        return (
            [] if row.counterpart == "none" else [f"{where}: shows {row.counterpart!r}, PyMongo has no class"]
        )
    if not hasattr(theirs, row.member):
        ok = row.counterpart == "missing"
        return [] if ok else [f"{where}: shows {row.counterpart!r}, but {theirs.__name__} lacks it"]
    if row.counterpart == "missing":
        return [f"{where}: shown missing, but {theirs.__name__}.{row.member} exists"]
    there = awaited_in_pymongo(theirs, row.member)
    here = row.use == AWAITED
    expected = {
        (True, True): "same",
        (False, False): ("same", "used differently"),
        (False, True): "awaited in PyMongo Async",
        (True, False): "awaited in Motor only",
    }[(here, there)]
    if row.counterpart not in ((expected,) if isinstance(expected, str) else expected):
        return [f"{where}: shows {row.counterpart!r}; Motor awaited={here}, PyMongo Async awaited={there}"]
    return []


def spec_of(key):
    return next(spec for spec in CLASSES if spec.key == key)
