"""The layout: dependencies point one way, no import cycles, and every module imports alone.

Imports are read from the source, also those inside functions and under TYPE_CHECKING: an
import moved into a function still ties two modules together.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "dialogs", "store")  # each may import only the ones after it


def _modules() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Our modules that `name` imports anywhere in its file (packages on the way included)."""
    named: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            named.add(base)
            named.update(f"{base}.{alias.name}" for alias in node.names)
    result = set()
    for target in named:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        parts = target.split(".") if target else []
        for end in range(1, len(parts) + 1):
            module = ".".join(parts[:end])
            # A module's own packages are imported before it, not by it.
            if module in MODULES and module != name and not name.startswith(module + "."):
                result.add(module)
    return result


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_no_module_imports_itself_around_a_cycle() -> None:
    assert _cycles(GRAPH) == []


def test_dependencies_point_from_bot_to_dialogs_to_store() -> None:
    upward = [
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if LAYERS.index(target.split(".")[0]) < LAYERS.index(name.split(".")[0])
    ]
    assert upward == []


def test_a_dialog_never_imports_a_transport_library() -> None:
    wire = ("aiogram", "aiohttp", "httpx", "apscheduler")
    found = []
    for name, path in MODULES.items():
        if not name.startswith(("dialogs", "store")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{name}: {n}" for n in names if n.split(".")[0] in wire]
    assert found == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Modules that do their work when imported: the `python -m bot` entry, and Alembic's script.
RUN_ON_IMPORT = {"bot.__main__", "store.migrations.env"}


def test_every_module_imports_on_its_own() -> None:
    # One interpreter; before each module our own modules are forgotten, so each import starts
    # from nothing of ours (third-party libraries stay loaded: they are not what is tested).
    script = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("bot", "dialogs", "store")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc(limit=-3))
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script, *sorted(set(MODULES) - RUN_ON_IMPORT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
