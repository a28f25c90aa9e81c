"""Compatibility tables as plain data, and that data as accessible HTML.

A table is a dict (so it can live in a pickled doctree):
``{"kind", "caption", "corner", "columns": [...], "rows": [{"header", "classes", "cells"}]}``;
a cell is ``{"claims": [...], "colspan": n}`` and a claim is
``{"symbol", "words", "text", "source"}``. A claim with ``words`` is a mark
(its symbol is shown, its words are read out); one with ``text`` is shown as
it is. ``source`` labels a claim when the sources disagree about that cell.
"""

from html import escape

from .compat_data import MATRIX_KINDS, TEXT_KINDS, version_tuple
from .compat_stack import combined_python_floor, minor

TESTED_ROW_CLASS = "compat-tested"
DIFFERS_CLASS = "compat-differs"
BLANK_LABEL = "no mark"

CAPTIONS = {
    "mongodb": "Motor and MongoDB Server versions",
    "python": "Motor and Python versions",
    "pymongo": "Motor and the PyMongo versions it runs on, by source",
    "tornado": "Motor and Tornado versions, by source",
    "pymongo-needs": "What the installed PyMongo release needs",
    "stack": "The versions this site's examples are tested with",
}
# Every claim kind, then two tables that are not about a kind of claim.
TABLE_KINDS = tuple(CAPTIONS)
COLUMN_LABELS = {"mongodb": "MongoDB", "python": "Python"}


def display_specifier(specifier):
    """``"<5.0,>=4.9"`` -> ``">=4.9,<5.0"``: the lower bound first, as people write it."""
    parts = specifier.split(",")
    return ",".join(sorted(parts, key=lambda part: not part.startswith(">")))


def tested_row_header(stack):
    return f"{stack['motor']} with PyMongo {stack['pymongo']} (this site)"


def mark_claim(legend, mark_name, source=None):
    mark = legend[mark_name]
    return {"symbol": mark.symbol, "words": mark.words, "text": None, "source": source}


def text_claim(text, source=None):
    return {"symbol": None, "words": None, "text": text, "source": source}


def cell(claims, colspan=1):
    return {"claims": claims, "colspan": colspan}


def merge(claims_by_source, data):
    """One unlabelled claim if every source agrees; otherwise one labelled claim each."""
    claims = list(claims_by_source.items())
    if len({(claim["symbol"], claim["words"], claim["text"]) for _, claim in claims}) <= 1:
        return [claims[0][1]] if claims else [], False
    return [{**claim, "source": data.sources[source].label} for source, claim in claims], True


def matrix_cells(release, kind, data):
    legend = data.legends[kind]
    cells, differs = [], False
    for column in data.columns[kind]:
        by_source = {}
        for source, claim in release.claims.get(kind, {}).items():
            if kind == "mongodb":
                by_source[source] = mark_claim(legend, claim.get(column, "untested"))
            else:
                by_source[source] = mark_claim(legend, "full" if claim.contains(column) else "untested")
        claims, cell_differs = merge(by_source, data)
        cells.append(cell(claims))
        differs = differs or cell_differs
    return cells, differs


def matrix_table(kind, data, stack):
    """The MongoDB or Python grid: a row per Motor release, then the tested pair."""
    label = COLUMN_LABELS[kind]
    rows = []
    for release in data.motor:
        cells, differs = matrix_cells(release, kind, data)
        rows.append(
            {"header": release.version, "classes": [DIFFERS_CLASS] if differs else [], "cells": cells}
        )
    installed = data.motor_release(minor(stack["motor"]))
    if installed is not None:
        rows.append({"header": tested_row_header(stack), "classes": [TESTED_ROW_CLASS], "cells": []})
        floor = stack["pymongo-min-server"] if kind == "mongodb" else combined_python_floor(stack)
        base_cells, _ = matrix_cells(installed, kind, data)
        for column, base in zip(data.columns[kind], base_cells, strict=True):
            below_floor = version_tuple(column) < version_tuple(floor)
            claims = [mark_claim(data.legends[kind], "incompatible")] if below_floor else base["claims"]
            rows[-1]["cells"].append(cell(claims))
    return {
        "kind": kind,
        "caption": CAPTIONS[kind],
        "corner": "Motor",
        "columns": [f"{label} {column}" for column in data.columns[kind]],
        "rows": rows,
    }


def text_table(kind, data, stack):
    """PyMongo or Tornado: a column per source, so each answer stands under its source's name."""
    sources = data.sources_of(kind)
    rows = []
    for release in data.motor:
        claims = release.claims.get(kind, {})
        answers = [claims[source].words() if source in claims else "not given" for source in sources]
        given = {claims[source].terms for source in sources if source in claims}
        rows.append(
            {
                "header": release.version,
                "classes": [DIFFERS_CLASS] if len(given) > 1 else [],
                "cells": [cell([text_claim(answer)]) for answer in answers],
            }
        )
    if kind == "pymongo":
        tested = (
            f"{stack['pymongo']} installed; Motor {stack['motor']} accepts "
            f"{display_specifier(stack['motor-pymongo'])}"
        )
        header = f"{stack['motor']} (this site)"
    else:
        tested, header = f"{stack['tornado']} installed", f"{stack['motor']} (this site)"
    rows.append(
        {"header": header, "classes": [TESTED_ROW_CLASS], "cells": [cell([text_claim(tested)], len(sources))]}
    )
    return {
        "kind": kind,
        "caption": CAPTIONS[kind],
        "corner": "Motor",
        "columns": [data.sources[source].label for source in sources],
        "rows": rows,
    }


def source_label(data, source):
    """The short name of *source*; an unknown id (already reported) is shown as it is."""
    return data.sources[source].label if source in data.sources else source


def pymongo_needs_table(data, stack):
    rows = []
    for release in data.pymongo:
        installed = minor(stack["pymongo"]) == release.version
        header = f"{release.version} (installed: {stack['pymongo']})" if installed else release.version
        rows.append(
            {
                "header": header,
                "classes": [TESTED_ROW_CLASS] if installed else [],
                "cells": [
                    cell([text_claim(release.python.words() if release.python else "?")]),
                    cell([text_claim(release.mongodb.words() if release.mongodb else "?")]),
                    cell([text_claim(source_label(data, release.source))]),
                ],
            }
        )
    return {
        "kind": "pymongo-needs",
        "caption": CAPTIONS["pymongo-needs"],
        "corner": "PyMongo",
        "columns": ["Python", "MongoDB", "Source"],
        "rows": rows,
    }


def stack_table(stack):
    server_range = (
        f"MongoDB {stack['pymongo-min-server']} or later "
        f"(wire versions {stack['pymongo-min-wire']} to {stack['pymongo-max-wire']})"
    )
    entries = [
        (
            "Motor",
            stack["motor"],
            f"Python {stack['motor-python']}, PyMongo {display_specifier(stack['motor-pymongo'])}",
        ),
        ("PyMongo", stack["pymongo"], f"Python {stack['pymongo-python']}; talks to {server_range}"),
        ("Tornado", stack["tornado"], f"Python {stack['tornado-python']}"),
        ("Python", stack["python"], "the interpreter the site was built and tested with"),
        (
            "Live tier server",
            stack["live-server"],
            f"reports MongoDB {stack['live-server-version']} (wire version {stack['live-wire']})",
        ),
        ("Mock tier", stack["mock"], "no server: a stand-in for Motor's client classes"),
    ]
    return {
        "kind": "stack",
        "caption": CAPTIONS["stack"],
        "corner": "Part",
        "columns": ["Version", "Declares or reports"],
        "rows": [
            {"header": part, "classes": [], "cells": [cell([text_claim(version)]), cell([text_claim(note)])]}
            for part, version, note in entries
        ],
    }


def build_table(kind, data, stack):
    if kind in MATRIX_KINDS:
        return matrix_table(kind, data, stack)
    if kind in TEXT_KINDS:
        return text_table(kind, data, stack)
    if kind == "pymongo-needs":
        return pymongo_needs_table(data, stack)
    return stack_table(stack)


def differences(kind, data):
    """``(release, where, [(source label, answer)])`` for each cell the sources disagree on."""
    found = []
    for release in data.motor:
        claims = release.claims.get(kind, {})
        if kind in TEXT_KINDS:
            if len({versions.terms for versions in claims.values()}) > 1:
                answers = [
                    (data.sources[source].label, versions.words()) for source, versions in claims.items()
                ]
                found.append((release.version, "", answers))
            continue
        cells, _ = matrix_cells(release, kind, data)
        for column, each in zip(data.columns[kind], cells, strict=True):
            if len(each["claims"]) > 1:
                answers = [(claim["source"], claim_words(claim)) for claim in each["claims"]]
                found.append((release.version, column, answers))
    return found


def claim_words(claim):
    """A claim in plain words, for lists and for builders other than HTML."""
    if claim["words"] is None:
        return claim["text"]
    if claim["symbol"]:
        return f"{claim['symbol']} ({claim['words']})"
    return f"{BLANK_LABEL} ({claim['words']})"


# -- HTML ----------------------------------------------------------------------


def claim_html(claim):
    label = f'<span class="compat-source">{escape(claim["source"])}:</span> ' if claim["source"] else ""
    if claim["words"] is None:
        body = escape(claim["text"])
    elif claim["symbol"]:
        body = (
            f'<span class="compat-mark" aria-hidden="true" title="{escape(claim["words"])}">'
            f"{escape(claim['symbol'])}</span>"
            f'<span class="visually-hidden">{escape(claim["words"])}</span>'
        )
    elif claim["source"]:
        # A labelled blank needs visible words, or the label would stand alone.
        body = (
            f'<span class="compat-blank" aria-hidden="true">{BLANK_LABEL}</span>'
            f'<span class="visually-hidden">{escape(claim["words"])}</span>'
        )
    else:
        body = f'<span class="visually-hidden">{escape(claim["words"])}</span>'
    return f'<span class="compat-claim">{label}{body}</span>' if claim["source"] else body


def table_html(table, table_id):
    """The table with a caption, column and row header cells, and every mark in words."""
    caption_id = f"{table_id}-caption"
    out = [
        f'<div class="table-wrapper container compat-table-wrapper" role="region" tabindex="0" '
        f'aria-labelledby="{caption_id}">',
        f'<table class="docutils align-default compat compat-{table["kind"]}" id="{table_id}">',
        f'<caption id="{caption_id}"><span class="caption-text">{escape(table["caption"])}</span></caption>',
        "<thead><tr>",
        f'<th scope="col">{escape(table["corner"])}</th>',
        *(f'<th scope="col">{escape(column)}</th>' for column in table["columns"]),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in table["rows"]:
        classes = f' class="{" ".join(row["classes"])}"' if row["classes"] else ""
        out.append(f'<tr{classes}><th scope="row">{escape(row["header"])}</th>')
        for each in row["cells"]:
            span = f' colspan="{each["colspan"]}"' if each["colspan"] > 1 else ""
            out.append(f"<td{span}>{''.join(claim_html(claim) for claim in each['claims'])}</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out) + "\n"
