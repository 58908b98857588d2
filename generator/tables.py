"""Reading typed values out of a config table, the one way every ``[newsroom.*]`` table is read.

A wrong type is recorded as a (full key, message) problem and the default is used, so every problem
of a config file is collected and reported together instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

#: (key, message) pairs collected while a config is read.
Issues = list[tuple[str, str]]

_NAMES = {bool: "true or false", str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}


def kind_name(kind: type | tuple[type, ...]) -> str:
    """``str`` → "a string", for messages."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_NAMES.get(k, k.__name__) for k in kinds)


def typed_value(
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    kind: type | tuple[type, ...],
    default: Any,
    problems: Issues,
    check: Callable[[Any], str] | None = None,
) -> Any:
    """``table[key]`` if it is a ``kind`` (and ``check`` returns no message), else record a problem.

    ``prefix`` is the table's dotted name (``newsroom.images.``) so the problem names the full key.
    ``true`` is never accepted where a number is expected, although Python's bool is an int.
    """
    if key not in table:
        return default
    value = table[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        problems.append((f"{prefix}{key}", f"expected {kind_name(kind)}, got {value!r}"))
        return default
    if check is not None and (message := check(value)):
        problems.append((f"{prefix}{key}", message))
        return default
    return value
