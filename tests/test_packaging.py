"""Packaging: environment.yml (conda route) and pyproject.toml (pip route) agree; the CLI is installed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import newslab

REPO = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}  # the interpreter and installer, not dependencies of the package


def normalise(name: str) -> str:
    """PEP 503 name: lower case, runs of ``-``, ``_``, ``.`` become ``-``."""
    return re.sub(r"[-_.]+", "-", name.strip().lower())


def split_requirement(req: str) -> list[tuple[str, str]]:
    """``"dask[distributed]>=2024.1"`` -> ``[("dask", ">=2024.1"), ("distributed", ">=2024.1")]``.

    Extras count as packages of their own (conda has no extras: it lists ``dask`` and ``distributed``).
    """
    req = req.split(";", 1)[0].split("#", 1)[0].strip()
    m = re.match(r"^([A-Za-z0-9_.-]+)\s*(?:\[([^\]]*)\])?\s*(.*)$", req)
    assert m, f"cannot parse requirement {req!r}"
    name, extras, spec = m.group(1), m.group(2), re.sub(r"\s+", "", m.group(3))
    names = [name] + [e for e in (extras or "").split(",") if e.strip()]
    return [(normalise(n), spec) for n in names]


def pyproject_project() -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def pyproject_requirements() -> dict[str, str]:
    project = pyproject_project()
    return dict(pair for req in project["dependencies"] for pair in split_requirement(req))


def dev_requirements() -> dict[str, str]:
    project = pyproject_project()
    return dict(pair for req in project["optional-dependencies"]["dev"] for pair in split_requirement(req))


def conda_requirements() -> dict[str, str]:
    yaml = pytest.importorskip("yaml")
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the `pip:` list: PyPI-only packages, and `-e .` (newslab itself)
            deps = [d for d in dep.get("pip", []) if not str(d).startswith("-")]
        else:
            deps = [dep]
        for name, spec in (pair for d in deps for pair in split_requirement(str(d))):
            if name not in CONDA_ONLY:
                out[name] = spec
    return out


def test_split_requirement_handles_extras_and_specifiers():
    assert split_requirement("dask[distributed] >= 2024.1") == [("dask", ">=2024.1"), ("distributed", ">=2024.1")]
    assert split_requirement("jupyterlab_widgets>=3.0,<4") == [("jupyterlab-widgets", ">=3.0,<4")]
    assert split_requirement("vaderSentiment") == [("vadersentiment", "")]


def test_environment_yml_and_pyproject_list_the_same_packages():
    pip, conda = pyproject_requirements(), conda_requirements()
    assert sorted(set(pip) - set(conda)) == [], "in pyproject.toml but missing from environment.yml"
    assert sorted(set(conda) - set(pip)) == [], "in environment.yml but missing from pyproject.toml"


def test_environment_yml_and_pyproject_pin_the_same_versions():
    pip, conda = pyproject_requirements(), conda_requirements()
    differ = {name: (pip[name], conda[name]) for name in pip.keys() & conda.keys() if pip[name] != conda[name]}
    assert differ == {}


def test_environment_yml_python_matches_requires_python():
    try:
        import tomllib
    except ImportError:
        tomllib = pytest.importorskip("tomli")
    with open(REPO / "pyproject.toml", "rb") as f:
        requires = re.sub(r"\s+", "", tomllib.load(f)["project"]["requires-python"])
    yaml = pytest.importorskip("yaml")
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    python = [d for d in env["dependencies"] if isinstance(d, str) and normalise(split_requirement(d)[0][0]) == "python"]
    assert python and split_requirement(python[0])[0][1] == requires


def test_newslab_version_command():
    script = Path(sys.executable).with_name("newslab")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "newslab.ui.cli"]
    result = subprocess.run(cmd + ["--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"newslab {newslab.__version__}"


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level third-party modules imported anywhere in newslab/ -> the files importing them."""
    import ast

    found: dict[str, set[str]] = {}
    for path in (REPO / "newslab").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("newslab", "__future__"):
                    found.setdefault(top, set()).add(path.name)
    return found


def test_every_module_newslab_imports_is_a_declared_dependency():
    """A fresh install must not rely on a package arriving transitively (issue 13: lxml 6 without
    lxml_html_clean sent every .html file to errors)."""
    from importlib.metadata import packages_distributions

    declared = set(pyproject_requirements())
    dev = set(dev_requirements())
    dists = packages_distributions()
    undeclared = {}
    for mod, files in _third_party_imports().items():
        names = {normalise(d) for d in dists.get(mod, [mod])}
        training_only = all(f.startswith("train_") for f in files)  # `make train` runs with the dev extras
        if not names & (declared | dev if training_only else declared):
            undeclared[mod] = sorted(files)
    assert undeclared == {}, "imported by newslab but not in pyproject.toml's dependencies"


def test_html_reading_has_what_trafilatura_needs():
    assert {"lxml", "lxml-html-clean", "trafilatura"} <= set(pyproject_requirements())
    from lxml.html.clean import Cleaner  # noqa: F401 - fails without lxml_html_clean on lxml >= 5.2

    from newslab.io.readers import read_html
    page = b"<html><head><title>Rain</title></head><body><article><p>" + b"Rain fell on the harbour town. " * 20 + \
        b"</p></article></body></html>"
    (_, fields), = read_html(Path("rain.html"), page)
    assert fields["text"].startswith("Rain fell on the harbour town.")


def test_voila_is_installed_by_both_routes():
    assert "voila" in pyproject_requirements() and "voila" in conda_requirements()
