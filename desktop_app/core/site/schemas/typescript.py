"""Reading a site's TypeScript / JavaScript configuration as data, without running it.

Astro's content config and Contentlayer's config are code. They are parsed with tree-sitter's
TypeScript grammar (a real parser: comments, strings holding `)` or `}`, nested calls and
trailing commas are all read as TypeScript reads them) and only literal values are taken from
the tree: strings, numbers, booleans, arrays, objects, and names bound to them by a top-level
`const`. Anything computed (a function call, an import) is `UNKNOWN`, never evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN", "__bool__": lambda self: False})()


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The TypeScript parser, loaded once (the grammar is a compiled library from PyPI)."""
    import tree_sitter
    import tree_sitter_typescript

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))


@dataclass
class Module:
    """A parsed file: its tree, the values its top-level `const`s name, and its syntax errors."""

    root: Any
    bindings: dict[str, Any] = field(default_factory=dict)  # name → value node
    errors: list[int] = field(default_factory=list)  # 1-based lines tree-sitter could not read


def parse(text: str) -> Module:
    tree = _parser().parse(text.encode("utf-8"))
    module = Module(tree.root_node)
    for node in tree.root_node.named_children:
        declaration = node.child_by_field_name("declaration") if node.type == "export_statement" else node
        if declaration is not None and declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                if declarator.type == "variable_declarator" and name is not None and value is not None \
                        and name.type == "identifier":
                    module.bindings[text_of(name)] = value
    if tree.root_node.has_error:
        module.errors = sorted({node.start_point[0] + 1 for node in walk(tree.root_node)
                                if node.type == "ERROR" or node.is_missing})
    return module


def walk(node: Any) -> Iterator[Any]:
    """`node` and every node below it, in source order."""
    cursor = [node]
    while cursor:
        current = cursor.pop()
        yield current
        cursor.extend(reversed(current.children))


def text_of(node: Any) -> str:
    return node.text.decode("utf-8", errors="replace")


def line_of(node: Any) -> int:
    return node.start_point[0] + 1


def unwrap(node: Any, module: Module | None = None, depth: int = 0) -> Any:
    """The expression under parentheses, `as const`, `satisfies T`, `await`, an arrow function's
    expression body, and (with `module`) a name bound by a top-level `const`."""
    while node is not None and depth < 20:
        depth += 1
        if node.type in ("parenthesized_expression", "as_expression", "satisfies_expression",
                         "non_null_expression", "await_expression"):
            node = node.named_children[0] if node.named_children else None
        elif node.type == "arrow_function" and node.child_by_field_name("body") is not None \
                and node.child_by_field_name("body").type != "statement_block":
            node = node.child_by_field_name("body")
        elif node.type == "arrow_function":
            node = _returned(node.child_by_field_name("body"))
        elif node.type == "identifier" and module is not None and text_of(node) in module.bindings:
            node = module.bindings[text_of(node)]
        else:
            return node
    return node


def _returned(block: Any) -> Any:
    for statement in block.named_children:
        if statement.type == "return_statement" and statement.named_children:
            return statement.named_children[0]
    return None


def literal(node: Any, module: Module | None = None) -> Any:
    """The plain value a literal expression writes, or `UNKNOWN` for anything computed."""
    node = unwrap(node, module)
    if node is None:
        return UNKNOWN
    kind = node.type
    if kind == "string":
        return "".join(text_of(part) if part.type == "string_fragment" else _escape(text_of(part))
                       for part in node.named_children)
    if kind == "template_string":
        if any(part.type == "template_substitution" for part in node.named_children):
            return UNKNOWN
        return text_of(node)[1:-1]
    if kind == "number":
        raw = text_of(node).replace("_", "")
        try:
            return int(raw, 0) if raw.isdigit() or raw.lower().startswith(("0x", "0o", "0b")) else float(raw)
        except ValueError:
            return UNKNOWN
    if kind in ("true", "false"):
        return kind == "true"
    if kind in ("null", "undefined"):
        return None
    if kind == "array":
        items = [literal(item, module) for item in node.named_children if item.type != "comment"]
        return UNKNOWN if any(item is UNKNOWN for item in items) else items
    if kind == "object":
        return {key: literal(value, module) for key, value in pairs(node, module)}
    if kind == "unary_expression" and text_of(node).startswith("-"):
        value = literal(node.named_children[0], module)
        return -value if isinstance(value, (int, float)) else UNKNOWN
    return UNKNOWN


def _escape(text: str) -> str:
    simple = {"\\n": "\n", "\\t": "\t", "\\'": "'", '\\"': '"', "\\\\": "\\", "\\/": "/"}
    return simple.get(text, text[1:] if text.startswith("\\") else text)


def pairs(node: Any, module: Module | None = None) -> list[tuple[str, Any]]:
    """The (key, value node) pairs of an object literal, in order; `{ post }` shorthand names
    its binding, and `...spread` of a known object adds that object's pairs."""
    node = unwrap(node, module)
    out: list[tuple[str, Any]] = []
    if node is None or node.type != "object":
        return out
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            name = literal(key) if key.type in ("string", "number") else text_of(key)
            out.append((str(name), child.child_by_field_name("value")))
        elif child.type == "shorthand_property_identifier":
            out.append((text_of(child), module.bindings.get(text_of(child), child) if module else child))
        elif child.type == "spread_element" and child.named_children:
            out.extend(pairs(child.named_children[0], module))
    return out


def member(node: Any, key: str, module: Module | None = None) -> Any:
    """The value node of `key` in an object literal (None when absent)."""
    return next((value for name, value in pairs(node, module) if name == key), None)


def callee_name(call: Any) -> str:
    """`defineCollection` for `defineCollection(…)` and `z.object` for `z.object(…)`."""
    function = call.child_by_field_name("function")
    return text_of(function) if function is not None else ""


def arguments(call: Any) -> list[Any]:
    args = call.child_by_field_name("arguments")
    return [arg for arg in args.named_children if arg.type != "comment"] if args is not None else []


def calls(node: Any, *names: str) -> Iterator[Any]:
    """Every call below `node` whose callee is one of `names` (or ends with `.name`)."""
    for current in walk(node):
        if current.type == "call_expression":
            name = callee_name(current)
            if name in names or any(name.endswith("." + wanted) for wanted in names):
                yield current


def chain(node: Any, module: Module | None = None) -> list[tuple[str, list[Any]]]:
    """A method chain as (method, argument nodes) from the inside out:
    `z.string().url().optional()` → [("z.string", []), ("url", []), ("optional", [])]."""
    node = unwrap(node, module)
    steps: list[tuple[str, list[Any]]] = []
    while node is not None and node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            inner = unwrap(function.child_by_field_name("object"), module)
            prop = text_of(function.child_by_field_name("property"))
            if inner is not None and inner.type == "call_expression":
                steps.append((prop, arguments(node)))
                node = inner
                continue
            steps.append((text_of(function), arguments(node)))
        else:
            steps.append((text_of(function) if function is not None else "", arguments(node)))
        break
    else:
        if node is not None and node.type in ("member_expression", "identifier"):
            steps.append((text_of(node), []))
    return list(reversed(steps))
