"""The LibCST transformer that turns one Motor module into PyMongo Async code.

``convert_source(text)`` parses the text, applies every rule in ``rules``,
and returns the new text with one ``Finding`` per change made and per place
left for a person. It works on LibCST's concrete syntax tree, so everything
it does not change (formatting, comments, blank lines) comes out as it went
in.

A module that never names ``motor`` is left alone without being parsed: the
converter only changes Motor code. A result that would not compile where
the input did is thrown away and reported: the converter never writes a file
that no longer parses.
"""

import ast
import bisect
import re
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import ByteSpanPositionProvider, MetadataWrapper

from . import rules as R
from .kinds import CURSORS, FUTURE_METHODS, ITEMS, RESULTS, Scopes, attribute_kind
from .names import CLASSES, MOTOR_MODULES, WEB_MODULES, Target


@dataclass(frozen=True)
class Finding:
    line: int
    rule: R.Rule
    detail: str
    changed: bool  # True: the converter made the change; False: a person must

    @property
    def manual(self):
        return not self.changed


@dataclass
class Context:
    """What the converter knows at the end of a module, to carry into the next piece of one.

    A page's examples run one after another in one namespace; converting
    them in order with one Context lets a name imported or assigned in one
    be known in the next.
    """

    classes: dict = field(default_factory=dict)  # local name -> Target
    aliases: dict = field(default_factory=dict)  # local dotted prefix -> motor module
    names: dict = field(default_factory=dict)  # module-level name -> kind
    motor_imported: bool = False  # any import from motor, known parts or not
    # An interactive session (python -m asyncio, IPython, a >>> example) allows await at top level.
    top_level_await: bool = False

    @property
    def uses_motor(self):
        return bool(self.motor_imported or self.classes or self.aliases or self.names)


@dataclass(frozen=True)
class Result:
    text: str
    findings: tuple
    context: Context

    @property
    def changed(self):
        return any(f.changed for f in self.findings)

    @property
    def manual(self):
        return [f for f in self.findings if f.manual]


class SyntaxProblem(Exception):
    def __init__(self, message, line):
        super().__init__(message)
        self.line = line


# Methods whose await changes, by receiver kind, and the rule that says so.
AWAIT_CALLS = {
    "aggregate": ({"database", "collection"}, R.AWAIT_CURSOR),
    "watch": ({"client", "database", "collection"}, R.AWAIT_CURSOR),
    "list_indexes": ({"collection"}, R.AWAIT_CURSOR),
    "list_search_indexes": ({"collection"}, R.AWAIT_CURSOR),
    "aggregate_raw_batches": ({"collection"}, R.AWAIT_CURSOR),
    "rewind": ({"cursor", "grid_out_cursor"}, R.CURSOR_METHOD),
    "add_option": ({"cursor"}, R.CURSOR_METHOD),
    "start_transaction": ({"session"}, R.START_TRANSACTION),
    "close": ({"client", "grid_out"}, None),  # rule chosen by receiver below
    "seek": ({"grid_out"}, R.GRIDOUT_METHOD),
    "readlines": ({"grid_out"}, R.GRIDOUT_METHOD),
}
# Methods that are no Motor-only name but common elsewhere: on an unknown receiver, left alone.
COMMON_NAMES = {"close", "seek", "readlines"}
# What takes a Future and a coroutine alike, and runs it to the end.
TAKE_FUTURES = {"gather", "wait_for", "shield"}
TOPOLOGY = {"address", "arbiters", "is_mongos", "is_primary", "primary", "secondaries"}
MOTOR_ONLY = {"delegate", "get_io_loop", "io_loop", "wrap"}
MOTOR_KINDS = (
    set(ITEMS)
    | set(CURSORS)
    | {
        "change_stream",
        "session",
        "encryption",
        "bucket",
        "grid_in",
        "grid_out",
    }
)
MOTOR_MODULE_NAMES = ("motor_asyncio", "motor_tornado")
AWAIT_WORD = re.compile(r"\bawait", re.IGNORECASE)
CLASS_WORD = re.compile(r"\b(?:([A-Za-z_][\w.]*)\.)?((?:AsyncIO)?Motor\w+)\b")


def dotted(node):
    """``a.b.c`` for a chain of names, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


def module_name(node):
    return dotted(node) if node is not None else ""


def parenthesized(node):
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def ast_dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = ast_dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def scan_imports(tree, context):
    """First pass, on Python's own (faster) tree: what the module imports from motor, into *context*.

    Returns the target modules that its motor module aliases reach
    (``motor_asyncio.AsyncIOMotorClient`` reaches ``pymongo``), which the
    rewritten import statements must import.
    """
    nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                context.motor_imported |= alias.name.split(".")[0] == "motor"
                if alias.name in MOTOR_MODULES or alias.name == "motor":
                    if alias.name == "motor" or not alias.asname:
                        for module in MOTOR_MODULES:
                            context.aliases[module] = module
                    else:
                        context.aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            context.motor_imported |= node.module.split(".")[0] == "motor"
            for alias in node.names:
                local = alias.asname or alias.name
                if node.module in MOTOR_MODULES and alias.name in CLASSES:
                    context.classes[local] = CLASSES[alias.name]
                elif node.module == "motor" and f"motor.{alias.name}" in MOTOR_MODULES:
                    context.aliases[local] = f"motor.{alias.name}"
    return {
        CLASSES[node.attr].module
        for node in nodes
        if isinstance(node, ast.Attribute)
        and node.attr in CLASSES
        and ast_dotted(node.value) in context.aliases
    }


def from_module(line):
    """The module of a one-statement ``from M import ...`` line, else None."""
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
        statement = line.body[0]
        if isinstance(statement, cst.ImportFrom) and not statement.relative:
            return module_name(statement.module)
    return None


def sort_created_imports(body, created):
    """Move each new import line up past the from-imports of its block that sort after it.

    ``from gridfs.errors import NoFile`` then motor's line: its replacement,
    ``from gridfs import AsyncGridFSBucket``, goes above, where isort puts it.
    """
    for index in range(len(body)):
        if id(body[index]) not in created:
            continue
        module, at = from_module(body[index]), index
        while (
            at > 0 and not body[at].leading_lines and (above := from_module(body[at - 1])) and above > module
        ):
            upper, lower = body[at - 1], body[at]
            body[at - 1] = lower.with_changes(leading_lines=upper.leading_lines)
            body[at] = upper.with_changes(leading_lines=[])
            created.add(id(body[at - 1]))
            at -= 1


def isort_key(alias):
    """The order ruff's and isort's defaults give imported names: constants, classes, the rest."""
    name = alias.name.value
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name.lower(), name


def merged_import(statement, added):
    """``from M import a`` with the *added* aliases among its names, sorted, each once."""
    names, seen = [], set()
    for alias in sorted([*statement.names, *added], key=isort_key):
        key = (alias.name.value, alias.asname.name.value if alias.asname else None)
        if key not in seen:
            seen.add(key)
            names.append(alias.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
    names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return statement.with_changes(names=names)


def mergeable_imports(tree, text):
    """Modules with a top-level, one-line, unparenthesized ``from M import a, b``."""
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            segment = ast.get_source_segment(text, node) or ""
            if "(" not in segment and "\\" not in segment and all(a.name != "*" for a in node.names):
                found.add(node.module)
    return frozenset(found)


def resolve_alias(context, node):
    """The target of ``alias.AsyncIOMotorX`` where alias names a motor module, else None."""
    if not isinstance(node, cst.Attribute):
        return None
    prefix = dotted(node.value)
    if prefix in context.aliases and node.attr.value in CLASSES:
        return CLASSES[node.attr.value]
    return None


class MotorToPyMongo(cst.CSTTransformer):
    # Byte spans cost less to compute than line and column positions; lines come from the offsets.
    METADATA_DEPENDENCIES = (ByteSpanPositionProvider,)

    def __init__(self, context, alias_modules, text, mergeable=frozenset()):
        super().__init__()
        self.mergeable = mergeable  # modules with a one-line `from M import ...` at top level
        self.merges = {}  # module -> the import aliases to add to that line
        self.dropped = set()  # ids of top-level import lines to drop
        self.created = set()  # ids of the top-level import lines made in place of motor's
        self.block_depth = 0
        data = text.encode("utf-8")
        self.line_starts = [0] + [match.end() for match in re.finditer(b"\n", data)]
        self.context = context
        self.alias_modules = sorted(alias_modules)
        self.alias_imports_written = False
        self.scopes = Scopes(context.names, top_level_await=context.top_level_await)
        self.findings = []
        self.not_renamed = set()  # ids of Name nodes that are no reference (attribute names, keywords)
        self.annotation_depth = 0
        self.docstrings = set()
        self.callees = set()  # ids of the nodes that are called (a topology property never is)
        self.awaited_nodes = set()  # ids of the expressions that are awaited (or gathered)
        self.statement_comments = []  # the trailing comment of each simple statement line being visited

    # -- reporting -------------------------------------------------------------------

    def line(self, node):
        return bisect.bisect_right(self.line_starts, self.get_metadata(ByteSpanPositionProvider, node).start)

    def changed(self, node, rule, detail):
        self.findings.append(Finding(self.line(node), rule, detail, True))

    def manual(self, node, rule, detail):
        self.findings.append(Finding(self.line(node), rule, detail, False))

    # -- kinds -----------------------------------------------------------------------

    def class_of(self, node):
        """The Target of a Motor class named by *node*, else None."""
        if isinstance(node, cst.Name):
            return self.context.classes.get(node.value)
        return resolve_alias(self.context, node)

    def kind_of(self, node):
        if isinstance(node, cst.Await):
            return self.kind_of(node.expression)
        key = dotted(node)
        if key is not None:
            found = self.scopes.lookup(key)
            if found or isinstance(node, cst.Name):
                return found
        if isinstance(node, cst.Call):
            target = self.class_of(node.func)
            if target:
                return target.kind
            if isinstance(node.func, cst.Attribute):
                return RESULTS.get((self.kind_of(node.func.value), node.func.attr.value))
            return None
        if isinstance(node, cst.Attribute):
            return attribute_kind(self.kind_of(node.value), node.attr.value)
        if isinstance(node, cst.Subscript):
            return ITEMS.get(self.kind_of(node.value))
        return None

    def kind_of_annotation(self, annotation):
        node = annotation.annotation
        if isinstance(node, cst.SimpleString):
            text = node.evaluated_value
            name = text.rsplit(".", 1)[-1]
            target = self.context.classes.get(text) or CLASSES.get(name) if isinstance(text, str) else None
            return target.kind if target else None
        target = self.class_of(node)
        return target.kind if target else None

    def bind(self, target, kind):
        key = dotted(target)
        if key is not None:
            self.scopes.bind(key, kind)

    # -- scopes ----------------------------------------------------------------------

    def visit_FunctionDef(self, node):
        self.scopes.push("function", is_async=node.asynchronous is not None)
        for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params):
            if param.annotation is not None:
                self.scopes.bind(param.name.value, self.kind_of_annotation(param.annotation))
            self.not_renamed.add(id(param.name))
        self.note_docstring(node.body)

    def leave_FunctionDef(self, original_node, updated_node):
        self.scopes.pop()
        return updated_node

    def visit_ClassDef(self, node):
        self.scopes.push("class")
        self.note_docstring(node.body)

    def leave_ClassDef(self, original_node, updated_node):
        self.scopes.pop()
        return updated_node

    def visit_Lambda(self, node):
        self.scopes.push("function")

    def leave_Lambda(self, original_node, updated_node):
        self.scopes.pop()
        return updated_node

    # An await inside a generator expression would make it an async generator: no place for one.
    def visit_GeneratorExp(self, node):
        self.scopes.push("function")

    def leave_GeneratorExp(self, original_node, updated_node):
        self.scopes.pop()
        return updated_node

    def visit_Module(self, node):
        self.note_docstring(node)

    def note_docstring(self, body):
        statements = body.body if hasattr(body, "body") else ()
        if isinstance(body, cst.IndentedBlock | cst.Module) and statements:
            first = statements[0]
            if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr):
                self.docstrings.add(id(first.body[0].value))

    # -- names bound to Motor objects ------------------------------------------------

    def leave_Assign(self, original_node, updated_node):
        kind = self.kind_of(original_node.value)
        for target in original_node.targets:
            self.bind(target.target, kind)
        return updated_node

    def leave_AnnAssign(self, original_node, updated_node):
        kind = self.kind_of_annotation(original_node.annotation)
        if original_node.value is not None:
            kind = self.kind_of(original_node.value) or kind
        self.bind(original_node.target, kind)
        return updated_node

    def visit_WithItem_asname(self, node):
        if node.asname is not None:
            self.bind(node.asname.name, self.kind_of(node.item))

    def visit_For_body(self, node):
        # A for loop over a GridFS bucket's find() gives its files; over anything else, nothing known.
        iterated = self.kind_of(node.iter)
        self.bind(node.target, "grid_out_file" if iterated == "grid_out_cursor" else None)
        if iterated == "grid_out" and node.asynchronous is not None:
            self.manual(node, R.GRIDOUT_ITERATION, "async for over a GridFS file")
        self.bind_literal_loop(node.target, node.iter)

    def bind_literal_loop(self, target, iterated):
        """``for name, source in (("a", coll), ("b", db)):``: each name holds one of its column's kinds."""
        if not isinstance(iterated, cst.Tuple | cst.List) or not iterated.elements:
            return
        rows = [element.value for element in iterated.elements]
        if isinstance(target, cst.Tuple):
            names = [element.value for element in target.elements]
            if not all(isinstance(row, cst.Tuple) and len(row.elements) == len(names) for row in rows):
                return
            columns = [[row.elements[i].value for row in rows] for i in range(len(names))]
        else:
            names, columns = [target], [rows]
        for name, column in zip(names, columns, strict=True):
            kinds = frozenset(self.kind_of(value) for value in column)
            if None not in kinds:
                self.bind(name, next(iter(kinds)) if len(kinds) == 1 else kinds)

    # -- imports ---------------------------------------------------------------------

    def visit_SimpleStatementLine(self, node):
        comment = node.trailing_whitespace.comment
        self.statement_comments.append(comment.value if comment else "")

    def leave_SimpleStatementLine(self, original_node, updated_node):
        self.statement_comments.pop()
        if len(original_node.body) != 1 or not isinstance(original_node.body[0], cst.Import | cst.ImportFrom):
            if any(
                isinstance(s, cst.Import | cst.ImportFrom) and self.imports_motor(s)
                for s in original_node.body
            ):
                self.manual(
                    original_node, R.UNKNOWN_MOTOR, "a motor import among other statements on one line"
                )
            return updated_node
        statement = original_node.body[0]
        if not self.imports_motor(statement):
            return updated_node
        replacement = (
            self.replace_import(statement)
            if isinstance(statement, cst.Import)
            else self.replace_import_from(statement)
        )
        if replacement is None:
            return updated_node
        if not replacement:
            if self.block_depth == 0:
                # At top level, leave_Module drops it and hands its blank lines and comments on.
                self.dropped.add(id(updated_node))
                return updated_node
            return cst.RemoveFromParent()
        lines = [cst.SimpleStatementLine(body=[s]) for s in replacement]
        lines[0] = lines[0].with_changes(leading_lines=original_node.leading_lines)
        lines[-1] = lines[-1].with_changes(trailing_whitespace=original_node.trailing_whitespace)
        if self.block_depth == 0:
            self.created.update(id(line) for line in lines)
        return cst.FlattenSentinel(lines)

    def imports_motor(self, statement):
        if isinstance(statement, cst.Import):
            return any(module_name(a.name).split(".")[0] == "motor" for a in statement.names)
        return module_name(statement.module).split(".")[0] == "motor" and not statement.relative

    def replace_import(self, statement):
        kept, dropped = [], []
        for alias in statement.names:
            name = module_name(alias.name)
            if name in MOTOR_MODULES or name == "motor":
                dropped.append(name)
            else:
                if name.split(".")[0] == "motor":
                    rule = R.WEB_HANDLER if name in WEB_MODULES else R.UNKNOWN_MOTOR
                    self.manual(statement, rule, f"import {name}")
                kept.append(alias)
        if not dropped:
            return None
        new = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            new.append(statement.with_changes(names=kept))
        if not self.alias_imports_written:
            self.alias_imports_written = True
            for module in self.alias_modules:
                new.append(cst.Import(names=[cst.ImportAlias(name=cst.parse_expression(module))]))
        detail = ", ".join(dropped) + " -> " + (", ".join(self.alias_modules) or "nothing")
        self.changed(statement, R.MODULE_ALIAS, f"import {detail}")
        return new

    def replace_import_from(self, statement):
        source = module_name(statement.module)
        if source in WEB_MODULES or source.startswith(tuple(m + "." for m in WEB_MODULES)):
            self.manual(statement, R.WEB_HANDLER, f"from {source} import ...")
            return None
        if isinstance(statement.names, cst.ImportStar):
            self.manual(statement, R.UNKNOWN_MOTOR, f"from {source} import *")
            return None
        by_module, kept, done = {}, [], []
        for alias in statement.names:
            imported = alias.name.value
            if source in MOTOR_MODULES and imported in CLASSES:
                target = CLASSES[imported]
                names = by_module.setdefault(target.module, [])
                new_alias = cst.ImportAlias(name=cst.Name(target.name), asname=alias.asname)
                if not any(a.deep_equals(new_alias) for a in names):
                    names.append(new_alias)
                done.append(f"{imported} -> {target.name} from {target.module}")
            elif source == "motor" and f"motor.{imported}" in MOTOR_MODULES:
                done.append(f"motor.{imported} -> {', '.join(self.alias_modules) or 'nothing'}")
                if not self.alias_imports_written:
                    self.alias_imports_written = True
                    for module in self.alias_modules:
                        by_module.setdefault(None, []).append(module)
            else:
                rule = R.WEB_HANDLER if f"{source}.{imported}" in WEB_MODULES else R.UNKNOWN_MOTOR
                self.manual(statement, rule, f"from {source} import {imported}")
                kept.append(alias)
        if not done:
            return None
        new = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            new.append(statement.with_changes(names=kept))
        for module in by_module.pop(None, []):
            new.append(cst.Import(names=[cst.ImportAlias(name=cst.parse_expression(module))]))
        for module, names in sorted(by_module.items()):
            if module in self.mergeable:
                # The module already has a `from pymongo import ...` line: the names join it.
                self.merges.setdefault(module, []).extend(names)
                continue
            names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            new.append(cst.ImportFrom(module=cst.parse_expression(module), names=names))
        rule = (
            self.class_rule(CLASSES.get(statement.names[0].name.value)) if source in MOTOR_MODULES else None
        )
        self.changed(statement, rule or R.CLASS_IMPORT, "; ".join(done))
        return new

    def visit_IndentedBlock(self, node):
        self.block_depth += 1

    def leave_IndentedBlock(self, original_node, updated_node):
        self.block_depth -= 1
        return updated_node

    def leave_Module(self, original_node, updated_node):
        if not self.merges and not self.dropped and not self.created:
            return updated_node
        body, carried = [], []
        for line in updated_node.body:
            if id(line) in self.dropped:
                carried += line.leading_lines
                continue
            if carried:
                line = line.with_changes(leading_lines=[*carried, *line.leading_lines])
                carried = []
            body.append(line)
        for index, line in enumerate(body):
            statement = (
                line.body[0] if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
            )
            if isinstance(statement, cst.ImportFrom) and module_name(statement.module) in self.merges:
                added = self.merges.pop(module_name(statement.module))
                body[index] = line.with_changes(body=[merged_import(statement, added)])
        sort_created_imports(body, self.created)
        return updated_node.with_changes(body=body)

    def class_rule(self, target):
        return R.RULES[target.rule] if isinstance(target, Target) else None

    def visit_ImportAlias(self, node):
        # The names an import binds are not references to rename.
        for part in (node.name, node.asname.name if node.asname else None):
            if isinstance(part, cst.Name):
                self.not_renamed.add(id(part))

    # -- class names -----------------------------------------------------------------

    def visit_Annotation(self, node):
        self.annotation_depth += 1

    def leave_Annotation(self, original_node, updated_node):
        self.annotation_depth -= 1
        return updated_node

    def visit_Attribute(self, node):
        self.not_renamed.add(id(node.attr))

    def visit_Arg(self, node):
        if node.keyword is not None:
            self.not_renamed.add(id(node.keyword))

    def leave_Name(self, original_node, updated_node):
        target = self.context.classes.get(original_node.value)
        if target is None or id(original_node) in self.not_renamed:
            return updated_node
        # Called, it makes an object (the class's import rule); otherwise it names the type.
        named = self.annotation_depth or id(original_node) not in self.callees
        rule = R.CLASS_NAME if named else self.class_rule(target)
        if original_node.value != target.name and self.is_unaliased(original_node.value):
            self.changed(original_node, rule, f"{original_node.value} -> {target.name}")
            return updated_node.with_changes(value=target.name)
        return updated_node

    def is_unaliased(self, local):
        # A class imported under its own Motor name is renamed; one imported `as X` keeps X.
        return local in CLASSES

    def leave_SimpleString(self, original_node, updated_node):
        if not (self.annotation_depth or id(original_node) in self.docstrings):
            return updated_node
        text = CLASS_WORD.sub(self.rename_word, updated_node.value)
        if text == updated_node.value:
            return updated_node
        self.changed(original_node, R.CLASS_NAME, "Motor class names in a string annotation or docstring")
        return updated_node.with_changes(value=text)

    def rename_word(self, match):
        prefix, name = match.group(1), match.group(2)
        target = CLASSES.get(name)
        if target is None:
            return match.group(0)
        if prefix and (prefix in self.context.aliases or prefix.endswith(MOTOR_MODULE_NAMES)):
            return target.dotted
        return (prefix + "." if prefix else "") + target.name

    # -- attributes: module aliases, topology, Motor-only members --------------------

    def leave_Attribute(self, original_node, updated_node):
        if isinstance(updated_node.value, cst.Await) and not updated_node.value.lpar:
            updated_node = updated_node.with_changes(value=parenthesized(updated_node.value))
        target = resolve_alias(self.context, original_node)
        if target:
            self.changed(original_node, R.MODULE_ALIAS, f"{dotted(original_node)} -> {target.dotted}")
            return cst.parse_expression(target.dotted).with_changes(
                lpar=updated_node.lpar, rpar=updated_node.rpar
            )
        prefix = dotted(original_node.value)
        if prefix in self.context.aliases:
            self.manual(original_node, R.UNKNOWN_MOTOR, dotted(original_node))
            return updated_node
        name = original_node.attr.value
        receiver = self.kind_of(original_node.value)
        if name in ("fetch_next", "each", "next_object") and receiver in (*CURSORS, None):
            self.manual(original_node, R.OLD_ITERATION, name)
        elif name == "stream_to_handler" and receiver in ("grid_out", None):
            self.manual(original_node, R.STREAM_TO_HANDLER, name)
        elif receiver in MOTOR_KINDS and name in MOTOR_ONLY:
            self.manual(original_node, R.MOTOR_ONLY_MEMBER, name)
        elif receiver in ("command_cursor", "bucket") and name == "collection":
            self.manual(original_node, R.MOTOR_ONLY_MEMBER, f"{name} of a {receiver.replace('_', ' ')}")
        elif receiver == "client" and name in TOPOLOGY and not self.is_called(original_node):
            return self.awaited(original_node, updated_node, R.TOPOLOGY, f"client.{name}")
        return updated_node

    def is_called(self, node):
        return id(node) in self.callees

    def visit_Call(self, node):
        self.callees.add(id(node.func))
        if (dotted(node.func) or "").rsplit(".", 1)[-1] in TAKE_FUTURES:
            for arg in node.args:
                self.awaited_nodes.add(id(arg.value))
                # gather(*(coll.find_one(q) for q in queries)): each one is gathered.
                if isinstance(arg.value, cst.GeneratorExp | cst.ListComp):
                    self.awaited_nodes.add(id(arg.value.elt))

    def visit_Await(self, node):
        self.awaited_nodes.add(id(node.expression))

    def leave_Subscript(self, original_node, updated_node):
        if isinstance(updated_node.value, cst.Await) and not updated_node.value.lpar:
            updated_node = updated_node.with_changes(value=parenthesized(updated_node.value))
        return updated_node

    # -- calls -----------------------------------------------------------------------

    def awaited(self, original_node, updated_node, rule, detail):
        if not self.scopes.in_async_function():
            self.manual(original_node, R.NOT_ASYNC, f"await {detail}")
            return updated_node
        comment = self.statement_comments[-1] if self.statement_comments else ""
        if AWAIT_WORD.search(comment):
            # "close()  # nothing to await": awaited, the line would say the opposite of what it does.
            self.manual(original_node, R.AWAIT_COMMENT, f"await {detail} beside {comment!r}")
            return updated_node
        self.changed(original_node, rule, f"{detail} -> await {detail}")
        return cst.Await(expression=updated_node)

    def leave_Call(self, original_node, updated_node):
        if isinstance(updated_node.func, cst.Await) and not updated_node.func.lpar:
            updated_node = updated_node.with_changes(func=parenthesized(updated_node.func))
        target = self.class_of(original_node.func)
        if target:
            return self.constructor(original_node, updated_node, target)
        if not isinstance(original_node.func, cst.Attribute):
            return updated_node
        method = original_node.func.attr.value
        receiver = self.kind_of(original_node.func.value)
        shown = f"{method}()"
        if method == "to_list" and self.is_zero(original_node):
            self.manual(
                original_node,
                R.TO_LIST_ZERO,
                f"to_list({cst.Module([]).code_for_node(original_node.args[0].value)})",
            )
            return updated_node
        if method == "find" and receiver == "bucket":
            self.manual(original_node, R.GRIDFS_FIND, "bucket.find()")
            return updated_node
        if method in ("read", "readchunk") and receiver == "grid_out_file":
            self.manual(original_node, R.GRIDFS_FIND, f"{method}() on a file from bucket.find()")
            return updated_node
        if method in FUTURE_METHODS.get(receiver, ()) and id(original_node) not in self.awaited_nodes:
            self.manual(original_node, R.FUTURE, f"{method}() not awaited")
            return updated_node
        if method not in AWAIT_CALLS or id(original_node) in self.awaited_nodes:
            # Awaited already: not the Motor form of these methods (no Motor cursor is awaitable).
            return updated_node
        kinds, rule = AWAIT_CALLS[method]
        if receiver in kinds or (isinstance(receiver, frozenset) and receiver <= kinds):
            if method == "close":
                rule = R.CLOSE if receiver == "client" else R.GRIDOUT_METHOD
            return self.awaited(original_node, updated_node, rule, shown)
        unknown = receiver is None or isinstance(receiver, frozenset)  # a set: one of several kinds
        if unknown and method not in COMMON_NAMES and method != "start_session":
            self.manual(original_node, R.UNKNOWN_RECEIVER, shown)
        return updated_node

    def constructor(self, original_node, updated_node, target):
        args = list(updated_node.args)
        keep = [a for a in args if not (a.keyword is not None and a.keyword.value == "io_loop")]
        if target.kind == "bucket" and any(
            a.keyword is not None and a.keyword.value == "collection" for a in args
        ):
            self.manual(original_node, R.BUCKET_COLLECTION, "collection=")
        if len(keep) == len(args):
            return updated_node
        self.changed(original_node, R.IO_LOOP, "io_loop=")
        if keep and keep[-1] is not args[-1]:
            # The dropped argument was last: the one now last takes its comma (or its lack of one).
            keep[-1] = keep[-1].with_changes(comma=args[-1].comma)
        return updated_node.with_changes(args=keep)

    def is_zero(self, call):
        """Whether the length given to to_list() is, or may be, 0: anything but a positive literal or None."""
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value == "length":
                value = arg.value
                if isinstance(value, cst.Integer):
                    return value.evaluated_value == 0
                return not (isinstance(value, cst.Name) and value.value == "None")
        return False

    def leave_Await(self, original_node, updated_node):
        call = original_node.expression
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            receiver = self.kind_of(call.func.value)
            if method == "start_session" and receiver in ("client", None):
                self.changed(original_node, R.START_SESSION, "await start_session() -> start_session()")
                return self.unawaited(original_node, updated_node)
            if method == "get_keys" and receiver == "encryption":
                self.changed(original_node, R.GET_KEYS, "await get_keys() -> get_keys()")
                return self.unawaited(original_node, updated_node)
        return updated_node

    def unawaited(self, original_node, updated_node):
        inner = updated_node.expression
        return inner.with_changes(lpar=updated_node.lpar or inner.lpar, rpar=updated_node.rpar or inner.rpar)


def convert_source(text, context=None, filename="<string>"):
    """Convert one module's *text*; returns a Result. Raises SyntaxProblem where it does not parse."""
    context = context or Context()
    if "motor" not in text and not context.uses_motor:
        # No Motor code: nothing to convert, but a syntax error is still worth saying.
        try:
            ast.parse(text, filename)
        except SyntaxError as exc:
            raise SyntaxProblem(exc.msg, exc.lineno or 1) from exc
        return Result(text, (), context)
    try:
        tree = ast.parse(text, filename)
    except SyntaxError as exc:
        raise SyntaxProblem(exc.msg, exc.lineno or 1) from exc
    alias_modules = scan_imports(tree, context)
    if not context.uses_motor:
        return Result(text, (), context)
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:  # Python's parser took it; LibCST's did not
        raise SyntaxProblem(exc.message, exc.raw_line) from exc
    transformer = MotorToPyMongo(context, alias_modules, text, mergeable_imports(tree, text))
    new = MetadataWrapper(module, unsafe_skip_copy=True).visit(transformer).code
    findings = tuple(sorted(transformer.findings, key=lambda f: f.line))
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if context.top_level_await else 0
    if new != text and not compiles(new, filename, flags) and compiles(text, filename, flags):
        problem = Finding(1, R.UNKNOWN_MOTOR, "the rewrite would not compile, so nothing was changed", False)
        return Result(text, (problem, *(f for f in findings if f.manual)), context)
    context.names = dict(transformer.scopes.module_names)
    return Result(new, findings, context)


def compiles(text, filename, flags=0):
    try:
        compile(text, filename, "exec", flags=flags, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True
