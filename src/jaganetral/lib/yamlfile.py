"""Data files in YAML validated by a pydantic model, with errors that name the line and field.

Pure Python. ``load_validated(text, source, Model, ...)`` raises the caller's error class with
messages like ``dki.yaml, line 16, contestants[1].number: Input should be a valid integer``.
Dates are left as text by the loader so a bad date is reported by field and line too.
"""

from __future__ import annotations

from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _UniqueKeyLoader(_Loader):
    """The same, refusing a mapping that names one key twice (PyYAML would keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree; return the 1-based line."""
    best = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    node = value_node
                    best = value_node.start_mark.line + 1
                    break
            else:
                return best
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            best = node.start_mark.line + 1
        else:
            return best
    return best


def field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else ("." if path else "") + str(part)
    return path or "(file)"


def load_validated(
    text: str,
    source: str,
    model: type[M],
    *,
    error: type[Exception],
    max_bytes: int,
    expected: str,
    unique_keys: bool = False,
) -> M:
    """Parse ``text`` and validate it as ``model``; raise ``error`` naming line and field.

    ``unique_keys`` refuses a key named twice in one mapping instead of keeping the last value."""
    if len(text.encode("utf-8")) > max_bytes:
        raise error(f"{source}: file is larger than {max_bytes} bytes")
    # One parse gives both the node tree (for line numbers) and the data built from it.
    loader = (_UniqueKeyLoader if unique_keys else _Loader)(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{source}{where}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise error(f"{source}, line 1: the file must be a mapping with {expected}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        messages = []
        for problem in exc.errors():
            loc = tuple(p for p in problem["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = line_of(root, loc)
            where = f", line {line}" if line else ""
            messages.append(f"{source}{where}, {field_path(loc)}: {problem['msg']}")
        raise error("; ".join(messages)) from None
