"""What the benchmarks share: how to run claimcheck, the CPU time of the processes it starts,
and its bytecode written first. Imported by the scripts beside it (run as
``python benchmarks/NAME.py``, which puts this folder on the path)."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path


def claimcheck_command() -> list[str]:
    """The installed `claimcheck` command of this interpreter, else `python -m claimcheck`; a
    claimcheck first on PYTHONPATH is the one measured either way."""
    script = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "claimcheck"]


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far, theirs included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compile_bytecode() -> None:
    """Write claimcheck's bytecode, as `pip install .` does, so that it is measured as users
    get it: an editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile every
    changed module on every run."""
    import claimcheck

    package = Path(claimcheck.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
