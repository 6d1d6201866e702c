"""Small helpers shared by the pipeline tests."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_until(child: subprocess.Popen, wanted: Callable[[str], bool]) -> list[str]:
    """Lines from the child's stdout up to and including the first ``wanted`` one."""
    lines = []
    for line in child.stdout:
        lines.append(line.rstrip("\n"))
        if wanted(lines[-1]):
            return lines
    raise AssertionError(f"the child ended without the expected line: {lines}")
