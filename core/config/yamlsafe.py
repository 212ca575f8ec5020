"""YAML read from files a user may have received: anchors and aliases are allowed, but a document
whose aliases expand beyond a fixed number of nodes (a "billion laughs") is refused before it is
built, and the refusal never prints the expanded value."""

from __future__ import annotations

from typing import Any

import yaml

MAX_NODES = 100_000


class YamlTooLarge(yaml.YAMLError):
    def __init__(self) -> None:
        super().__init__(f"YAML 中的锚点与别名展开后超过 {MAX_NODES} 个节点，未读取 "
                         f"(the anchors and aliases expand to more than {MAX_NODES} nodes; not read)")


def load_yaml(text: str) -> Any:
    """``yaml.safe_load``, refusing a document that expands past :data:`MAX_NODES` nodes."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_size(root: yaml.Node) -> None:
    """The node count of the document as it expands, each shared node counted once per use:
    computed over the node graph (children first), so a small graph is never expanded to count it."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        size = 1 + sum(sizes.get(id(child), 1) for child in children)
        if size > MAX_NODES:
            raise YamlTooLarge
        sizes[id(node)] = size
