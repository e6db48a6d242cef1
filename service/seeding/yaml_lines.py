"""YAML reading that keeps what an analyst typed, and finds the line behind any field."""

import re
from pathlib import Path
from typing import Any

import yaml


class SeedYamlLoader(yaml.SafeLoader):
    """Safe YAML with two surprises removed: dates stay text until the schema checks them
    (PyYAML would crash on 2024-02-30), and only true/false are booleans (so `country: NO` is Norway)."""


SeedYamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SeedYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree it came from. Raises yaml.YAMLError with the position of a syntax error."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=SeedYamlLoader)
    return yaml.load(text, Loader=SeedYamlLoader), node


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at `loc` (list indexes and mapping keys), or of its nearest parent."""
    if node is None:
        return None
    for step in loc:
        child = _child(node, step)
        if child is None:
            break
        node = child
    line: int = node.start_mark.line  # 0-based
    return line + 1


def duplicate_keys(node: yaml.Node | None) -> list[tuple[int, str]]:
    """(line, key) of every key written twice in one mapping; PyYAML would silently keep the last."""
    found: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append((key.start_mark.line + 1, key.value))
            seen.add(key.value)
            found.extend(duplicate_keys(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(duplicate_keys(item))
    return found


def _child(node: yaml.Node, step: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    return None
