"""Word lists live in ``newslab/lexicons/``, not in code, and every lexicon file says what it is for.

A literal list, set or tuple of more than 10 strings in ``newslab/**/*.py`` (or a ``"a b c ...".split()`` string,
or a regular-expression alternation ``"a|b|c|..."`` of more than 10 plain words) fails this test: move it to a
text file in ``newslab/lexicons/`` with a ``#`` header and read it with ``newslab.core.lexicon.read_lines``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newslab.core.lexicon import read_lines
from newslab.core.schema import COLUMNS

PACKAGE = Path(__file__).resolve().parents[1] / "newslab"
LIMIT = 10
SCHEMA_COLUMNS = frozenset(c for columns in COLUMNS.values() for c in columns)

# Collections of names the code itself refers to (table columns, model features, settings keys, type codes),
# not vocabulary of a language: (module, the name the literal is assigned to) -> why it stays in code.
# A list made only of column names of newslab's tables (core.schema.COLUMNS) is always allowed.
ALLOWED = {
    ("analysis/framing.py", "cols"): "column names of the framing table",
    ("ui/workshop.py", "EXERCISE_COLUMNS"): "column names of the workshop exercise table",
    ("io/manifest.py", "keys"): "keys of the extraction plan",
    ("text/furniture.py", "FEATURES"): "feature names of the trained furniture model",
    ("text/furniture.py", "_BLOCK_TAGS"): "HTML element names, markup rather than language",
    ("io/encoding.py", "MULTIBYTE"): "Python codec names",
    ("attribution/source_types.py", "SOURCE_TYPES"): "the source_type values of the schema",
    ("evaluation/attribution.py", "PRONOUNS"): "the scorer's definition of a named source (a metric)",
}


def _strings(node: ast.AST) -> list[str]:
    """The string items of a literal collection or of ``"...".split(sep)``; [] for anything else."""
    if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        sep = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        return node.func.value.value.split(sep)
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.count("|") >= LIMIT:
        return re.findall(r"(?:(?<=[|(:])|^)[A-Za-z]+(?=[|)]|$)", node.value)  # words of an alternation
    return []


def _assigned_name(node: ast.AST, parents: dict) -> str:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Assign):
            return ast.unparse(node.targets[0])
        if isinstance(node, ast.AnnAssign):
            return ast.unparse(node.target)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return f"{node.name}()"
    return "?"


def word_lists_in_code(source: str, module: str) -> list[str]:
    """``module:line name (n strings)`` for every literal collection of more than LIMIT strings."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        items = _strings(node)
        n = len(items)
        if n > LIMIT and not set(items) <= SCHEMA_COLUMNS:
            name = _assigned_name(node, parents)
            if (module, name) not in ALLOWED:
                found.append(f"{module}:{node.lineno} {name} ({n} strings)")
    return found


def test_the_check_finds_each_kind_of_word_list():
    words = [f"w{i}" for i in range(LIMIT + 1)]
    assert word_lists_in_code(f"X = {words!r}", "m.py") == ["m.py:1 X (11 strings)"]
    assert word_lists_in_code(f"X = frozenset({set(words)!r})", "m.py") == ["m.py:1 X (11 strings)"]
    assert word_lists_in_code(f"def f(w):\n    return w in {tuple(words)!r}", "m.py") == ["m.py:2 f() (11 strings)"]
    assert word_lists_in_code(f"X = frozenset({' '.join(words)!r}.split())", "m.py") == ["m.py:1 X (11 strings)"]
    alternation = "|".join(f"word{chr(97 + i)}" for i in range(LIMIT + 1))
    assert word_lists_in_code(f"X = r'\\b(?:{alternation})\\b'", "m.py") == ["m.py:1 X (11 strings)"]
    assert word_lists_in_code(f"X = {words[:LIMIT]!r}", "m.py") == []
    assert word_lists_in_code(f"EXERCISE_COLUMNS = {words!r}", "ui/workshop.py") == []
    columns = sorted(SCHEMA_COLUMNS)[:LIMIT + 1]
    assert word_lists_in_code(f"COLS = {columns!r}", "m.py") == []


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_word_list_longer_than_ten_in_code(path):
    found = word_lists_in_code(path.read_text(encoding="utf-8"), _name(path))
    assert not found, "word lists in code; move them to newslab/lexicons/ (see newslab/core/lexicon.py): " + \
        "; ".join(found)


def test_allowed_lists_still_exist():
    """An allowance whose literal is gone must be removed, so the list cannot quietly come back."""
    present = set()
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        present |= {(_name(path), _assigned_name(n, parents)) for n in ast.walk(tree)
                    if len(_strings(n)) > LIMIT and not set(_strings(n)) <= SCHEMA_COLUMNS}
    assert sorted(set(ALLOWED) - present) == []


@pytest.mark.parametrize("path", sorted(p for p in (PACKAGE / "lexicons").iterdir()
                                        if p.suffix in (".txt", ".csv")), ids=lambda p: p.name)
def test_every_lexicon_file_starts_with_a_header(path):
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    assert first.startswith("# "), f"{path.name}: start with a '#' header saying what the list is for"
    assert read_lines(path), f"{path.name}: no entries"


def test_package_data_ships_every_lexicon_file():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    with open(PACKAGE.parent / "pyproject.toml", "rb") as f:
        globs = tomllib.load(f)["tool"]["setuptools"]["package-data"]["newslab"]
    files = [p.relative_to(PACKAGE) for p in (PACKAGE / "lexicons").rglob("*") if p.is_file()
             and p.suffix in (".txt", ".csv")]
    unshipped = [str(f) for f in files if not any(f.match(g) for g in globs)]
    assert files and unshipped == [], "add these to [tool.setuptools.package-data] in pyproject.toml"
