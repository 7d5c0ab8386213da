"""Writing a run's document as its files are verified, in constant memory.

Each file's part is written as soon as it arrives (in input order), and only its counts,
problems and finding levels are kept (its findings too when a summary lists them). A format
whose head shows the run's summary (JUnit's totals, the HTML report's counts, the Markdown
findings table) has its parts written to a spool file, which stays in memory while small
and moves to disk when large, and copied out after the head. Parts are written as the bytes
they arrive as (:attr:`FileOutput.part`), not decoded and encoded again.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from typing import Protocol

from claimcheck.formats import FileOutput, OutputFormat, RenderOptions, RunSummary, encoded

SPOOL_IN_MEMORY = 1 << 20
"""Bytes of parts a spool keeps in memory before it moves them to a temporary file."""


class Writer(Protocol):
    """Where a document goes, encoded (:func:`claimcheck.formats.encoded`): a binary stream,
    or anything with its ``write``."""

    def write(self, data: bytes, /) -> object: ...


def write_document(
    chosen: OutputFormat,
    outputs: Iterable[FileOutput],
    out: Writer,
    options: RenderOptions,
    keep_findings: bool = False,
    on_file: Callable[[FileOutput], None] | None = None,
) -> RunSummary:
    """Write the document of ``outputs`` in the format ``chosen`` to ``out``; the run's summary.

    ``on_file`` is called with each file's output before its part is written (the CLI prints
    its problems). The document is byte for byte the one ``render_document`` joins in memory.
    """
    summary = RunSummary(options, keep_findings=keep_findings or chosen.SUMMARY_LISTS_FINDINGS)
    separator = encoded(chosen.SEPARATOR)
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+b") as spool:
        target: Writer = spool if chosen.SUMMARY_FIRST else out
        started = False
        for output in outputs:
            summary.add(output)
            if on_file is not None:
                on_file(output)
            if not output.part:
                continue
            if started:
                target.write(separator)
            elif not chosen.SUMMARY_FIRST:
                out.write(encoded(chosen.document_head(None, False, options)))
            started = True
            target.write(output.part)
        if chosen.SUMMARY_FIRST:
            out.write(encoded(chosen.document_head(summary, not started, options)))
            spool.seek(0)
            shutil.copyfileobj(spool, out)
        elif not started:
            out.write(encoded(chosen.document_head(summary, True, options)))
    out.write(encoded(chosen.document_tail(summary, not started, options)))
    return summary
