"""How far apart do published reference rates of one day lie? The data behind the default
``rate_tolerance`` of conversions.

Newsrooms convert at their own sources' rates: a central bank's parity, a wire service's
rate, the day before's fix. Only the ECB reference rates ship with claimcheck (no network),
so this measures the spread that can be measured offline, on the ECB history itself, for the
pairs that news converts most:

- the day-before move: |rate(d) / rate(d - 1 business day) - 1|, the difference between two
  fixes a day apart, a stand-in for two sources fixing at different hours;
- the spread of the window: the largest relative difference between any two rates of the
  default window (the publication date and the business days before it), which the window
  itself already accepts.

Run: ``python benchmarks/rate_tolerance.py`` (prints percentiles per pair, 2015 to the end of
the data).
"""

from __future__ import annotations

import itertools
import statistics
from datetime import date
from fractions import Fraction

from claimcheck import rates
from claimcheck.records import Defaults

PAIRS = (("CNY", "USD"), ("USD", "EUR"), ("USD", "GBP"), ("JPY", "USD"), ("INR", "USD"), ("KRW", "USD"))
FROM = date(2015, 1, 1)


def history() -> list[tuple[date, dict[str, Fraction]]]:
    header = rates._header()
    days = []
    lines = rates._lines()
    next(lines)
    for line in lines:
        fields = line.strip().rstrip(",").split(",")
        day = date.fromisoformat(fields[0])
        if day < FROM:
            break
        per_euro = {"EUR": Fraction(1)}
        for code, text in zip(header[1:], fields[1:], strict=False):
            if text not in ("", "N/A"):
                per_euro[code] = Fraction(text)
        days.append((day, per_euro))
    return days[::-1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    days = history()
    window = Defaults().rate_window
    print(f"ECB reference rates {days[0][0]} to {days[-1][0]}, {len(days)} business days")
    print(f"default window: the publication date and {window} business days before it\n")
    print(f"{'pair':<9} {'day-before move (%)':>34}   {'window spread (%)':>24}")
    print(f"{'':<9} {'median':>8} {'p90':>8} {'p95':>8} {'p99':>8}   {'median':>8} {'p95':>8} {'p99':>8}")
    everything: list[float] = []
    for base, quote in PAIRS:
        series = [per[base] / per[quote] for _, per in days if base in per and quote in per]
        moves = [abs(float(b / a) - 1) * 100 for a, b in itertools.pairwise(series)]
        spreads = []
        for end in range(window, len(series)):
            chunk = series[end - window : end + 1]
            spreads.append((float(max(chunk) / min(chunk)) - 1) * 100)
        everything += moves
        print(
            f"{base}/{quote:<5} {statistics.median(moves):8.3f} {percentile(moves, 0.90):8.3f}"
            f" {percentile(moves, 0.95):8.3f} {percentile(moves, 0.99):8.3f}"
            f"   {statistics.median(spreads):8.3f} {percentile(spreads, 0.95):8.3f}"
            f" {percentile(spreads, 0.99):8.3f}"
        )
    print(
        f"\nall pairs, day-before move: median {statistics.median(everything):.3f}%,"
        f" p95 {percentile(everything, 0.95):.3f}%, p99 {percentile(everything, 0.99):.3f}%"
    )


if __name__ == "__main__":
    main()
