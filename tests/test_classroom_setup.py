"""The classroom setup: `make lab` works on copies, both install routes run the workshop offline, and Voila
culls the kernels of closed or reloaded pages (voila.json)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_dry_run(*args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("CONDA_", "MAKE"))}
    environ.update(env)
    out = subprocess.run(["make", "-n", *args], cwd=REPO, env=environ, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


@needs_make
def test_conda_route_runs_the_workshop_without_pip():
    """Inside the activated conda env, `make workshop` runs its voila and installs nothing (offline)."""
    cmds = make_dry_run("workshop", "lab", "report", CONDA_DEFAULT_ENV="newslab", CONDA_PREFIX="/opt/conda/envs/nl")
    assert "/opt/conda/envs/nl/bin/voila notebooks/06_workshop.ipynb" in cmds
    assert "pip" not in cmds and "venv" not in cmds


@needs_make
def test_lab_opens_copies_so_autosave_never_touches_committed_notebooks(tmp_path):
    cmds = make_dry_run("lab", f"LAB={tmp_path / 'lab'}")
    assert f"jupyter lab {tmp_path / 'lab'}/01_quickstart.ipynb" in cmds
    before = {p.name: p.read_bytes() for p in (REPO / "notebooks").glob("*.ipynb")}
    subprocess.run(["make", "-s", "lab-copy", f"LAB={tmp_path / 'lab'}"], cwd=REPO, check=True, timeout=60)
    copies = {p.name for p in (tmp_path / "lab").glob("*.ipynb")}
    assert copies == set(before)
    edited = tmp_path / "lab" / "01_quickstart.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("../data/sample", "../my_articles"))
    subprocess.run(["make", "-s", "lab-copy", f"LAB={tmp_path / 'lab'}"], cwd=REPO, check=True, timeout=60)
    assert "../my_articles" in edited.read_text(encoding="utf-8")  # the participant's copy is kept
    assert {p.name: p.read_bytes() for p in (REPO / "notebooks").glob("*.ipynb")} == before
    assert "/lab/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()


def test_voila_config_culls_idle_kernels():
    conf = json.loads((REPO / "voila.json").read_text(encoding="utf-8"))["MappingKernelManager"]
    assert 0 < conf["cull_idle_timeout"] <= 900 and 0 < conf["cull_interval"] <= conf["cull_idle_timeout"]
    assert conf["cull_connected"] is False  # a participant still on the page keeps their work


def _kernels(pid: int) -> list[int]:
    """PIDs of the kernel processes started by the server ``pid``."""
    out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if "ipykernel" in line]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(not Path("/proc").is_dir() or shutil.which("ps") is None, reason="needs Linux ps and /proc")
def test_voila_culls_the_kernel_of_a_page_nobody_has_open(tmp_path):
    """A page that was loaded and then closed (no websocket left) loses its kernel: the repo's voila.json is
    read from the folder Voila runs in; the timeouts are shortened here to keep the test quick."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NEWSLAB_WORKSHOP_RESULTS=str(tmp_path / "results"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    cmd = [str(BIN / "voila"), "notebooks/06_workshop.ipynb", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--MappingKernelManager.cull_idle_timeout=4",
           "--MappingKernelManager.cull_interval=1"]
    log = open(tmp_path / "voila.log", "wb")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120).read()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, (tmp_path / "voila.log").read_text()
                time.sleep(0.5)
        assert b"newslab" in page or b"voila" in page.lower()
        for _ in range(40):
            kernels = _kernels(proc.pid)
            if kernels:
                break
            time.sleep(0.5)
        assert kernels, "the page started no kernel"
        print(f"kernel memory after the page loaded: {_rss_mb(kernels[0]):.0f} MB")
        for _ in range(60):
            if not _kernels(proc.pid):
                break
            time.sleep(0.5)
        assert _kernels(proc.pid) == [], "the kernel of a closed page was never culled"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        log.close()


def test_workshop_guide_snippets_import_what_they_use(tmp_path):
    """Every Python block in docs/workshop.md runs as pasted: no name is used without its import."""
    import re

    ruff = BIN / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed")
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "docs" / "workshop.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    for i, block in enumerate(blocks):
        path = tmp_path / f"block{i}.py"
        path.write_text(block, encoding="utf-8")
        out = subprocess.run([str(ruff), "check", "--isolated", "--select", "F821", str(path)],
                             capture_output=True, text=True)
        assert out.returncode == 0, f"docs/workshop.md block {i}:\n{block}\n{out.stdout}"


def test_a_missing_workshop_corpus_names_the_parameter_to_change(tmp_path):
    from newslab.errors import InputError
    from newslab.ui.workshop import workshop_app

    with pytest.raises(InputError, match="set CORPUS in the notebook's parameters cell"):
        workshop_app(tmp_path / "nope", key=None)
