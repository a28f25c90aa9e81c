"""What the installed Motor and PyMongo say about each public class and member.

Nothing here is typed by hand that the packages can tell. Which Motor members
must be awaited comes from Motor's own metaprogramming: the attribute
factories (``AsyncRead``, ``AsyncCommand``, ``ReadOnlyProperty``,
``DelegateMethod``, ``MotorCursorChainingMethod``...) that its agnostic
classes declare, and, for methods written out in full, whether they are
coroutines, carry Motor's ``coroutine_annotation``, or return a cursor class
that they build with ``create_class_with_framework``. PyMongo Async's members
are read with :mod:`inspect`: coroutine functions, properties, and return
annotations.

This module imports no Sphinx, so that the tests can use it as they use the
packages.
"""

import ast
import importlib
import inspect
import textwrap
from dataclasses import dataclass, field
from functools import cache

import motor.aiohttp
import motor.motor_asyncio
import motor.motor_tornado
import motor.web
from motor import metaprogramming

from motor_to_pymongo.names import CLASSES as CLASSES_TO_PYMONGO

# How a caller uses a member. The words are the ones the pages print.
AWAIT = "await"  # returns an awaitable: await it for the result
CURSOR = "cursor"  # returns, without awaiting, a cursor or stream to iterate
CHAIN = "chain"  # changes the cursor and returns it, to chain another call
METHOD = "method"  # a plain call: no I/O, nothing to await or iterate
PROPERTY = "property"  # an attribute to read
KINDS = (AWAIT, CURSOR, CHAIN, METHOD, PROPERTY)

# How a Motor member compares with its PyMongo Async counterpart.
SAME = "same"
AWAITED_THERE = "awaited in PyMongo Async"
AWAITED_HERE = "awaited in Motor only"
DIFFERS = "used differently"
MISSING = "missing"


@dataclass(frozen=True)
class ClassSpec:
    """One reference page: a Motor class, its Tornado twin and its PyMongo Async counterpart."""

    key: str
    asyncio: type
    tornado: type | None
    counterpart: type | None
    functions: tuple = ()  # module-level helpers documented on the same page

    @property
    def asyncio_name(self):
        return qualified(self.asyncio)

    @property
    def tornado_name(self):
        return qualified(self.tornado) if self.tornado else None


def qualified(obj):
    return f"{obj.__module__}.{obj.__qualname__}"


def _pair(name):
    """Motor's asyncio and Tornado classes for *name*, and the PyMongo Async class the converter names."""
    target = CLASSES_TO_PYMONGO[f"AsyncIOMotor{name}"]
    return (
        getattr(motor.motor_asyncio, f"AsyncIOMotor{name}"),
        getattr(motor.motor_tornado, f"Motor{name}"),
        getattr(importlib.import_module(target.module), target.name),
    )


# The page key, then the asyncio class, its Tornado twin and PyMongo's class.
CLASSES = (
    ClassSpec("client", *_pair("Client")),
    ClassSpec("database", *_pair("Database")),
    ClassSpec("collection", *_pair("Collection")),
    ClassSpec("cursor", *_pair("Cursor")),
    ClassSpec("command-cursor", *_pair("CommandCursor")),
    ClassSpec("latent-command-cursor", *_pair("LatentCommandCursor")),
    ClassSpec("change-stream", *_pair("ChangeStream")),
    ClassSpec("client-session", *_pair("ClientSession")),
    ClassSpec("client-encryption", *_pair("ClientEncryption")),
    ClassSpec("gridfs-bucket", *_pair("GridFSBucket")),
    ClassSpec("grid-in", *_pair("GridIn")),
    ClassSpec("grid-out", *_pair("GridOut")),
    ClassSpec("grid-out-cursor", *_pair("GridOutCursor")),
    ClassSpec(
        "aiohttp-gridfs",
        motor.aiohttp.AIOHTTPGridFS,
        None,
        None,
        functions=(
            motor.aiohttp.get_gridfs_file,
            motor.aiohttp.get_cache_time,
            motor.aiohttp.set_extra_headers,
        ),
    ),
    ClassSpec("gridfs-handler", motor.web.GridFSHandler, None, None),
)
BY_KEY = {spec.key: spec for spec in CLASSES}


def public_motor_classes():
    """Every public class the installed Motor's two framework modules and its web helpers export."""
    found = set()
    for module, prefix in ((motor.motor_asyncio, "AsyncIOMotor"), (motor.motor_tornado, "Motor")):
        found |= {
            qualified(obj)
            for name, obj in vars(module).items()
            if name.startswith(prefix) and isinstance(obj, type)
        }
    for module in (motor.aiohttp, motor.web):
        found |= {
            qualified(obj)
            for name, obj in vars(module).items()
            if isinstance(obj, type) and not name.startswith("_") and obj.__module__ == module.__name__
        }
    return found


# -- Members --------------------------------------------------------------------


@dataclass
class Member:
    name: str
    kind: str
    signature: str | None  # "(a, b=1)", or None for a property
    doc: str
    returns: type | None = None  # the Motor class a CURSOR member (or awaited wrapper) gives back
    factory: str | None = None  # the Motor attribute factory that made it, when one did


@dataclass
class Counterpart:
    owner: type | None
    name: str
    kind: str | None  # None when PyMongo Async has no such member
    comparison: str
    signature: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def target(self):
        return f"{qualified(self.owner)}.{self.name}" if self.owner and self.kind else None


def public_names(cls):
    """The names a reader can use on *cls*: no underscore, defined by Motor (not inherited from Tornado)."""
    names = set()
    for base in inspect.getmro(cls):
        if base is object or not base.__module__.startswith("motor"):
            continue
        names |= {name for name in vars(base) if not name.startswith("_")}
    return sorted(names)


def motor_members(spec):
    return [motor_member(spec.asyncio, name) for name in public_names(spec.asyncio)]


def _factory(cls, name):
    """The attribute factory in Motor's agnostic classes that created *name*, if any."""
    for base in inspect.getmro(cls):
        attr = vars(base).get(name)
        if isinstance(attr, metaprogramming.MotorAttributeFactory):
            return attr
    return None


class _Named:
    """A default shown by its name: a function's repr holds its address, which changes every build."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


def _stable_default(value):
    if value is inspect.Parameter.empty:
        return value
    if inspect.isfunction(value) or inspect.isclass(value):
        return _Named(value.__name__)
    return value


def plain_signature(obj):
    """The call's parameters without annotations, ``self`` dropped, or None when it has none to read."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    params = [
        p.replace(annotation=inspect.Parameter.empty, default=_stable_default(p.default))
        for p in sig.parameters.values()
    ]
    if params and params[0].name == "self":
        params = params[1:]
    return str(sig.replace(parameters=params, return_annotation=inspect.Signature.empty))


def motor_member(cls, name):
    static = inspect.getattr_static(cls, name)
    factory = _factory(cls, name)
    doc = inspect.getdoc(static) or ""
    delegate = getattr(cls, "__delegate_class__", None)
    if isinstance(static, property):
        doc = inspect.getdoc(static) or ""
    returns = None
    if factory is not None:
        factory_name = type(factory).__name__
        if isinstance(factory, metaprogramming.Async):
            kind = AWAIT
            returns = factory.wrap_class
        elif isinstance(factory, metaprogramming.MotorCursorChainingMethod):
            kind = CHAIN
        elif isinstance(factory, metaprogramming.DelegateMethod) and factory.wrap_class is not None:
            kind = METHOD
        else:
            # A ReadOnlyProperty reads the PyMongo attribute of the same name:
            # a method there is a method here, called on the PyMongo object.
            target = inspect.getattr_static(delegate, name, None)
            kind = METHOD if inspect.isfunction(target) else PROPERTY
            if kind == METHOD:
                doc = inspect.getdoc(target) or doc
        if kind == PROPERTY:
            signature = None
        elif isinstance(static, property):  # a PyMongo method read through a property
            signature = plain_signature(inspect.getattr_static(delegate, name))
        else:
            signature = plain_signature(static)
        return Member(name, kind, signature, doc, _motor_class(cls, returns), factory_name)
    if isinstance(static, property):
        # fetch_next is a property whose value is a Future: Motor marks its getter.
        awaited = getattr(static.fget, "coroutine_annotation", False)
        return Member(name, AWAIT if awaited else PROPERTY, None, doc)
    func = static.__func__ if isinstance(static, (classmethod, staticmethod)) else static
    if inspect.iscoroutinefunction(func) or getattr(func, "coroutine_annotation", False):
        return Member(name, AWAIT, plain_signature(func), doc)
    built = _returned_class(func)
    if built is not None and (_is_iterable_class(built) or built.__name__ == "_LatentCursor"):
        return Member(name, CURSOR, plain_signature(func), doc, _motor_class(cls, built))
    if built is not None:
        return Member(name, METHOD, plain_signature(func), doc, _motor_class(cls, built))
    if _returns_self_or_copy(func):
        return Member(name, CHAIN, plain_signature(func), doc)
    return Member(name, METHOD, plain_signature(func), doc)


def _is_iterable_class(cls):
    return hasattr(cls, "__aiter__") or hasattr(cls, "__anext__")


def _motor_class(owner, cls):
    """The class Motor builds from agnostic (or PyMongo) class *cls* for *owner*'s framework."""
    if cls is None:
        return None
    module = motor.motor_tornado if owner.__module__ == "motor.motor_tornado" else motor.motor_asyncio
    for obj in vars(module).values():
        if isinstance(obj, type) and obj.__module__ == module.__name__:
            if cls in obj.__mro__ or getattr(obj, "__delegate_class__", None) is cls:
                return obj
    return None


@cache
def _function_ast(func):
    try:
        source = textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        return None
    return ast.parse(source).body[0]


def _returned_class(func):
    """The agnostic class that *func* builds with create_class_with_framework and returns, if it does.

    Motor's cursor-returning methods read ``cursor_class = create_class_with_framework(AgnosticX, ...)``
    and then ``return cursor_class(...)``.
    """
    tree = _function_ast(func)
    if tree is None or len(_returns(func)) != 1:
        return None  # a method with several outcomes (Motor's wrap()) is no cursor factory
    built = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "create_class_with_framework"
            and node.value.args
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    built[target.id] = node.value.args[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            called = getattr(node.value.func, "id", None)
            if called in built:
                return _resolve(func, built[called])
    return None


def _resolve(func, expr):
    """The object an AST name or attribute in *func*'s module stands for."""
    namespace = func.__globals__
    if isinstance(expr, ast.Name):
        return namespace.get(expr.id)
    if isinstance(expr, ast.Attribute):
        base = _resolve(func, expr.value)
        return getattr(base, expr.attr, None)
    return None


def _returns(func):
    tree = _function_ast(func)
    nodes = ast.walk(tree) if tree is not None else ()
    return [n for n in nodes if isinstance(n, ast.Return) and n.value is not None]


def _is_self(expr):
    return isinstance(expr, ast.Name) and expr.id == "self"


def _returns_self_or_copy(func):
    """Every return gives ``self`` back, or a new ``self.__class__(...)``: a cursor to chain on."""
    returns = _returns(func)

    def chained(expr):
        if _is_self(expr):
            return True
        target = expr.func if isinstance(expr, ast.Call) else None
        return isinstance(target, ast.Attribute) and target.attr == "__class__" and _is_self(target.value)

    return bool(returns) and all(chained(n.value) for n in returns)


# -- PyMongo Async ------------------------------------------------------------------

# Return annotations that name something to iterate, as PyMongo writes them.
_ITERABLE_RETURNS = ("Cursor", "ChangeStream")


def pymongo_kind(cls, name):
    """How a caller uses *name* on PyMongo Async's *cls*, or None when it has none."""
    static = inspect.getattr_static(cls, name, None)
    if static is None:
        return None
    if isinstance(static, property):
        # PyMongo Async's topology properties give a coroutine to await.
        return AWAIT if inspect.iscoroutinefunction(static.fget) else PROPERTY
    if not callable(static):
        return PROPERTY
    func = static.__func__ if isinstance(static, (classmethod, staticmethod)) else static
    if inspect.iscoroutinefunction(func):
        return AWAIT
    returns = str(getattr(func, "__annotations__", {}).get("return", ""))
    returns_own_class = returns in ("Self", cls.__name__) or returns.startswith(cls.__name__ + "[")
    if returns_own_class and hasattr(cls, "__aiter__"):
        return CHAIN  # a cursor method that gives a cursor back
    if any(word in returns.split("[")[0] for word in _ITERABLE_RETURNS):
        return CURSOR
    return METHOD


def compare(motor_kind, their_kind):
    if their_kind is None:
        return MISSING
    if motor_kind == their_kind:
        return SAME
    if their_kind == AWAIT:
        return AWAITED_THERE
    if motor_kind == AWAIT:
        return AWAITED_HERE
    return DIFFERS


def counterpart(spec, member):
    owner = spec.counterpart
    kind = pymongo_kind(owner, member.name) if owner is not None else None
    signature = None
    if kind not in (None, PROPERTY):
        signature = plain_signature(getattr(owner, member.name))
    return Counterpart(owner, member.name, kind, compare(member.kind, kind), signature)


def entries(spec):
    """(member, counterpart) for every public member of *spec*'s asyncio class, by name."""
    return [(member, counterpart(spec, member)) for member in motor_members(spec)]


def function_members(spec):
    return [
        Member(
            func.__name__,
            AWAIT if inspect.iscoroutinefunction(func) else METHOD,
            plain_signature(func),
            inspect.getdoc(func) or "",
        )
        for func in spec.functions
    ]
