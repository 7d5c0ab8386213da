"""Structural fuzzing in every test run: claim files built from the schema, then mutated.

Whatever the file, claimcheck must answer with exit code 0, 1 or 2, never a traceback, and
every problem it reports must have its place and code (``file:line:col: CODE``). A file that
is clear-cut bad (see tests/fuzzing.py) must not be accepted. The number of examples is
bounded so that the whole test takes seconds; benchmarks/fuzz_campaign.py runs the long
campaign with the same strategies.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from claimcheck.cli import run
from claimcheck.safety import DEBUG_VARIABLE
from tests.fuzzing import Sample, claim_files

PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: CC\d{3}( \[[a-z][a-z0-9_]*\])? \S.*$")


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sample=claim_files())
def test_any_claim_file_gets_a_clean_answer(sample: Sample) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_text(sample.text, encoding="utf-8", errors="surrogatepass")
        with pytest.MonkeyPatch.context() as patch, _captured() as (out, err):
            patch.delenv(DEBUG_VARIABLE, raising=False)
            code = run(["verify", "--format", "json", str(path)])
    errors = err.getvalue()
    assert code in (0, 1, 2), (sample.mutation, code)
    assert "Traceback" not in errors, sample
    assert "internal error, please report it" not in errors or " CC499 " in errors, sample
    for line in errors.splitlines():
        if line.startswith(str(path)):
            assert PROBLEM_LINE.match(line), line
        else:
            assert line.startswith("claimcheck:") or line.startswith("error:"), line
    if sample.bad:
        assert code == 2, (sample.mutation, sample.text)
    assert out.getvalue().startswith('{"claimcheck":')


class _captured:
    """stdout and stderr of one in-process run (capsys does not reset between examples)."""

    def __enter__(self) -> tuple[object, object]:
        import contextlib
        import io

        self.out, self.err = io.StringIO(), io.StringIO()
        self.stack = contextlib.ExitStack()
        self.stack.enter_context(contextlib.redirect_stdout(self.out))
        self.stack.enter_context(contextlib.redirect_stderr(self.err))
        return self.out, self.err

    def __exit__(self, *exc: object) -> None:
        self.stack.close()
