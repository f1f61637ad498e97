"""The store's values: pickles of data, read back as data only.

`dumps` stores frozen slotted dataclasses as their field values in order (read in C with
operator.attrgetter), and `loads` reads them back with `DataUnpickler`, which builds the types it
is given and nothing else: a forged value builds data at most and runs no code."""

from __future__ import annotations

import dataclasses
import io
import operator
import pickle
from collections.abc import Callable, Iterable
from typing import Any


def dumps(value: object) -> bytes:
    """pickle.dumps, with frozen slotted dataclasses stored as their field values in order:
    loading them back skips the generic dataclass __setstate__ (which looks up the fields again
    for every object), most of a warm run's reading time."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def loads(blob: bytes, types: Iterable[type]) -> Any:
    """What `dumps` wrote, read as data of `types` only (DataUnpickler); None when it is damaged
    or names anything else."""
    try:
        return DataUnpickler(io.BytesIO(blob), types).load()
    except Exception:  # a damaged value can raise nearly anything while unpickling
        return None


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        values = _GETTERS[cls] if cls in _GETTERS else _getter(cls)
        if values is None:
            return NotImplemented
        return _rebuild, (cls, values(obj))


_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}
"""Per frozen slotted dataclass, its field values as a tuple, read in C (operator.attrgetter)."""


def _getter(cls: type) -> Callable[[Any], tuple[Any, ...]] | None:
    found = None
    if _setters(cls) is not None:
        names = [f.name for f in dataclasses.fields(cls)]
        many = operator.attrgetter(*names)
        found = many if len(names) > 1 else lambda obj: (many(obj),)
    _GETTERS[cls] = found
    return found


_SETTERS: dict[type, tuple[Any, ...] | None] = {}


def _setters(cls: type) -> tuple[Any, ...] | None:
    """The slot descriptors of a frozen slotted dataclass's fields, in order; None for any other type."""
    try:
        return _SETTERS[cls]
    except KeyError:
        pass
    found = None
    params = getattr(cls, "__dataclass_params__", None)
    if isinstance(cls, type) and params is not None and params.frozen and "__slots__" in cls.__dict__:
        found = tuple(cls.__dict__[f.name] for f in dataclasses.fields(cls))
        _SETS[cls] = tuple(setter.__set__ for setter in found)
    _SETTERS[cls] = found
    return found


_SETS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}
"""Per frozen slotted dataclass, its fields' slot setters, bound once."""


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """A frozen dataclass from its field values, as `dumps` stored it."""
    obj = object.__new__(cls)
    sets = _SETS.get(cls)
    if sets is None:
        _setters(cls)
        sets = _SETS.get(cls, ())
    for put, value in zip(sets, values, strict=True):
        put(obj, value)
    return obj


_ARRAYS = frozenset({("array", "array"), ("array", "_array_reconstructor")})


class DataUnpickler(pickle.Unpickler):
    """An unpickler for the store: it may name the given types, arrays, and `_rebuild` of the
    given frozen dataclasses, nothing else. A value naming `os.system`, `builtins.eval` or any
    other callable is refused: a forged row builds data at most and runs no code."""

    def __init__(self, file: io.BytesIO, types: Iterable[type]) -> None:
        super().__init__(file)
        self.types = {(t.__module__, t.__qualname__): t for t in types}
        self.rebuild = _checked_rebuild(frozenset(self.types.values()))

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_rebuild"):
            return self.rebuild
        if (module, name) in _ARRAYS:
            return super().find_class(module, name)
        if (module, name) not in self.types:
            raise pickle.UnpicklingError(f"not data: {module}.{name}")
        return self.types[module, name]


def _checked_rebuild(allowed: frozenset[type]) -> Callable[[Any, Any], Any]:
    """`_rebuild` of the allowed frozen dataclasses only. Not a method of the unpickler: its memo
    holds what find_class returns, and a bound method would make a reference cycle of the memo,
    which, with the cycle collector paused while a vault's results are held (pool.gc_paused),
    would keep every value's intermediate tuples alive to the end of the run."""

    classes = frozenset(t for t in allowed if isinstance(t, type) and dataclasses.is_dataclass(t))

    def rebuild(cls: Any, values: Any) -> Any:
        if not (isinstance(cls, type) and cls in classes and isinstance(values, tuple)):
            raise pickle.UnpicklingError(f"not data: {cls!r}")
        return _rebuild(cls, values)

    return rebuild
