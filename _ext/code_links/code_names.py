"""What the names in a page's Python examples are, each by its full dotted name.

``PageNames`` reads one run of a page's examples in page order, scripts and
``>>>`` sessions alike, and keeps what each binds for the next, as the
runner's one namespace per run does. For each example it gives the names it
can place, by character position in the example's text:

* Motor's classes, and the members of the objects they make:
  ``insert_one`` in ``client.db.books.insert_one(...)`` is
  ``motor.motor_asyncio.AsyncIOMotorCollection.insert_one``. What a name
  holds is the converter's own knowledge, read from ``motor_to_pymongo.kinds``
  and ``motor_to_pymongo.names`` only: a client's attribute is a database,
  ``find()`` gives a cursor, and so on. This module walks Python's own tree
  with it, so the converter can change how it walks LibCST's freely.
* PyMongo Async's classes and members the same way, under the names the
  converter imports them by (``pymongo.AsyncMongoClient.close``).
* Anything else imported, by its import path (``asyncio.run``), and Python's
  builtins where the examples never bind the name themselves.

A variable is named by its object's class (``client`` is
``motor.motor_asyncio.AsyncIOMotorClient``). A name it cannot place gets
nothing. Whether a full name is documented, and where, is the caller's
business: ``client.books`` gives ``...AsyncIOMotorClient.books``, which no
reference has.

Limits, as in ``kinds``: the flow is the text's order (a name assigned in
one branch counts in the other); a function's return value, an unannotated
parameter, a container's item and an attribute of anything but ``self`` are
unknown. A name bound to something unknown hides, in its scope, what the same
name holds outside it, so that an unknown never borrows a known link.
"""

import ast
import builtins
import doctest
from dataclasses import dataclass

from motor_to_pymongo.kinds import ITEMS, RESULTS, Scopes, attribute_kind
from motor_to_pymongo.names import ASYNCIO_MODULE, CLASSES, TORNADO_MODULE

# Names Python gives every module, linked only where the examples never bind them.
BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))


@dataclass(frozen=True)
class Reference:
    start: int  # character offsets of the name in the example's text
    end: int
    name: str  # what it is: "motor.motor_asyncio.AsyncIOMotorCollection.find", "print"


@dataclass(frozen=True)
class Held:
    """What a name holds: a kind of object (``kinds``' word) from one library."""

    library: str  # the module of the Motor class, or "pymongo"
    kind: str

    def then(self, kind):
        """The same library's object of *kind*, or None when *kind* is None."""
        return Held(self.library, kind) if kind else None


# A name bound to something unknown: it hides what an outer scope's name of the same name holds.
UNKNOWN = Held("", "")


def _class_tables():
    """(the class that makes each Held, the Held that each class makes), from the converter's names table."""
    class_of, made_by = {}, {}
    # The shortest name of a kind is its own class: CommandCursor, not LatentCommandCursor.
    for motor_name, target in sorted(CLASSES.items(), key=lambda item: len(item[0])):
        module = ASYNCIO_MODULE if motor_name.startswith("AsyncIOMotor") else TORNADO_MODULE
        for library, full in ((module, f"{module}.{motor_name}"), ("pymongo", target.dotted)):
            held = Held(library, target.kind)
            class_of.setdefault(held, full)
            made_by[full] = held
    return class_of, made_by


CLASS_OF, MADE_BY = _class_tables()


def dotted(node):
    """``a.b.c`` for a chain of names, else None: the keys ``kinds.Scopes`` keeps names by.

    transform.py has its own; this module reads the converter's kinds and names only.
    """
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


class Piece:
    """One parsed piece of an example: its lines, and where each line's code starts in the example."""

    def __init__(self, text, starts, example):
        self.lines = text.split("\n")
        self.starts = starts
        self.example = example

    def offset(self, lineno, col):
        """The character offset in the example of a line and byte column of the piece (ast's positions)."""
        line = self.lines[lineno - 1]
        if not line.isascii():
            col = len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))
        return self.starts[lineno - 1] + col

    def reference(self, start, text, name):
        """A Reference when *text* is what the example has at *start* (never a shifted link)."""
        if name and self.example.startswith(text, start):
            return Reference(start, start + len(text), name)
        return None


def line_starts(text):
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(line) + 1
    return starts


class PageNames:
    """What one run of a page has bound so far. Read its examples in page order."""

    def __init__(self):
        self.scopes = Scopes()
        self.imported = {}  # local name -> the dotted name its import gives
        self.bound = set()  # names bound by anything but an import, anywhere so far

    def script(self, text):
        """The References of a script example (a module's text)."""
        return self.read(text, Piece(text, line_starts(text), text))

    def session(self, text):
        """The References of a ``>>>`` example, statement by statement; prompts and output get none."""
        try:
            parts = doctest.DocTestParser().parse(text)
        except ValueError:
            return []
        starts, found = line_starts(text), []
        for part in parts:
            if isinstance(part, doctest.Example):
                prompt = part.indent + len(">>> ")
                count = part.source.rstrip("\n").count("\n") + 1
                code_starts = [starts[part.lineno + i] + prompt for i in range(count)]
                found += self.read(part.source, Piece(part.source, code_starts, text))
        return found

    def read(self, code, piece):
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError):
            return []  # a piece that shows a syntax error binds nothing and links nothing
        reader = _Reader(self, piece)
        reader.visit(tree)
        # A builtin's name bound further down the piece (a parameter, say) is no builtin there either.
        return [r for r in reader.found if not (r in reader.builtins and r.name in self.bound)]


class _Reader(ast.NodeVisitor):
    """Walks one piece in order, binding what it binds and placing what it uses."""

    def __init__(self, names, piece):
        self.names = names
        self.scopes = names.scopes
        self.piece = piece
        self.found = []
        self.builtins = set()  # the References to builtins, until the whole piece is read

    def add(self, reference):
        if reference is not None:
            self.found.append(reference)

    # -- what a name or expression is ----------------------------------------------

    def imported_as(self, node):
        """The dotted name an expression has by an import (``asyncio.run``), else None."""
        if isinstance(node, ast.Name):
            return self.names.imported.get(node.id)
        if isinstance(node, ast.Attribute):
            head = self.imported_as(node.value)
            return f"{head}.{node.attr}" if head else None
        return None

    def held(self, node):
        """The Held an expression gives, or None."""
        if isinstance(node, ast.Await):
            return self.held(node.value)
        key = dotted(node)
        if key is not None:
            found = self.scopes.lookup(key)
            if found is not None or isinstance(node, ast.Name):
                return None if found is UNKNOWN else found
        if isinstance(node, ast.Call):
            made = MADE_BY.get(self.imported_as(node.func))
            if made or not isinstance(node.func, ast.Attribute):
                return made
            receiver = self.held(node.func.value)
            return receiver and receiver.then(RESULTS.get((receiver.kind, node.func.attr)))
        if isinstance(node, ast.Attribute):
            receiver = self.held(node.value)
            return receiver and receiver.then(attribute_kind(receiver.kind, node.attr))
        if isinstance(node, ast.Subscript):
            receiver = self.held(node.value)
            return receiver and receiver.then(ITEMS.get(receiver.kind))
        return None

    def annotated(self, annotation):
        """The Held an annotation names (a Motor or PyMongo Async class, or its name in a string)."""
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            return MADE_BY.get(self.names.imported.get(annotation.value.strip()))
        return MADE_BY.get(self.imported_as(annotation)) if annotation is not None else None

    def bind(self, target, held):
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.bind(element, None)
            return
        if isinstance(target, ast.Starred):
            return self.bind(target.value, None)
        key = dotted(target)
        if key is not None:
            self.scopes.bind(key, held or UNKNOWN)
        if isinstance(target, ast.Name):
            self.names.imported.pop(target.id, None)

    # -- names -----------------------------------------------------------------------

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load):
            self.names.bound.add(node.id)
            return
        held = self.scopes.lookup(node.id)
        builtin = False
        if held is not None:
            name = CLASS_OF.get(held)
        else:
            name = self.names.imported.get(node.id)
            if name is None and node.id in BUILTIN_NAMES and node.id not in self.names.bound:
                name, builtin = node.id, True
        reference = self.piece.reference(self.piece.offset(node.lineno, node.col_offset), node.id, name)
        self.add(reference)
        if builtin and reference:
            self.builtins.add(reference)

    def visit_Constant(self, node):
        pass  # nothing in it to place (and NodeVisitor's own visit_Constant is slow)

    def visit_Attribute(self, node):
        self.visit(node.value)
        if not isinstance(node.ctx, ast.Load):
            return
        receiver = self.held(node.value)
        if receiver is not None:
            owner = CLASS_OF.get(receiver)
            name = f"{owner}.{node.attr}" if owner else None
        else:
            head = self.imported_as(node.value)
            name = f"{head}.{node.attr}" if head else None
        end = self.piece.offset(node.end_lineno, node.end_col_offset)
        self.add(self.piece.reference(end - len(node.attr), node.attr, name))

    def visit_Import(self, node):
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            self.scopes.bind(local, None)
            self.names.imported[local] = alias.name if alias.asname else local
            self.add_alias(alias, alias.name)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        for alias in node.names:
            if alias.name == "*":
                continue
            local = alias.asname or alias.name
            self.scopes.bind(local, None)
            self.names.imported[local] = f"{node.module}.{alias.name}"
            self.add_alias(alias, f"{node.module}.{alias.name}")

    def add_alias(self, alias, name):
        self.add(self.piece.reference(self.piece.offset(alias.lineno, alias.col_offset), alias.name, name))

    # -- bindings --------------------------------------------------------------------

    def visit_Assign(self, node):
        self.visit(node.value)
        held = self.held(node.value)
        for target in node.targets:
            self.visit(target)
            self.bind(target, held)

    def visit_AnnAssign(self, node):
        self.visit(node.annotation)
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)
        value = self.held(node.value) if node.value is not None else None
        self.bind(node.target, value or self.annotated(node.annotation))

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.bind(node.target, self.held(node.value))

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
                self.bind(item.optional_vars, self.held(item.context_expr))
        for statement in node.body:
            self.visit(statement)

    visit_AsyncWith = visit_With

    def loop_target(self, target, iterated):
        # A GridFS bucket's find() gives its files; any other iteration, nothing known.
        held = self.held(iterated)
        self.visit(target)
        self.bind(target, held.then("grid_out") if held and held.kind == "grid_out_cursor" else None)

    def visit_For(self, node):
        self.visit(node.iter)
        self.loop_target(node.target, node.iter)
        for statement in (*node.body, *node.orelse):
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.names.bound.add(node.name)
            self.scopes.bind(node.name, UNKNOWN)
        for statement in node.body:
            self.visit(statement)

    # -- scopes ----------------------------------------------------------------------

    def visit_FunctionDef(self, node):
        for outer in (*node.decorator_list, *node.args.defaults, *node.args.kw_defaults, node.returns):
            if outer is not None:
                self.visit(outer)
        params = (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
        params += tuple(p for p in (node.args.vararg, node.args.kwarg) if p is not None)
        for param in params:
            if param.annotation is not None:
                self.visit(param.annotation)
        self.names.bound.add(node.name)
        self.scopes.push("function")
        for param in params:
            self.names.bound.add(param.arg)
            self.scopes.bind(param.arg, self.annotated(param.annotation) or UNKNOWN)
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.scopes.push("function")
        for param in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            self.names.bound.add(param.arg)
            self.scopes.bind(param.arg, UNKNOWN)
        self.visit(node.body)
        self.scopes.pop()

    def visit_ClassDef(self, node):
        for outer in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(outer)
        self.names.bound.add(node.name)
        self.scopes.push("class")
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    def visit_MatchAs(self, node):
        self.names.bound.add(node.name)  # None for `_`: no name, no harm
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node):
        self.names.bound.add(node.rest)
        self.generic_visit(node)

    def comprehension(self, node, *results):
        self.scopes.push("function")
        for generator in node.generators:
            self.visit(generator.iter)
            self.loop_target(generator.target, generator.iter)
            for condition in generator.ifs:
                self.visit(condition)
        for result in results:
            self.visit(result)
        self.scopes.pop()

    def visit_ListComp(self, node):
        self.comprehension(node, node.elt)

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self.comprehension(node, node.key, node.value)
