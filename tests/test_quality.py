"""The gates CI holds the code to, run as tests so one command checks everything."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "livetail"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_clean() -> None:
    proc = _run("ruff", "check", "livetail", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_clean() -> None:
    proc = _run("ruff", "format", "--check", "livetail", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean() -> None:
    proc = _run("mypy", "livetail")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# Stages may import only stages to their left (and model/errors/config/identity), never back.
ORDER = ["fetch", "extract", "reconcile", "store", "feeds", "notifiers"]
SHELL = {"cli", "daemon", "pipeline", "scheduler", "demo", "__main__"}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "livetail" or len(parts) < 2:
        return None
    stage = parts[1].split("_")[0]  # reconcile_match is part of reconcile
    return stage if stage in ORDER else None


def test_dependencies_point_one_way() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        own = _stage(module)
        if own is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] == "livetail" and len(name.split(".")) > 1:
                    target = name.split(".")[1]
                    if target in SHELL or target.split("_")[0] in SHELL:  # cli_poll, daemon_core…
                        problems.append(f"{module} imports the shell module {name}")
                    other = _stage(name)
                    if other and ORDER.index(other) > ORDER.index(own):
                        problems.append(f"{module} ({own}) imports {name} ({other}), which is downstream")
    assert not problems, "\n".join(problems)


def test_every_module_imports_on_its_own() -> None:
    """No import cycle that only works when another module happens to be imported first."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in PACKAGE.rglob("*.py")
        if p.name != "__main__.py"
    )

    def failure(name: str) -> str | None:
        proc = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120
        )
        return f"{name}: {proc.stderr.strip().splitlines()[-1]}" if proc.returncode else None

    # (one interpreter per module, as many at once as there are cores: each is mostly start-up)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        failed = [f for f in pool.map(failure, modules) if f]
    assert not failed, "\n".join(failed)
