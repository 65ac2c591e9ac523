"""YAML front matter of text and Markdown files, parsed with bounded cost.

``yaml.safe_load`` is safe from code execution but not from expansion: anchors and aliases let a
581-byte block nest references six deep into a 16 MB title after 46 s and 3.7 GB ("billion
laughs"). Front matter needs neither, so anchors and aliases are refused outright, nesting is
capped (the composer recurses once per level) and the block's size is bounded before parsing.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import Node

from core.errors import DocumentError
from indexer.documents.formats.base import canonical_key
from indexer.documents.limits import MAX_FRONT_MATTER_DEPTH, Limits

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
# The first line of a block that is meant as front matter: "key:" or "key: value".
_KEY_LINE = re.compile(r"\A\s*(?:#[^\n]*\n\s*)*[\"']?[\w][\w .\"'-]*:(?:\s|$)")

ALIAS_REFUSED = ("front matter uses YAML anchors or aliases (&name, *name), which are refused: "
                 "they can expand exponentially")


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases and nesting deeper than MAX_FRONT_MATTER_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None
        ):
            raise DocumentError(ALIAS_REFUSED)
        self._depth += 1
        if self._depth > MAX_FRONT_MATTER_DEPTH:
            raise DocumentError(f"front matter nests deeper than {MAX_FRONT_MATTER_DEPTH} levels (fixed limit)")
        try:
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


def parse_yaml(block: str) -> Any:
    """Parse one YAML document with _BoundedLoader; YAML syntax errors propagate as yaml.YAMLError."""
    loader = _BoundedLoader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split_front_matter(text: str, limits: Limits) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). A block that is not a YAML mapping is content, not front matter.

    Refused (DocumentError): a block that starts like front matter but is larger than
    max_front_matter_bytes, and any block using anchors/aliases or nesting too deep."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    block = match[1]
    if len(block.encode("utf-8")) > limits.max_front_matter_bytes:
        if _KEY_LINE.match(block):
            raise limits.exceeded("max_front_matter_bytes", "front matter has", "bytes")
        return {}, text  # a thematic break, text, another break: never parsed
    try:
        data = parse_yaml(block) if block.strip() else {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    meta: dict[str, Any] = {}
    for key, value in data.items():
        canonical = canonical_key(key)
        if canonical and canonical not in meta and value not in (None, ""):
            meta[canonical] = value
    return meta, text[match.end():]
