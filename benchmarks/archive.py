"""Benchmark: re-checking an archive of realistic claim files, cold and warm, and its memory.

Generates claim files shaped like claims/2025-03-11-china-daily-shanxi-urbanization.yaml
(17 claims and 3 references, 17 checks, notes, an article text each, about 11 KB, ids unique
across the archive, figures varied) in a temporary folder, and prints in one run:

  (a) the YAML parse floor: PyYAML's C loader over the same files in this one process;
  (b) cold throughput of `claimcheck verify --format json --no-cache` at -j 1 and -j 2, and
      its ratio to the floor (targets: at least 10,000 claims/s at -j 2, at most 2.5 times
      the floor);
  (c) warm throughput, every file unchanged and its result in the cache (target: at least
      40,000 claims/s);
  (d) peak RSS of `verify --format json --no-cache` (ru_maxrss of the child, its worker
      processes included) at 1,000 and 10,000 files (targets: under 150 MiB, and the peak at
      10,000 within 20 percent of the peak at 1,000); --huge adds 100,000 files (not in CI:
      about 1.5 GB of files and some minutes).

Throughputs count claims and references (20 a file) per second of wall time, start-up
included, best of --runs runs. Run from the repository root with claimcheck installed:
python benchmarks/archive.py. With PYTHONPATH pointing at another checkout's src/, it measures
that code (a version without a cache is measured without --no-cache and without (c)).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from measure import claimcheck_command, compile_bytecode

CLAIMS_PER_FILE = 20
CHECKS_PER_FILE = 17


def has_cache() -> bool:
    shown = subprocess.run(
        [*claimcheck_command(), "verify", "--help"], capture_output=True, text=True, check=True
    )
    return "--no-cache" in shown.stdout


ARTICLE = """\
title: {title}
publisher: Bench Daily
date: 2025-03-11
---
{paragraphs}
"""

CLAIM_FILE = """\
# yaml-language-server: $schema=../schema/claimfile.schema.json
#
# A generated claim file, shaped like the Shanxi example (benchmarks/archive.py): the claims of
# an article on county-centered urbanization, its tourism and its investment. Every figure is
# written exactly as printed; `claimcheck explain ID` shows how each one is read and what is
# derived from it. The references are figures from other documents, to check the article's
# figures against; their quotes state the sources' figures.

article:
  title: {title}
  publisher: Bench Daily
  date: 2025-03-11
  text: ../articles/{name}.txt

claims:
  - id: {p}county_urbanization
    kind: change
    quote: "{q_urban}"
    entity: {region} counties
    period: annually
    rate: {urban_rate} percent
    unit: percent
    note: >-
      The urbanization rate is itself a percentage, so "{urban_rate} percent" may mean points a
      year or a relative rise a year; the article does not say which.

  - id: {p}utility_rates
    kind: bound
    quote: "{q_utility}"
    entity: {region} counties
    subjects: [centralized water supply, heating, gas supply, sewage treatment]
    value: surpassed {utility} percent
    maximum: 100 percent
    note: Coverage rates cannot exceed 100 percent.

  - id: {p}infrastructure_projects
    kind: bound
    quote: "{q_infra}"
    entity: {region}
    period: the past year
    value: more than {infra:,} infrastructure projects

  - id: {p}working_group
    kind: event
    quote: "{q_group}"
    entity: {city}
    period: July 2024

  - id: {p}renewal_projects
    kind: figure
    quote: "{q_projects}"
    entity: {city} housing and construction bureau
    period: last year
    value:
      printed: {projects} projects
      exact: true
    note: A count of projects launched is exact.

  - id: {p}renewal_investment
    kind: conversion
    quote: "{q_invest}"
    entity: {city} housing and construction bureau
    period: last year
    amount: {invest} billion yuan
    converted: ${invest_usd} billion
    note: The dollar figure is the paper's conversion, not the speaker's.

  - id: {p}pilot
    kind: event
    quote: "{q_pilot}"
    entity: {county} county
    period: "2023"

  - id: {p}county_event
    kind: event
    quote: "{q_event}"
    entity: {county} county
    period: October last year

  - id: {p}county_output_share
    kind: share
    quote: "{q_share}"
    entity: {city}
    share: {share} percent
    note: The county-level regions are the counties and the county-level city; the rest is districts.

  - id: {p}county_regions
    kind: figure
    quote: "{q_regions}"
    entity: {city}
    value: nine county-level regions

  - id: {p}dominant_industries
    kind: figure
    quote: "{q_industries}"
    entity: {city} counties
    value: one to two dominant industries

  - id: {p}town_visitors
    kind: change
    quote: "{q_visitors}"
    entity: {town} county
    period: "2024"
    value: more than {visitors} million visitors
    rate: {visitors_rate} percent
    direction: increase

  - id: {p}painting_sites
    kind: figure
    quote: "{q_sites}"
    entity: {county} county
    value: {sites} painting sites

  - id: {p}painting_revenue
    kind: figure
    quote: "{q_painting}"
    entity: {county} county
    value: around {painting} million yuan in revenue

  - id: {p}foreign_tourists
    kind: figure
    quote: "{q_foreign}"
    entity: {town}
    period: last year
    value: nearly {foreign:,} foreign tourists

  - id: {p}city_tourists
    kind: change
    quote: "{q_tourists}"
    entity: {city}
    period: last year
    value: {tourists} million domestic tourists
    rate: {tourists_rate} percent

  - id: {p}city_revenue
    kind: change
    quote: "{q_revenue}"
    entity: {city}
    period: last year
    value: {revenue} billion yuan
    rate: {revenue_rate} percent

references:
  - id: {p}ancient_city_2024
    kind: change
    quote: >-
      {town} Ancient City received {report_visitors} million visitor-trips in 2024, up
      {visitors_rate} percent
    entity: {town} Ancient City scenic area
    period: "2024"
    value: {report_visitors} million visitor-trips
    rate: {visitors_rate} percent
    source:
      title: {town} county 2024 report
      publisher: {town} county
    note: >-
      A figure of the Ancient City scenic area, which the article attributes to the county as
      a whole.

  - id: {p}city_gdp_2024
    kind: figure
    quote: "{city}'s gross domestic product in 2024 was {gdp} billion yuan"
    entity: {city}
    period: "2024"
    value: {gdp} billion yuan
    source:
      title: {city} 2024 statistical communiqué
      publisher: {city} city

  - id: {p}city_divisions
    kind: total
    quote: "{city} has 2 districts, 1 county-level city and 8 counties: 11 county-level divisions"
    entity: {city}
    parts:
      - printed: 2 districts
        exact: true
      - printed: 1 county-level city
        exact: true
      - printed: 8 counties
        exact: true
    total:
      printed: 11 county-level divisions
      exact: true
    source:
      title: Administrative divisions of {city}
      publisher: {city} city

checks:
  - id: {p}yuan_per_dollar
    kind: ratio
    description: yuan per US dollar implied by the investment and its conversion
    numerator: {p}renewal_investment.amount
    denominator: {p}renewal_investment.converted
    unit: CNY/USD

  - id: {p}investment_per_project
    kind: ratio
    description: average investment per renewal project
    numerator: {p}renewal_investment.amount
    denominator: {p}renewal_projects
    unit: CNY/project

  - id: {p}revenue_per_painting_site
    kind: ratio
    description: average revenue per painting site
    numerator: {p}painting_revenue
    denominator: {p}painting_sites
    unit: CNY/site

  - id: {p}revenue_per_tourist_2024
    kind: ratio
    description: tourism revenue per domestic tourist in 2024
    numerator: {p}city_revenue
    denominator: {p}city_tourists
    unit: CNY/visit
    note: Revenue counts all tourists, the tourist figure only domestic ones.

  - id: {p}revenue_per_tourist_2023
    kind: ratio
    description: tourism revenue per domestic tourist in 2023, from the implied 2023 figures
    numerator: {p}city_revenue.previous
    denominator: {p}city_tourists.previous

  - id: {p}revenue_per_tourist_growth
    kind: formula
    description: growth of revenue per tourist from 2023 to 2024
    formula: (1 + {p}city_revenue.rate) / (1 + {p}city_tourists.rate) - 1
    unit: percent
    note: Computed from the two growth rates, which keeps the interval narrow.

  - id: {p}town_share_of_city
    kind: ratio
    description: the town's visitors as a share of the city's domestic tourists in 2024
    numerator: {p}town_visitors
    denominator: {p}city_tourists
    unit: percent
    note: The town counts visitors of every origin, the city domestic tourists.

  - id: {p}town_within_city
    kind: comparison
    description: the county is part of the city, so its visitors cannot outnumber the city's tourists
    left: {p}town_visitors
    relation: "<="
    right: {p}city_tourists

  - id: {p}foreign_share_of_town
    kind: ratio
    description: foreign tourists as a share of the town's visitors in 2024
    numerator: {p}foreign_tourists
    denominator: {p}town_visitors
    unit: percent

  - id: {p}visitors_match_report
    kind: match
    description: the article's visitors against the county report's Ancient City visitor-trips
    figure: {p}town_visitors
    reference: {p}ancient_city_2024
    note: The report counts the Ancient City scenic area, the article the county.

  - id: {p}growth_match_report
    kind: match
    description: the article's growth against the county report's
    figure: {p}town_visitors.rate
    reference: {p}ancient_city_2024.rate

  - id: {p}visitors_2023_narrowed
    kind: match
    description: the article's open-ended 2023 visitors against the 2023 figure the report implies
    figure: {p}town_visitors.previous
    reference: {p}ancient_city_2024.previous
    note: The report's figure narrows the implied 2023 visitors to a single value.

  - id: {p}county_regions_output
    kind: formula
    description: output of the county-level regions, from the article's share of the 2024 GDP
    formula: {p}county_output_share.share * {p}city_gdp_2024
    unit: CNY
    note: >-
      The share is of the city's total output, and the GDP figure is the city's own, so the
      product is the output of the counties and the county-level city together.

  - id: {p}district_output
    kind: formula
    description: output left to the districts, from the article's share of the 2024 GDP
    formula: {p}county_output_share.rest_share * {p}city_gdp_2024
    unit: CNY

  - id: {p}counties_and_city
    kind: formula
    description: the counties and the county-level city, without the districts
    formula: {p}city_divisions.part_2 + {p}city_divisions.part_3

  - id: {p}regions_are_counties_and_city
    kind: match
    description: the article's nine county-level regions against the 8 counties and the county-level city
    figure: {p}county_regions
    reference: {p}counties_and_city

  - id: {p}regions_are_not_all_divisions
    kind: comparison
    description: nine is fewer than the 11 county-level divisions, so the districts are left out
    left: {p}county_regions
    relation: "<"
    right: {p}city_divisions.total
"""

PLACES = ["Jinzhong", "Datong", "Linfen", "Yuncheng", "Changzhi", "Lüliang", "Xinzhou", "Shuozhou"]
COUNTIES = ["Xiyang", "Zuoquan", "Heshun", "Taigu", "Qixian", "Lingshi", "Yushe", "Shouyang"]
TOWNS = ["Pingyao", "Jiexiu", "Wutai", "Hongdong", "Qinyuan", "Pianguan"]


def figures(rng: random.Random) -> dict[str, object]:
    invest = round(rng.uniform(10, 90), 1)
    tourists = rng.randint(30, 90)
    visitors = rng.randint(3, min(25, tourists - 5))
    return {
        "region": rng.choice(["Shanxi", "Hebei", "Henan", "Shaanxi"]),
        "city": rng.choice(PLACES),
        "county": rng.choice(COUNTIES),
        "town": rng.choice(TOWNS),
        "urban_rate": rng.choice([1, 1.5, 2]),
        "utility": rng.randint(90, 98),
        "infra": rng.randint(4, 30) * 100,
        "projects": rng.randint(80, 400),
        "invest": invest,
        # Mostly the ECB rate in the rate window, now and then a conversion that is off.
        "invest_usd": round(invest / (7.2585 if rng.random() < 0.9 else 6.5), 2),
        "share": rng.randint(60, 92),
        "visitors": visitors,
        "report_visitors": round(visitors + rng.uniform(0.01, 0.4), 2),
        "visitors_rate": rng.randint(3, 30),
        "sites": rng.randint(50, 400),
        "painting": rng.randint(10, 90),
        "foreign": rng.randint(5, 90) * 1000,
        "tourists": tourists,
        "tourists_rate": round(rng.uniform(2, 25), 1),
        "revenue": round(rng.uniform(20, 90), 1),
        "revenue_rate": round(rng.uniform(2, 35), 1),
        "gdp": round(rng.uniform(100, 400), 2),
    }


def quotes(values: dict[str, object]) -> dict[str, str]:
    v = values
    return {
        "q_urban": f"The urbanization rate of counties in the province has steadily increased by"
        f" {v['urban_rate']} percent annually",
        "q_utility": f"Rates of centralized water supply, heating, gas supply, and sewage treatment"
        f" have all surpassed {v['utility']} percent",
        "q_infra": f"implementing more than {v['infra']:,} infrastructure projects",
        "q_group": f"In July 2024, {v['city']} set up a special working group to promote"
        " urbanization centered on counties",
        "q_projects": f"Last year, the city's housing and construction bureau launched {v['projects']}"
        " projects",
        "q_invest": f"with a total investment of {v['invest']} billion yuan (${v['invest_usd']} billion)",
        "q_pilot": f"{v['county']} county was named a pilot site for county-level urban planning and"
        " construction in 2023",
        "q_event": f"In October last year, during an on-site event in {v['county']} that focused on"
        " developing livable counties",
        "q_share": f"the economic output of its nine county-level regions accounting for {v['share']}"
        " percent of the city's total",
        "q_regions": "the economic output of its nine county-level regions",
        "q_industries": "developing one to two dominant industries and one emerging sector in each county",
        "q_visitors": f"In 2024, {v['town']} county welcomed more than {v['visitors']} million"
        f" visitors, a {v['visitors_rate']} percent increase year-on-year",
        "q_sites": f"{v['sites']} painting sites in the outdoor painting base in {v['county']} county",
        "q_painting": f"generated around {v['painting']} million yuan in revenue",
        "q_foreign": f"{v['town']}, home to an ancient city, attracted nearly {v['foreign']:,}"
        " foreign tourists last year",
        "q_tourists": f"{v['city']} hosted {v['tourists']} million domestic tourists last year, a"
        f" {v['tourists_rate']} percent increase from the previous year",
        "q_revenue": f"with total tourism revenue reaching {v['revenue']} billion yuan, up"
        f" {v['revenue_rate']} percent year-on-year",
    }


def write_archive(folder: Path, files: int, seed: int = 20250311) -> int:
    """Write ``files`` claim files and their article texts under ``folder``; their claims."""
    rng = random.Random(seed)
    claims = folder / "claims"
    articles = folder / "articles"
    claims.mkdir(parents=True)
    articles.mkdir()
    for index in range(files):
        name = f"2025-03-11-bench-{index:06d}"
        values = figures(rng)
        said = quotes(values)
        title = f"{values['region']} records steady progress in urbanization drive ({index})"
        paragraphs = "\n\n".join(f"{text}, officials said." for text in said.values())
        (articles / f"{name}.txt").write_text(
            ARTICLE.format(title=title, paragraphs=paragraphs), encoding="utf-8"
        )
        text = CLAIM_FILE.format(p=f"a{index}_", name=name, title=title, **values, **said)
        (claims / f"{name}.yaml").write_text(text, encoding="utf-8")
    return files * CLAIMS_PER_FILE


def yaml_floor(folder: Path, runs: int) -> float:
    """Seconds for PyYAML's C loader to parse every claim file in this process (best of runs)."""
    import yaml

    paths = sorted((folder / "claims").glob("*.yaml"))
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        best = min(best, time.perf_counter() - start)
    return best


class Run(NamedTuple):
    wall: float
    """Seconds of wall time, start-up included."""
    cpu: float
    """Seconds of CPU time (user and system) of the child and its workers: less noisy on a
    shared machine than wall time."""
    peak: int
    """Peak RSS in KiB (ru_maxrss: the largest of the child and its workers)."""


def run_verify(folder: Path, args: list[str], environment: dict[str, str]) -> Run:
    """Times and peak memory of one verify run."""
    command = [*claimcheck_command(), "verify", "--format", "json", *args, str(folder / "claims")]
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=environment)
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}: {errors.decode()[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def best_of(runs: int, folder: Path, args: list[str], environment: dict[str, str]) -> Run:
    """The fastest of ``runs`` runs (wall time and CPU time each at its best)."""
    measured = [run_verify(folder, args, environment) for _ in range(runs)]
    return Run(min(run.wall for run in measured), min(run.cpu for run in measured), 0)


def row(label: str, value: str, target: str = "") -> None:
    print(f"    {label:<44} {value:>14}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000, help="files for the throughput figures")
    parser.add_argument("--runs", type=int, default=3, help="runs of each throughput figure (best kept)")
    parser.add_argument("--memory", default="1000,10000", help="file counts for peak RSS (comma-separated)")
    parser.add_argument("--huge", action="store_true", help="also measure 100,000 files (not in CI)")
    arguments = parser.parse_args()
    compile_bytecode()
    cached = has_cache()
    no_cache = ["--no-cache"] if cached else []
    counts = [int(count) for count in arguments.memory.split(",") if count]
    if arguments.huge:
        counts.append(100_000)
    with tempfile.TemporaryDirectory(prefix="claimcheck-archive-") as directory:
        root = Path(directory)
        environment = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(root / "cache"))
        folder = root / f"archive-{arguments.files}"
        claims = write_archive(folder, arguments.files)
        size = sum(path.stat().st_size for path in (folder / "claims").iterdir()) / arguments.files
        print(
            f"archive: {arguments.files:,} files of {CLAIMS_PER_FILE} claims and {CHECKS_PER_FILE} checks,"
            f" {size / 1024:.1f} KB each ({claims:,} claims); best of {arguments.runs} runs"
        )
        run_verify(folder, no_cache, environment)  # warm the file system cache and the bytecode
        floor = claims / yaml_floor(folder, arguments.runs)
        print("(a) YAML parse floor (PyYAML CSafeLoader, one process)")
        row("claims parsed per second", f"{floor:,.0f}")
        print(f"(b) cold: verify --format json {' '.join(no_cache)}")
        for jobs in (1, 2):
            run = best_of(arguments.runs, folder, [*no_cache, "-j", str(jobs)], environment)
            rate = claims / run.wall
            target = "(target >= 10,000 claims/s, <= 2.5x floor)" if jobs == 2 else ""
            row(f"-j {jobs}: claims per second", f"{rate:,.0f}", "")
            row(f"-j {jobs}: claims per CPU second", f"{claims / run.cpu:,.0f}", "(child and workers)")
            row(f"-j {jobs}: times the parse floor", f"{floor / rate:.2f}x", target)
        if cached:
            print("(c) warm: verify --format json, every file unchanged and in the cache")
            run_verify(folder, [], environment)  # fills the cache
            for jobs in (1, 2):
                run = best_of(arguments.runs, folder, ["-j", str(jobs)], environment)
                row(f"-j {jobs}: claims per second", f"{claims / run.wall:,.0f}", "(target >= 40,000)")
                row(f"-j {jobs}: claims per CPU second", f"{claims / run.cpu:,.0f}")
        else:
            print("(c) warm: this version has no results cache")
        shutil.rmtree(folder)
        memory(root, counts, no_cache, environment)


def memory(root: Path, counts: list[int], no_cache: list[str], environment: dict[str, str]) -> None:
    """(d): the peak RSS of one run over archives of each size, and its growth."""
    print(f"(d) peak RSS: verify --format json {' '.join(no_cache)} -j 2 (ru_maxrss, workers included)")
    peaks: dict[int, float] = {}
    for count in counts:
        big = root / f"archive-{count}"
        write_archive(big, count)
        run = run_verify(big, [*no_cache, "-j", "2"], environment)
        peaks[count] = run.peak / 1024
        rate = count * CLAIMS_PER_FILE / run.wall
        row(f"{count:,} files", f"{peaks[count]:,.0f} MiB", f"(target < 150 MiB; {rate:,.0f} claims/s)")
        shutil.rmtree(big)
    if len(peaks) > 1:
        first, *rest = sorted(peaks)
        for count in rest:
            growth = peaks[count] / peaks[first] - 1
            # The target is for ten times the files; beyond, only the 150 MiB bound holds.
            target = "(target within +20%)" if count == 10 * first else ""
            row(f"growth {first:,} -> {count:,} files", f"{growth:+.0%}", target)


if __name__ == "__main__":
    main()
