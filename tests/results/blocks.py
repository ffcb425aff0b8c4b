"""A small parser for WordPress's block grammar, to check exported fragments."""

import json
import re
from dataclasses import dataclass, field

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"(?:\s+(?P<attrs>\{.*?\}))?\s+(?P<void>/)?-->",
    re.S,
)


class BlockSyntaxError(ValueError):
    pass


@dataclass
class Block:
    name: str
    attrs: dict
    children: list["Block"] = field(default_factory=list)
    html: str = ""


def parse_blocks(text: str) -> list[Block]:
    """Top-level blocks; raises BlockSyntaxError on unbalanced delimiters or bad JSON."""
    root = Block("root", {})
    stack = [root]
    position = 0
    for match in DELIMITER.finditer(text):
        stack[-1].html += text[position : match.start()]
        position = match.end()
        name = match["name"]
        if match["closer"]:
            if match["attrs"] or match["void"]:
                raise BlockSyntaxError(f"closer of {name} with attributes")
            if stack[-1].name != name:
                raise BlockSyntaxError(f"closer of {name} while {stack[-1].name} is open")
            stack.pop()
            continue
        try:
            attrs = json.loads(match["attrs"]) if match["attrs"] else {}
        except json.JSONDecodeError as error:
            raise BlockSyntaxError(f"attributes of {name} are no JSON: {error}") from error
        if not isinstance(attrs, dict):
            raise BlockSyntaxError(f"attributes of {name} are no object")
        block = Block(name, attrs)
        stack[-1].children.append(block)
        if not match["void"]:
            stack.append(block)
    if len(stack) != 1:
        raise BlockSyntaxError(f"{stack[-1].name} is never closed")
    if "<!-- wp:" in text[position:] or "<!-- /wp:" in text[position:]:
        raise BlockSyntaxError("malformed block delimiter")
    root.html += text[position:]
    return root.children


def walk(blocks):
    for block in blocks:
        yield block
        yield from walk(block.children)
