"""Instructions of the verify phase alone (engine.verify over loaded claim files), by callgrind.

CPU time on a shared machine moves by several percent from run to run; an instruction count
does not. The claim files are loaded first, uncounted; then each is verified once (memos cold,
as in a real run) through ``operator.call``, and callgrind counts only what runs inside that
call (``--toggle-collect=_operator_call``). Prints the instructions per file for the files
where every record fits and for those where the likely-cause search runs (an inconsistent
record), which are worked out first, without callgrind.

Run from the repository root with claimcheck installed and valgrind on the path:
    python benchmarks/verify_instructions.py --folder /tmp/NAME-arch/claims [--files 120]
(an archive.py corpus's claims/; ``--files`` of each group, in file order).
"""

from __future__ import annotations

import argparse
import gc
import operator
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def _load(paths: list[Path]) -> list[object]:
    from claimcheck import loader, yamlsource

    return [
        loader._Loader(
            path, yamlsource.parse(yamlsource.decode(loader.read_regular_file(path, 10**7)))
        ).load()
        for path in paths
    ]


def _child(listing: Path) -> None:
    """Load the files named in ``listing``, then verify each inside operator.call."""
    import claimcheck.causes  # noqa: F401 - imported by the search: not counted
    from claimcheck import batch, engine

    batch.tune_gc_for_batch()
    files = _load([Path(line) for line in listing.read_text().split("\n") if line])
    gc.collect()
    gc.freeze()  # the loaded files stay out of the collector's sight, as in a run of one file at a time
    for claim_file in files:
        operator.call(engine.verify, claim_file)
    print(len(files))


def _groups(folder: Path, files: int) -> dict[str, list[Path]]:
    from claimcheck import engine

    groups: dict[str, list[Path]] = {"fit": [], "searched": []}
    for path in sorted(folder.glob("*.yaml")):
        if all(len(group) >= files for group in groups.values()):
            break
        (claim_file,) = _load([path])
        report = engine.verify(claim_file)  # type: ignore[arg-type]
        searched = any(result.verdict.name == "INCONSISTENT" for result in report.results)
        group = groups["searched" if searched else "fit"]
        if len(group) < files:
            group.append(path)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--files", type=int, default=120)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        _child(arguments.child)
        return
    if arguments.folder is None:
        parser.error("--folder is required")
    with tempfile.TemporaryDirectory() as work:
        for name, paths in _groups(arguments.folder, arguments.files).items():
            if not paths:
                print(f"{name:9} no files")
                continue
            listing = Path(work, f"{name}.txt")
            listing.write_text("\n".join(map(str, paths)))
            out = Path(work, f"{name}.callgrind")
            subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--toggle-collect=_operator_call",
                    f"--callgrind-out-file={out}",
                    sys.executable,
                    __file__,
                    "--child",
                    str(listing),
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
            assert found is not None, "callgrind wrote no summary"
            count = int(found.group(1))
            print(f"{name:9} {len(paths):4} files  {count / len(paths) / 1e6:7.3f} M instructions a file")


if __name__ == "__main__":
    main()
