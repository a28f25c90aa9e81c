"""The reStructuredText of a class's reference page, from what ``introspect`` reads.

Kept apart from the Sphinx glue so that a test can read the text a page is
made of without building the site.
"""

import textwrap

from . import introspect as I

# What the "Use" column says of each kind.
USE_WORDS = {
    I.AWAIT: "await",
    I.CURSOR: "iterate",
    I.CHAIN: "chain",
    I.METHOD: "call",
    I.PROPERTY: "property",
}
USE_SENTENCES = {
    I.AWAIT: "Must be awaited: returns an awaitable.",
    I.CURSOR: "Returns, without awaiting, a cursor or stream to iterate with ``async for``.",
    I.CHAIN: "Changes the cursor and returns a cursor, without I/O: chain it, then iterate.",
    I.METHOD: "A plain call: nothing to await or iterate.",
    I.PROPERTY: "A property: read it, nothing to call or await.",
}
ROLE_OF = {I.PROPERTY: "attr"}
DIRECTIVE_OF = {I.PROPERTY: "py:property"}
MIGRATION_FALLBACK = "migration-checklist"
DOCSTRING_CLASS = "api-docstring"


def page_title(spec):
    names = [spec.asyncio.__name__] + ([spec.tornado.__name__] if spec.tornado else [])
    return " / ".join(names)


def indent(text, by=3):
    return textwrap.indent(text, " " * by, lambda line: line.strip() != "")


def member_target(spec, name):
    return f"{spec.asyncio_name}.{name}"


def member_role(kind):
    return ROLE_OF.get(kind, "meth")


def migration_label(prose, spec, name):
    own = prose.member(spec.key, name).get("migration")
    return own or prose.migration.get(name, MIGRATION_FALLBACK)


def counterpart_text(spec, member, other, prose, short=False):
    """The PyMongo Async cell of the member table, or the line of its entry."""
    if spec.counterpart is None:
        return "none" if short else "None: PyMongo Async has no such class (see above)."
    if other.comparison == I.MISSING:
        link = f":ref:`missing <{migration_label(prose, spec, member.name)}>`"
        if short:
            return link
        return f"{link}. Instead: {prose.instead(spec.key, member.name)}"
    role = member_role(other.kind)
    ref = f":py:{role}:`~{other.target}`"
    if other.comparison == I.SAME:
        return f"{ref}, the same" if not short else "same"
    how = f":ref:`{other.comparison} <{migration_label(prose, spec, member.name)}>`"
    if short:
        return how
    return f"{ref}: {how} (there: {USE_WORDS[other.kind]})."


def class_page(spec, prose):
    """The whole page for *spec*: title, prose, member table, class and member entries."""
    lines = [f".. _api-{spec.key}:", "", page_title(spec), "=" * len(page_title(spec)), ""]
    lines += [".. include:: /includes/motor-deprecation-notice.rst", ""]
    lines += [".. default-domain:: py", "", f".. py:currentmodule:: {spec.asyncio.__module__}", ""]
    lines += [prose.intro(spec.key), ""]
    facts = [f"* asyncio: :py:class:`{spec.asyncio_name}`"]
    if spec.tornado:
        facts.append(f"* Tornado: :py:class:`{spec.tornado_name}`, the same members")
    if spec.counterpart is not None:
        facts.append(f"* PyMongo Async: :py:class:`{I.qualified(spec.counterpart)}`")
    else:
        facts.append(f"* PyMongo Async: nothing. Instead: {one_line(prose.class_instead(spec.key))}")
    lines += facts + [""]

    pairs = I.entries(spec)
    functions = I.function_members(spec)
    if pairs or functions:
        lines += [".. list-table::", "   :header-rows: 1", "   :class: api-members", ""]
        lines += ["   * - Member", "     - Use", "     - PyMongo Async"]
        for member, other in pairs:
            ref = f":py:{member_role(member.kind)}:`~{member_target(spec, member.name)}`"
            lines += [f"   * - {ref}", f"     - {USE_WORDS[member.kind]}"]
            lines += [f"     - {counterpart_text(spec, member, other, prose, short=True)}"]
        for func in functions:
            ref = f":py:func:`~{func_target(func)}`"
            lines += [f"   * - {ref}", f"     - {USE_WORDS[func.kind]}", "     - none"]
        lines.append("")

    signature = I.plain_signature(spec.asyncio) or "()"
    lines += [f".. py:class:: {spec.asyncio.__name__}{signature}", ""]
    lines += [indent(docstring(doc_block(spec.asyncio.__doc__))), ""]
    for member, other in pairs:
        lines += [indent(member_entry(spec, member, other, prose)), ""]
    for func in functions:
        lines += [function_entry(func), ""]
    return "\n".join(lines) + "\n"


def one_line(text):
    return " ".join(text.split())


def docstring(doc):
    """The installed package's docstring, marked so that its references are known to be imported."""
    if not doc.strip():
        return ""
    return ".. container:: " + DOCSTRING_CLASS + "\n\n" + indent(doc)


def func_target(func):
    return f"motor.aiohttp.{func.name}"


def doc_block(doc):
    import inspect

    return inspect.cleandoc(doc) if doc else ""


def member_entry(spec, member, other, prose):
    directive = DIRECTIVE_OF.get(member.kind, "py:method")
    signature = "" if member.kind == I.PROPERTY else (member.signature or "()")
    lines = [f".. {directive}:: {member.name}{signature}", ""]
    use = USE_SENTENCES[member.kind]
    if member.returns is not None:
        use += f" Gives :py:class:`~{I.qualified(member.returns)}`."
    body = [f"| **Use:** {use}", f"| **PyMongo Async:** {counterpart_text(spec, member, other, prose)}", ""]
    note = prose.member(spec.key, member.name).get("note")
    if note:
        body += [".. note::", "", indent(note), ""]
    body.append(docstring(member.doc))
    lines += [indent("\n".join(body))]
    return "\n".join(lines)


def function_entry(func):
    lines = [f".. py:function:: {func_target(func)}{func.signature}", ""]
    body = [f"| **Use:** {USE_SENTENCES[func.kind]}", "| **PyMongo Async:** none.", "", docstring(func.doc)]
    return "\n".join(lines + [indent("\n".join(body))])


def index_page(prose):
    """The table on the reference's index page: every class, its twin and its counterpart."""
    lines = [".. list-table::", "   :header-rows: 1", "   :class: api-classes", ""]
    lines += ["   * - asyncio", "     - Tornado", "     - PyMongo Async"]
    for spec in I.CLASSES:
        tornado = f":py:class:`~{spec.tornado_name}`" if spec.tornado else "(asyncio only)"
        if spec.asyncio.__module__ == "motor.web":
            tornado, first = f":py:class:`~{spec.asyncio_name}`", "(Tornado only)"
        else:
            first = f":py:class:`~{spec.asyncio_name}`"
        theirs = f":py:class:`~{I.qualified(spec.counterpart)}`" if spec.counterpart else "none"
        lines += [f"   * - {first}", f"     - {tornado}", f"     - {theirs}"]
    return "\n".join(lines) + "\n"
