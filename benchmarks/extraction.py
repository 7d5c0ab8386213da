"""Benchmark and scores of `claimcheck extract` and `claimcheck check`.

Prints:
  (a) the time to draft a claim file, per 1,000 words of article (target: under 20 ms), warm:
      the median over articles of about 1,100 words assembled from the test corpus, each
      drafted three times with the figure cache emptied as in a new run and the best of the
      three taken, in CPU time of this process (the figure to quote: other processes on the
      machine change it least) and in wall time; and a cold `claimcheck extract` command
      beside `claimcheck verify claims/`;
  (b) on the test corpus (tests/data/extraction: articles and their reviewed expected claims):
      figure precision and recall (targets: 97 percent), hedge recall (100 percent), conversion
      pairs paired (all), years, dates and ordinals taken as figures (none), kind accuracy (90
      percent);
  (c) `claimcheck check` on every article: planted errors found, and false inconsistencies.

Run from the repository root with claimcheck installed: python benchmarks/extraction.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from claimcheck.extraction.claims import FIGURE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "extraction"
SHANXI = ROOT / "articles" / "2025-03-11-china-daily-shanxi-urbanization.txt"


def corpus() -> list[tuple[Path, dict[str, Any]]]:
    """Each article of the corpus with its expected claims."""
    found = []
    for expected in sorted((CORPUS / "expected").glob("*.yaml")):
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        found.append((CORPUS / "articles" / data["article"], data))
    return found


def figures_of(claims: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(printed figure, kind of its claim) for every figure of a list of claims."""
    found = []
    for claim in claims:
        fields = claim.get("figures", claim)
        for name in FIGURE_FIELDS:
            value = fields.get(name)
            for item in value if isinstance(value, list) else [value]:
                if item is not None:
                    found.append((str(item["printed"] if isinstance(item, dict) else item), claim["kind"]))
    return found


def draft(article: Path) -> dict[str, Any]:
    from claimcheck.extraction.run import draft_text

    loaded: dict[str, Any] = yaml.safe_load(draft_text(article, None))
    return loaded


def scores(articles: list[tuple[Path, dict[str, Any]]]) -> None:
    from claimcheck.hedges import match_hedge

    true_positive = false_positive = false_negative = 0
    hedged = hedged_found = kinds_right = kinds_compared = 0
    pairs = pairs_found = traps_taken = 0
    misses: list[str] = []
    extras: list[str] = []
    for path, expected in articles:
        got = draft(path)
        # A figure is counted once however many claims hold it ("rose to 5.47 trillion won
        # ($3.95 billion)" is both a change's value and a conversion's amount).
        want = Counter({printed for printed, _ in figures_of(expected["claims"])})
        have = Counter({printed for printed, _ in figures_of(got["claims"])})
        true_positive += sum((want & have).values())
        false_positive += sum((have - want).values())
        false_negative += sum((want - have).values())
        misses += [f"{path.name}: {printed!r}" for printed in (want - have).elements()]
        extras += [f"{path.name}: {printed!r}" for printed in (have - want).elements()]
        got_pairs_kinds = Counter(figures_of(got["claims"]))
        want_pairs_kinds = Counter(figures_of(expected["claims"]))
        for printed, _ in figures_of(expected["claims"]):
            if match_hedge(printed) is not None:
                hedged += 1
                hedged_found += printed in have
        # a figure found is counted right when a drafted claim of the expected kind holds it
        kinds_compared += sum(
            (want_pairs_kinds & Counter({k: v for k, v in want_pairs_kinds.items() if k[0] in have})).values()
        )
        kinds_right += sum((want_pairs_kinds & got_pairs_kinds).values())
        got_pairs = {
            (claim["amount"], claim["converted"]) for claim in got["claims"] if claim["kind"] == "conversion"
        }
        for claim in expected["claims"]:
            if claim["kind"] == "conversion":
                pairs += 1
                pairs_found += (claim["figures"]["amount"], claim["figures"]["converted"]) in got_pairs
        for trap in expected.get("not_figures", []):
            traps_taken += any(trap == printed or trap in printed.split() for printed in have)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    print(f"(b) scores on {len(articles)} articles of the test corpus")
    print(f"    figure precision                          {precision:.1%}   (target >= 97%)")
    print(f"    figure recall                             {recall:.1%}   (target >= 97%)")
    print(f"    hedge recall                              {hedged_found}/{hedged}   (target: all)")
    print(f"    conversion pairs paired                   {pairs_found}/{pairs}   (target: all)")
    print(f"    years, dates, ordinals taken as figures   {traps_taken}   (target: 0)")
    accuracy = kinds_right / max(1, kinds_compared)
    print(f"    kind accuracy                             {accuracy:.1%}   (target >= 90%)")
    for line in misses[:15]:
        print(f"      missed  {line}")
    for line in extras[:15]:
        print(f"      extra   {line}")


def planted(articles: list[tuple[Path, dict[str, Any]]]) -> None:
    from claimcheck.engine import verify
    from claimcheck.extraction.run import draft_text
    from claimcheck.loader import load_claim_text

    planted_total = found = false_alarms = 0
    for path, expected in articles:
        report = verify(load_claim_text(path.with_suffix(".claims.yaml"), draft_text(path, None)))
        inconsistent = [
            {figure.printed for figure in result.record.figures().values()}  # type: ignore[attr-defined]
            for result in report.claims
            if result.verdict.value == "inconsistent"
        ]
        errors = expected.get("planted_errors", [])
        planted_total += len(errors)
        marked = set()
        for error in errors:
            printed = {str(value) for key, value in error.items() if key != "kind"}
            hit = [index for index, figures in enumerate(inconsistent) if printed & figures]
            found += bool(hit)
            marked.update(hit)
        false_alarms += len(set(range(len(inconsistent))) - marked)
    print("(c) claimcheck check on the corpus")
    print(f"    planted errors found                      {found}/{planted_total}")
    print(f"    false inconsistencies                     {false_alarms}   (target: 0)")


def speed(articles: list[tuple[Path, dict[str, Any]]]) -> None:
    import datetime

    from claimcheck.articletext import split_front_matter
    from claimcheck.extraction.draft import ArticleInfo, extract, render
    from claimcheck.figures import ReadingContext, read_figure

    bodies = [split_front_matter(path.read_text(encoding="utf-8")).body for path, _ in articles]
    if not bodies:
        bodies = [
            split_front_matter(
                (ROOT / "articles" / "2025-03-11-china-daily-shanxi-urbanization.txt").read_text()
            ).body
        ]
    long_articles = []
    current: list[str] = []
    for body in bodies * 3:
        current.append(body)
        if sum(len(part.split()) for part in current) >= 1000:
            long_articles.append("\n\n".join(current))
            current = []
    info = ArticleInfo("T", "P", datetime.date(2025, 6, 14))
    render(extract(long_articles[0], info, ReadingContext()))  # registry and vocabulary loaded
    times = []
    cpu = []
    for text in long_articles:
        runs = []
        for _ in range(3):  # the best of three, each with the figure cache emptied as in a new run
            read_figure.cache_clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            render(extract(text, info, ReadingContext()))
            runs.append((time.perf_counter() - start, time.process_time() - start_cpu))
        thousands = len(text.split()) / 1000
        times.append(min(wall for wall, _ in runs) / thousands)
        cpu.append(min(used for _, used in runs) / thousands)
    words = statistics.median(len(text.split()) for text in long_articles)
    count = len(long_articles)
    print(f"(a) drafting {count} articles of about {words:.0f} words: best of 3, figure cache emptied")
    per_thousand = statistics.median(cpu) * 1e3
    print(f"    per 1,000 words, CPU time (median)        {per_thousand:.1f} ms   (target < 20 ms)")
    print(f"    per 1,000 words, wall time (median)       {statistics.median(times) * 1e3:.1f} ms")
    cold = [_wall(["claimcheck", "extract", str(SHANXI)]) for _ in range(5)]
    verify = [_wall(["claimcheck", "verify", "claims/"]) for _ in range(5)]
    print(f"    claimcheck extract, Shanxi article (cold) {statistics.median(cold) * 1e3:.0f} ms")
    print(f"    claimcheck verify claims/ (cold)          {statistics.median(verify) * 1e3:.0f} ms")


def _wall(command: list[str]) -> float:
    bin_dir = Path(sys.executable).parent
    start = time.perf_counter()
    subprocess.run([str(bin_dir / command[0]), *command[1:]], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    articles = corpus()
    speed(articles)
    if articles:
        scores(articles)
        planted(articles)
    else:
        print("(b), (c): no test corpus under tests/data/extraction")


if __name__ == "__main__":
    main()
