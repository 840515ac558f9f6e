"""``make report``: run every notebook headless on a corpus and write HTML pages and charts to a folder.

Each notebook in ``notebooks/`` is executed with papermill (its ``parameters`` cell gets ``CORPUS``), saved as
HTML with nbconvert, and every chart of ``newslab.ui.plots`` is written as PNG and SVG. ``index.html`` links them.

    python -m newslab.ui.report --corpus data/sample --out reports

>>> from newslab.ui.report import build_report
>>> result = build_report("data/sample", "reports")       # doctest: +SKIP
>>> result.ok, result.seconds                             # doctest: +SKIP
(True, 31.2)
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from newslab.errors import NewslabError
from newslab.ui import plots

DEFAULT_NOTEBOOKS = Path("notebooks")


@dataclass
class NotebookRun:
    """What happened to one notebook: where its HTML is, how long it took, and the error if it failed."""

    notebook: Path
    html: Path | None
    seconds: float
    error: str | None = None


@dataclass
class Report:
    out: Path
    notebooks: list[NotebookRun] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)
    chart_error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.chart_error is None and all(run.error is None for run in self.notebooks)


class NotebookError(NewslabError):
    """A notebook failed while running headless (the executed copy, with the error, is still written)."""


def execute_notebook(notebook: str | Path, output: str | Path, corpus: str | Path, timeout: int = 600,
                     kernel_name: str = "python3", extra_parameters: dict | None = None) -> Path:
    """Run ``notebook`` headless in its own folder with ``CORPUS`` set (as an absolute path); save the
    executed copy to ``output``. Raises :class:`NotebookError` naming the failing cell's error.

    Papermill runs in a child process: it changes the working directory while it runs, which must not
    leak into this process (or into notebooks running at the same time).
    """
    notebook = Path(notebook).resolve()
    output = Path(output).resolve()
    parameters = {"CORPUS": str(Path(corpus).expanduser().resolve()), **(extra_parameters or {})}
    cmd = [sys.executable, "-m", "papermill", str(notebook), str(output), "-y", json.dumps(parameters),
           "--cwd", str(notebook.parent), "-k", kernel_name, "--no-progress-bar", "--no-log-output",
           "--execution-timeout", str(timeout)]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        lines = [ln.strip() for ln in done.stderr.splitlines()
                 if ln.strip() and not ln.lstrip().startswith(("[IPKernelApp]", "Input Notebook", "Output Notebook"))]
        raise NotebookError(f"{notebook.name}: {lines[-1] if lines else f'papermill exited with {done.returncode}'}")
    return output


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("<p><i>[An interactive control is here in the notebook. Static reports leave controls out (their "
               "code would load from the internet); open the notebook with <code>make lab</code> to use it.]</i></p>")


def without_widgets(book):
    """The notebook with every widget output replaced by a short note and the widget state dropped, so the
    static page loads nothing from the internet (no widget manager from a CDN) and has no blank boxes."""
    book.metadata.pop("widgets", None)
    for cell in book.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                out["data"] = {"text/html": WIDGET_NOTE, "text/plain": "[interactive control]"}
    return book


def notebook_html(executed: str | Path, target: str | Path) -> Path:
    """Write an executed notebook as a standalone HTML page."""
    import nbformat
    from nbconvert import HTMLExporter

    book = without_widgets(nbformat.read(str(executed), as_version=4))
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(book)
    target = Path(target)
    target.write_text(body, encoding="utf-8")
    return target


def _index(report: Report, corpus: str) -> str:
    esc = html.escape
    rows = []
    for run in report.notebooks:
        status = "ok" if run.error is None else f"FAILED: {esc(run.error)}"
        link = f'<a href="{esc(run.html.name)}">{esc(run.notebook.stem)}</a>' if run.html else esc(run.notebook.stem)
        rows.append(f"<li>{link} ({run.seconds:.1f} s) {status}</li>")
    pngs = [p for p in report.charts if p.suffix == ".png"]
    charts = "\n".join(
        f'<figure><a href="charts/{esc(p.with_suffix(".svg").name)}"><img src="charts/{esc(p.name)}" '
        f'alt="{esc(p.stem)}" style="max-width:48em"></a><figcaption>{esc(p.stem)} '
        f'(<a href="charts/{esc(p.with_suffix(".svg").name)}">SVG</a>, '
        f'<a href="charts/{esc(p.with_suffix(".csv").name)}">numbers as CSV</a>)</figcaption></figure>'
        for p in pngs)
    return (f"<!doctype html><meta charset='utf-8'><title>newslab report</title>"
            f"<h1>newslab report</h1><p>Corpus: <code>{esc(corpus)}</code></p>"
            f"<h2>Notebooks</h2><ul>{''.join(rows)}</ul><h2>Charts</h2>{charts}")


def _run_one(book: Path, out: Path, corpus: str | Path, timeout: int, log) -> NotebookRun:
    t0 = time.perf_counter()
    executed = out / "executed" / book.name
    executed.unlink(missing_ok=True)
    error = None
    try:
        execute_notebook(book, executed, corpus, timeout=timeout)
    except NotebookError as exc:  # report it and go on with the other notebooks
        error = str(exc)
    page = notebook_html(executed, out / f"{book.stem}.html") if executed.exists() else None
    result = NotebookRun(book, page, time.perf_counter() - t0, error)
    log(f"{book.name}: {'ok' if error is None else 'FAILED'} in {result.seconds:.1f} s" + (f" ({error})" if error else ""))
    return result


def build_report(corpus: str | Path, out: str | Path = "reports", notebooks: str | Path = DEFAULT_NOTEBOOKS,
                 timeout: int = 600, charts: bool = True, jobs: int = 2, log=print) -> Report:
    """Execute every ``*.ipynb`` in ``notebooks`` on ``corpus``; write ``<name>.html``, ``charts/`` and
    ``index.html`` into ``out``, and the executed notebooks into ``out/executed/``.

    A failing notebook is reported and the others still run; ``jobs`` notebooks run at the same time
    (kernels spend most of their time starting and importing, so two at once use the cores better).
    """
    from newslab.ui.widgets import open_corpus

    started = time.perf_counter()
    out = Path(out).resolve()
    (out / "executed").mkdir(parents=True, exist_ok=True)
    report = Report(out=out)
    books = sorted(p for p in Path(notebooks).glob("*.ipynb") if not p.name.startswith("."))
    if not books:
        raise NewslabError(f"{notebooks}: no notebooks (*.ipynb) found; run from the repository folder or "
                           "pass --notebooks")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        report.notebooks = list(pool.map(lambda book: _run_one(book, out, corpus, timeout, log), books))
    if charts:
        try:
            report.charts = plots.save_all(open_corpus(corpus, progress=False), out / "charts")
            log(f"charts: {len(report.charts)} files in {out / 'charts'}")
        except Exception as exc:
            report.chart_error = str(exc)
            log(f"charts: FAILED ({exc})")
    (out / "index.html").write_text(_index(report, str(corpus)), encoding="utf-8")
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newslab.ui.report",
                                     description="Run every notebook headless on a corpus; write HTML and charts.")
    parser.add_argument("--corpus", default="data/sample",
                        help="folder, file or glob of articles, or a `newslab extract` output folder")
    parser.add_argument("--out", default="reports", help="folder for the HTML pages and charts")
    parser.add_argument("--notebooks", default=str(DEFAULT_NOTEBOOKS), help="folder of notebooks to run")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks to run at the same time")
    parser.add_argument("--no-charts", action="store_true", help="skip writing the chart files")
    args = parser.parse_args(argv)
    try:
        report = build_report(args.corpus, args.out, args.notebooks, timeout=args.timeout, charts=not args.no_charts,
                              jobs=args.jobs,
                              log=lambda msg: print(msg, file=sys.stderr))
    except NewslabError as exc:
        print(f"newslab report: {exc}", file=sys.stderr)
        return 2
    failed = [r.notebook.name for r in report.notebooks if r.error]
    print(f"report: {len(report.notebooks)} notebooks, {len(report.charts)} chart files in {report.out} "
          f"({report.seconds:.1f} s){'; FAILED: ' + ', '.join(failed) if failed else ''}", file=sys.stderr)
    print(report.out / "index.html")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
