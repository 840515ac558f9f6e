"""Every notebook in notebooks/ runs headless from top to bottom on the sample, is committed without outputs,
and takes its corpus from a papermill ``parameters`` cell; ``python -m newslab.ui.report`` writes HTML and charts.

The notebooks are executed once (two at a time) by the report builder into a temporary folder; the tests
below inspect what it wrote.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from newslab.ui.report import build_report, main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build_report(SAMPLE, tmp_path_factory.mktemp("reports"), ROOT / "notebooks", timeout=300, jobs=2,
                        log=lambda _msg: None)


def _outputs(book):
    return [o for c in book.cells if c.cell_type == "code" for o in c.outputs]


def test_the_analysis_notebooks_exist():
    assert {"01_quickstart", "02_source_frequency", "03_share_of_voice", "04_framing",
            "05_stance_explorer"} <= set(IDS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_stripped_and_parameterised(path):
    book = nbformat.read(str(path), as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not stripped"
    assert "widgets" not in book.metadata, f"{path.name}: saved widget state; strip it before committing"
    params = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
    assert 'CORPUS = "../data/sample"' in params[0].source
    assert book.cells[0].cell_type == "markdown", f"{path.name}: should open with the question it answers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_headless_on_the_sample(path, report):
    run = next(r for r in report.notebooks if r.notebook.name == path.name)
    assert run.error is None, run.error
    book = nbformat.read(str(report.out / "executed" / path.name), as_version=4)
    outputs = _outputs(book)
    assert not [o for o in outputs if o.output_type == "error"]
    # issue 13 item 11: the loader's progress bar left an empty stderr box under every load cell
    stderr = [o.get("text", "") for o in outputs if o.output_type == "stream" and o.get("name") == "stderr"]
    assert not stderr, f"{path.name}: stderr output {stderr[:3]}"
    injected = [c for c in book.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert str(SAMPLE) in injected[0].source
    if path.stem != "06_workshop":  # every analysis notebook draws at least one static chart
        assert any("image/png" in o.get("data", {}) for o in outputs), f"{path.name}: no chart rendered"
    assert (report.out / f"{path.stem}.html").stat().st_size > 0


def test_report_writes_charts_and_an_index(report):
    assert report.ok and report.chart_error is None
    for name in ("source_frequency", "share_of_voice", "cue_classes_by_outlet", "stance_heatmap", "who_speaks"):
        assert (report.out / "charts" / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        assert (report.out / "charts" / f"{name}.svg").exists()
    index = (report.out / "index.html").read_text(encoding="utf-8")
    assert all(f"{p.stem}.html" in index for p in NOTEBOOKS)
    page = (report.out / "02_source_frequency.html").read_text(encoding="utf-8")
    # the question, a static chart, and (static pages leave controls out) the note that replaces each control
    assert "who gets quoted?" in page and "data:image/png" in page
    assert "Static reports leave controls out" in page


def test_a_failing_notebook_is_reported_and_the_others_still_run(tmp_path):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    ok = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("CORPUS = 'x'", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("print(CORPUS)")])
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('broken on purpose')")])
    for name, book in (("a_ok", ok), ("b_broken", broken)):
        book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(book, nb_dir / f"{name}.ipynb")
    result = build_report(SAMPLE, tmp_path / "reports", nb_dir, charts=False, log=lambda _m: None)
    runs = {r.notebook.stem: r for r in result.notebooks}
    assert not result.ok
    assert runs["a_ok"].error is None
    assert "broken on purpose" in runs["b_broken"].error
    assert (tmp_path / "reports" / "b_broken.html").exists()  # a failed notebook still gets its page
    assert "FAILED" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")


def test_every_notebook_opens_a_real_extract_parquet_dataset(tmp_path):
    """CORPUS may be the --out folder of `newslab extract --format parquet` (``articles/part-*.parquet``):
    every notebook, the workshop included, reads its tables instead of loading manifest.json as an article."""
    from newslab.ui.cli import main as extract_main

    out = tmp_path / "tables"
    assert extract_main(["extract", str(SAMPLE), "--out", str(out), "--format", "parquet"]) == 0
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["part-00000.parquet"]
    result = build_report(out, tmp_path / "reports", ROOT / "notebooks", timeout=300, jobs=2, log=lambda _m: None)
    assert result.ok, [(r.notebook.name, r.error) for r in result.notebooks if r.error]
    for path in NOTEBOOKS:
        book = nbformat.read(str(result.out / "executed" / path.name), as_version=4)
        text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                         for o in _outputs(book))
        assert "manifest.json" not in text, f"{path.name} read the manifest as an article"
        if path.stem == "01_quickstart":
            assert "16 articles" in text  # the same corpus as the folder of articles
        if path.stem != "06_workshop":
            assert any("image/png" in o.get("data", {}) for o in _outputs(book)), f"{path.name}: no chart"


def test_report_cli_without_notebooks_exits_2(tmp_path, capsys):
    assert main(["--corpus", str(SAMPLE), "--out", str(tmp_path / "r"), "--notebooks", str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().err


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_ends_with_reading_the_chart(path):
    """Each notebook closes with what its chart shows, what it cannot show, and what to look at next."""
    last = nbformat.read(str(path), as_version=4).cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## Reading the chart")
    for part in ("What it shows", "What it cannot show", "What to look at next"):
        assert part in last.source, f"{path.name}: the closing cell lacks '{part}'"


def test_static_report_pages_leave_widgets_out_and_say_so(tmp_path):
    """Issue 13 item 9: widget code came from a CDN, so offline report pages were partly blank."""
    from newslab.ui.report import notebook_html

    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    cell = nbformat.v4.new_code_cell("explorer", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "VBox()"})])
    book = nbformat.v4.new_notebook(cells=[cell])
    book.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"abc": {"model_name": "VBoxModel", "model_module": "@jupyter-widgets/controls",
                          "model_module_version": "2.0.0", "state": {}}}, "version_major": 2, "version_minor": 0}}
    nbformat.write(book, tmp_path / "w.ipynb")
    page = notebook_html(tmp_path / "w.ipynb", tmp_path / "w.html").read_text(encoding="utf-8")
    assert "html-manager" not in page and "embed-amd" not in page and "widget-state+json" not in page
    assert "Static reports leave controls out" in page
