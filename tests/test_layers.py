"""The package shows its pipeline: imports run one way (ui -> analysis -> io -> pipeline -> stance ->
attribution -> text -> core), with no import cycle, checked on every ``import`` statement in newslab/
(function-level ones too) and by importing the lower layers in a fresh interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "newslab"

#: the layers, bottom first; a module may import its own layer and the ones below it
LAYERS = ["core", "text", "attribution", "stance", "pipeline", "io", "analysis", "ui", "tools"]


def layer_of(module: str) -> str:
    """The layer a module belongs to, from where it sits in the package."""
    parts = module.split(".")
    if module in ("newslab.errors", "newslab.lexicons"):  # the exceptions, the word-list data package
        return "core"
    if module == "newslab.pipeline":
        return "pipeline"
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "tools"  # newslab (the public API), newslab.evaluation, newslab.synthetic


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The newslab modules ``path`` imports anywhere (not under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for t in ast.walk(tree) if _type_checking(t) for n in ast.walk(t)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for a in node.names:
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return {m for m in found if m in known and m != module}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports(p, m, set(mods)) for m, p in mods.items()}


def test_every_import_goes_down_the_layers(graph):
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = sorted(f"{m} ({layer_of(m)}) imports {d} ({layer_of(d)})" for m, deps in graph.items() for d in deps
                    if rank[layer_of(d)] > rank[layer_of(m)])
    assert upward == []


def test_no_import_cycle(graph):
    # Tarjan's strongly connected components: any component of two or more modules is a cycle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_checker_sees_a_function_level_import(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from newslab.ui import plots\n")
    assert imports(src, "newslab.core.m", {"newslab.ui.plots", "newslab.ui"}) == {"newslab.ui.plots"}
    assert layer_of("newslab.ui.plots") == "ui" and layer_of("newslab.errors") == "core"


@pytest.mark.parametrize("layer", ["core", "text", "attribution", "stance", "io"])
def test_importing_a_layer_loads_nothing_above_it(layer):
    rank = LAYERS.index(layer)
    wanted = [m for m in modules() if LAYERS.index(layer_of(m)) <= rank and layer_of(m) != "tools"]
    code = (f"import importlib, json, sys\nfor m in {wanted!r}: importlib.import_module(m)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('newslab'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    loaded = json.loads(done.stdout)
    above = [m for m in loaded if m != "newslab" and LAYERS.index(layer_of(m)) > rank]
    assert above == []
