"""Benchmark of the cold path: verifying claim files shaped like the real ones, phase by phase.

Generates a corpus of claim files shaped like claims/2025-03-11-china-daily-shanxi-urbanization.yaml
(17 claims and 3 references of every claim kind, 17 checks of every check kind, notes, about
11 KB each, ids unique across the corpus) and prints:
  (a) CPU time per phase in this process (read and decode, YAML compose and document build,
      records, verification, JSON rendering), best of --runs, and the claims per second;
  (b) the PyYAML CSafeLoader parse floor on the same files (yaml.load, one process);
  (c) claims per second of `claimcheck verify --format json -j N` through the command line, for
      each N of --jobs, start-up included, with its ratio to the parse floor (wall time, median
      of --runs).

Run from the repository root with claimcheck installed:
    python benchmarks/cold_path.py [--files 1000] [--runs 3] [--jobs 1 2] [--profile out.prof]
With --folder DIR it measures the claim files of DIR instead (an archive.py corpus's claims/):
the first --files files directly in it in (a) and (b), every claim file below it in (c).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from measure import children_cpu, claimcheck_command, compile_bytecode

CLAIMS_PER_FILE = 20  # 17 claims of the article and 3 references

TEMPLATE = """\
# Generated claim file {n}: the shape of a real one, with made-up figures. Every figure is
# written as the made-up article prints it; `claimcheck explain ID` shows how each one is read
# and what is derived from it. The references quote made-up documents of the same province.

article:
  title: Province {n} reports growth in county towns and visitors
  publisher: The Benchmark Herald
  date: 2025-03-11

claims:
  - id: county_rate_{n}
    kind: change
    quote: "The share of residents in county towns has risen by {small} percent annually"
    entity: Province {n} counties
    period: annually
    rate: {small} percent
    unit: percent
    note: >-
      The share is itself a percentage, so "{small} percent" may mean points a year or a
      relative rise a year; the article does not say which.

  - id: utility_cover_{n}
    kind: bound
    quote: "Coverage of piped water, heating and gas has surpassed {cover} percent"
    entity: Province {n} counties
    subjects: [piped water, heating, gas]
    value: surpassed {cover} percent
    maximum: 100 percent
    note: Coverage rates cannot exceed 100 percent.

  - id: projects_{n}
    kind: bound
    quote: "carrying out more than {projects} building projects"
    entity: Province {n}
    period: the past year
    value: more than {projects} building projects

  - id: task_force_{n}
    kind: event
    quote: "In May 2024, the city formed a task force on county towns"
    entity: City {n}
    period: May 2024

  - id: renewals_{n}
    kind: figure
    quote: "Last year, the housing office started {renewals} projects"
    entity: City {n} housing office
    period: last year
    value:
      printed: {renewals} projects
      exact: true
    note: >-
      A count of projects started is exact: the office lists every project by name in its
      yearly report, so the figure is not rounded.

  - id: renewal_money_{n}
    kind: conversion
    quote: "worth {yuan} billion yuan (${dollars} billion) in all"
    entity: City {n} housing office
    period: last year
    amount: {yuan} billion yuan
    converted: ${dollars} billion
    note: >-
      The dollar figure is the newspaper's conversion, not the speaker's; the newspaper
      converts at the rate of the day before publication, as its style guide asks.

  - id: pilot_{n}
    kind: event
    quote: "A county of the city was named a pilot site for county planning in 2023"
    entity: City {n} county
    period: "2023"

  - id: fair_{n}
    kind: event
    quote: "In September last year, a fair on liveable towns was held there"
    entity: City {n} county
    period: September last year

  - id: output_share_{n}
    kind: share
    quote: "the output of its county-level regions was {share} percent of the city's total"
    entity: City {n}
    share: {share} percent
    note: >-
      The county-level regions are the city's counties and its county-level city; the rest of
      the output is the city's districts, which the article does not name.

  - id: regions_{n}
    kind: figure
    quote: "the output of its {regions_word} county-level regions"
    entity: City {n}
    value: {regions_word} county-level regions

  - id: industries_{n}
    kind: figure
    quote: "building up one to three leading industries in each county"
    entity: City {n} counties
    value: one to three leading industries

  - id: town_visitors_{n}
    kind: change
    quote: "In 2024, the old town drew more than {visitors} million visitors, a {growth} percent increase"
    entity: Old town {n}
    period: "2024"
    value: more than {visitors} million visitors
    rate: {growth} percent
    direction: increase

  - id: studios_{n}
    kind: figure
    quote: "{studios} painting sites in the county's art park"
    entity: Art park {n}
    value: {studios} painting sites

  - id: studio_income_{n}
    kind: figure
    quote: "earned around {income} million yuan in income"
    entity: Art park {n}
    value: around {income} million yuan in income

  - id: foreign_visitors_{n}
    kind: figure
    quote: "The old town attracted nearly {foreign} foreign visitors last year"
    entity: Old town {n}
    period: last year
    value: nearly {foreign} foreign visitors

  - id: city_visitors_{n}
    kind: change
    quote: "The city hosted {city_visitors} million domestic visitors last year, up {city_growth} percent"
    entity: City {n}
    period: last year
    value: {city_visitors} million domestic visitors
    rate: {city_growth} percent

  - id: city_income_{n}
    kind: change
    quote: "with tourism income reaching {city_income} billion yuan, up {income_growth} percent"
    entity: City {n}
    period: last year
    value: {city_income} billion yuan
    rate: {income_growth} percent

references:
  - id: town_report_{n}
    kind: change
    quote: "The old town received {report_visitors} million visits in 2024, up {growth} percent"
    entity: Old town {n} scenic area
    period: "2024"
    value: {report_visitors} million visits
    rate: {growth} percent
    source:
      title: Old town {n} annual report
      publisher: County {n}
    note: >-
      A figure of the scenic area, which the article gives for the whole old town; the report
      counts visits with a ticket, the article may count every visitor.

  - id: city_gdp_{n}
    kind: figure
    quote: "The city's gross domestic product in 2024 was {gdp} billion yuan"
    entity: City {n}
    period: "2024"
    value: {gdp} billion yuan
    source:
      title: City {n} statistical communique for 2024
      publisher: City {n}

  - id: divisions_{n}
    kind: total
    quote: "It has {districts} districts, 1 county-level city and {counties} counties: {divisions} divisions"
    entity: City {n}
    parts:
      - printed: {districts} districts
        exact: true
      - printed: 1 county-level city
        exact: true
      - printed: {counties} counties
        exact: true
    total:
      printed: {divisions} divisions
      exact: true
    source:
      title: Divisions of City {n}
      publisher: City {n}

checks:
  - id: yuan_per_dollar_{n}
    kind: ratio
    description: yuan per US dollar implied by the conversion
    numerator: renewal_money_{n}.amount
    denominator: renewal_money_{n}.converted
    unit: CNY/USD

  - id: money_per_project_{n}
    kind: ratio
    description: average investment per project
    numerator: renewal_money_{n}.amount
    denominator: renewals_{n}
    unit: CNY/project

  - id: income_per_studio_{n}
    kind: ratio
    description: average income per painting site of the art park
    note: >-
      The income may include sales of the park's shop and tickets, which no single site earns;
      the average is then an upper estimate.
    numerator: studio_income_{n}
    denominator: studios_{n}
    unit: CNY/site

  - id: income_per_visitor_{n}
    kind: ratio
    description: tourism income per domestic visitor last year
    numerator: city_income_{n}
    denominator: city_visitors_{n}
    unit: CNY/visit
    note: Income counts every visitor, the visitors only domestic ones, so this is an upper estimate.

  - id: income_per_visitor_before_{n}
    kind: ratio
    description: tourism income per domestic visitor the year before, from the figures the two changes imply
    numerator: city_income_{n}.previous
    denominator: city_visitors_{n}.previous

  - id: income_per_visitor_growth_{n}
    kind: formula
    description: growth of income per visitor
    formula: (1 + city_income_{n}.rate) / (1 + city_visitors_{n}.rate) - 1
    unit: percent
    note: >-
      From the two growth rates rather than the two per-visitor figures, which share their
      inputs and would widen the interval for no reason.

  - id: town_share_of_city_{n}
    kind: ratio
    description: the old town's visitors as a share of the city's
    numerator: town_visitors_{n}
    denominator: city_visitors_{n}
    unit: percent
    note: >-
      The old town counts visitors of every origin, the city only domestic ones; both count
      person-trips, so one person coming twice is counted twice.

  - id: town_within_city_{n}
    kind: comparison
    description: the old town is part of the city, so it cannot have more visitors than the city has tourists
    note: >-
      Only true if both figures count the same kind of visit; the old town's figure may include
      foreign visitors, which the city's does not.
    left: town_visitors_{n}
    relation: "<="
    right: city_visitors_{n}

  - id: foreign_share_{n}
    kind: ratio
    description: foreign visitors as a share of the old town's visitors
    numerator: foreign_visitors_{n}
    denominator: town_visitors_{n}
    unit: percent

  - id: visitors_match_report_{n}
    kind: match
    description: the article's old town visitors against the report's visits
    figure: town_visitors_{n}
    reference: town_report_{n}
    note: >-
      The report counts the scenic area, while the article says the old town.

  - id: growth_match_report_{n}
    kind: match
    description: the article's growth of the old town's visitors against the growth the report gives
    note: Both growth rates are rounded to whole percents.
    figure: town_visitors_{n}.rate
    reference: town_report_{n}.rate

  - id: before_match_report_{n}
    kind: match
    description: the article's open-ended earlier visitors against the report's
    figure: town_visitors_{n}.previous
    reference: town_report_{n}.previous
    note: The report's figure narrows the implied earlier visitors.

  - id: county_output_{n}
    kind: formula
    description: output of the county-level regions, from the share of the GDP
    formula: output_share_{n}.share * city_gdp_{n}
    unit: CNY

  - id: district_output_{n}
    kind: formula
    description: output left to the districts, from the share of the GDP the article gives
    note: >-
      The districts are not named in the article; their output is what the county-level
      regions leave of the city's gross domestic product.
    formula: output_share_{n}.rest_share * city_gdp_{n}
    unit: CNY

  - id: counties_and_city_{n}
    kind: formula
    description: the counties and the county-level city, without the districts
    formula: divisions_{n}.part_2 + divisions_{n}.part_3

  - id: regions_are_counties_{n}
    kind: match
    description: the article's county-level regions against the counties and the county-level city
    figure: regions_{n}
    reference: counties_and_city_{n}

  - id: regions_fewer_than_divisions_{n}
    kind: comparison
    description: the county-level regions are fewer than all divisions, so the districts are left out
    left: regions_{n}
    relation: "<"
    right: divisions_{n}.total
"""

NUMBER_WORDS = ("five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen")


def claim_file_text(n: int, rng: random.Random) -> str:
    """One claim file, its figures drawn from ``rng``: like published articles, most add up and
    about one file in ten has a slip (a wrong count, a conversion at an old rate)."""
    yuan = round(rng.uniform(5, 90), 1)
    counties = rng.randint(4, 11)
    districts = rng.randint(1, 4)
    visitors = rng.randint(2, 30)
    growth = rng.randint(3, 30)
    return TEMPLATE.format(
        n=n,
        small=rng.choice(("1", "1.5", "2", "0.8")),
        cover=rng.randint(85, 99),
        projects=f"{rng.randint(1, 3)},{rng.randint(0, 9)}00",
        renewals=rng.randint(50, 400),
        yuan=yuan,
        # Near the ECB rate of 2025-03-10, within the rate window, but not always within tolerance.
        dollars=round(yuan / (7.1 if rng.random() < 0.05 else 7.2585), 2),
        share=rng.randint(60, 95),
        regions_word=NUMBER_WORDS[counties - 4] if rng.random() < 0.95 else NUMBER_WORDS[counties - 3],
        visitors=visitors,
        growth=growth,
        studios=rng.randint(2, 40) * 10,
        income=rng.randint(5, 90),
        foreign=f"{rng.randint(10, 90)},000",
        city_visitors=rng.randint(visitors + 5, 120),
        city_growth=round(rng.uniform(2, 25), 1),
        city_income=round(rng.uniform(20, 150), 1),
        income_growth=round(rng.uniform(2, 35), 1),
        report_visitors=f"{visitors}.{rng.randint(0, 99):02d}",
        gdp=f"{rng.randint(100, 900)}.{rng.randint(0, 99):02d}",
        districts=districts,
        counties=counties,
        divisions=counties + 1 + districts,
    )


def write_corpus(folder: Path, files: int) -> list[Path]:
    rng = random.Random(20250311)
    paths = []
    for index in range(files):
        path = folder / f"article-{index:05d}.yaml"
        path.write_text(claim_file_text(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def best_cpu(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The least CPU time of ``runs`` calls of ``action``, and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = action()
        best = min(best, time.process_time() - start)
    return best, result


def phases(paths: list[Path], runs: int) -> tuple[float, float]:
    """Time each phase of verification in this process; returns (total CPU s, floor CPU s)."""
    import yaml

    from claimcheck import batch, engine, loader, yamlsource
    from claimcheck.formats import RenderOptions, output_format

    # absent in older versions, which this compares with
    tune = getattr(batch, "tune_gc_for_batch", None) or getattr(engine, "tune_gc_for_batch", None)
    if tune is not None:
        tune()  # as the command line does
    options = RenderOptions()
    json_format = output_format("json")
    claims = len(paths) * CLAIMS_PER_FILE

    read_s, raws = best_cpu(lambda: [loader.read_regular_file(path, 10**7) for path in paths], runs)
    decode_s, texts = best_cpu(lambda: [yamlsource.decode(raw) for raw in raws], runs)
    parse_s, documents = best_cpu(lambda: [yamlsource.parse(text) for text in texts], runs)
    records_s, files = best_cpu(
        lambda: [loader._Loader(path, doc).load() for path, doc in zip(paths, documents, strict=True)], runs
    )
    problems = sum(len(claim_file.problems) for claim_file in files)
    verify_s, reports = best_cpu(lambda: [engine.verify(claim_file) for claim_file in files], runs)
    # The likely-cause search runs only for files with an inconsistent record: timed apart.
    searched = [
        claim_file
        for claim_file, report in zip(files, reports, strict=True)
        if any(result.verdict.name == "INCONSISTENT" for result in report.results)
    ]
    searched_ids = {id(claim_file) for claim_file in searched}
    fitting = [claim_file for claim_file in files if id(claim_file) not in searched_ids]
    fits_s, _ = best_cpu(lambda: [engine.verify(claim_file) for claim_file in fitting], runs)
    searched_s, _ = best_cpu(lambda: [engine.verify(claim_file) for claim_file in searched], runs)
    render_s, _ = best_cpu(lambda: [json_format.render_file(report, options) for report in reports], runs)
    floor_s, _ = best_cpu(lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts], runs)

    total = read_s + decode_s + parse_s + records_s + verify_s + render_s
    print(f"(a) phases, CPU time, best of {runs}, {len(paths):,} files, {claims:,} claims")
    for name, seconds in (
        ("read", read_s),
        ("decode", decode_s),
        ("yaml compose + document", parse_s),
        ("records (loader)", records_s),
        ("verify (engine)", verify_s),
        ("render (json)", render_s),
    ):
        print(f"    {name:26} {seconds * 1000:8.1f} ms  {100 * seconds / total:5.1f} %")
    print(f"    {'total':26} {total * 1000:8.1f} ms  {claims / total:8,.0f} claims/s")
    print(
        f"    per file: {total / len(paths) * 1000:.2f} ms; verify {_per_file(fits_s, fitting)} where"
        f" every record fits ({len(fitting)} files), {_per_file(searched_s, searched)} with the"
        f" likely-cause search ({len(searched)} files)"
    )
    if problems:
        print(f"    (the corpus has {problems} load problems: fix the generator)")
    print(f"(b) PyYAML CSafeLoader floor {floor_s * 1000:8.1f} ms  {claims / floor_s:8,.0f} claims/s")
    print(f"    in-process total / floor  {total / floor_s:8.2f}")
    return total, floor_s


def _per_file(seconds: float, files: list[Any]) -> str:
    return f"{seconds / len(files) * 1000:.2f} ms" if files else "-"


def no_cache() -> list[str]:
    """``--no-cache`` where the measured claimcheck has a results cache: this is the cold path."""
    shown = subprocess.run(
        [*claimcheck_command(), "verify", "--help"], capture_output=True, text=True, check=False
    )
    return ["--no-cache"] if "--no-cache" in shown.stdout else []


def command_line(folder: Path, files: int, jobs: list[int], runs: int, floor_s: float) -> None:
    """Wall time (what a user waits) and CPU time of all processes (steadier on a busy machine)."""
    claims = files * CLAIMS_PER_FILE
    print(f"(c) command line, verify --format json (cold), median of {runs}; ratios to the parse floor")
    cold = no_cache()
    for count in jobs:
        command = [*claimcheck_command(), "verify", *cold, "--format", "json", "-j", str(count), str(folder)]
        walls, cpus = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), children_cpu()
            completed = subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
            )
            walls.append(time.perf_counter() - start)
            cpus.append(children_cpu() - start_cpu)
            if completed.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed: {completed.stderr.decode()}")
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"    -j {count}  wall {wall * 1000:8.1f} ms  {claims / wall:8,.0f} claims/s"
            f"  {wall / floor_s:5.2f} x"
            f"   CPU {cpu * 1000:8.1f} ms  {claims / cpu:8,.0f} claims/CPU-s  {cpu / floor_s:5.2f} x"
        )


def startup(runs: int) -> None:
    """`claimcheck verify claims/` (text) against `python -c "import typer, rich.table, pint"`."""
    compile_bytecode()
    verify = [*claimcheck_command(), "verify", *no_cache(), "claims/"]
    baseline = [sys.executable, "-c", "import typer, rich.table, pint"]
    root = Path(__file__).resolve().parent.parent
    measured: dict[str, tuple[list[float], list[float]]] = {"verify": ([], []), "baseline": ([], [])}
    for index in range(runs + 1):  # the first round warms the caches and is not counted
        for name, command in (("verify", verify), ("baseline", baseline)):
            start, start_cpu = time.perf_counter(), children_cpu()
            subprocess.run(
                command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            if index:
                measured[name][0].append(time.perf_counter() - start)
                measured[name][1].append(children_cpu() - start_cpu)
    (ours_wall, ours_cpu), (base_wall, base_cpu) = (
        (statistics.median(walls), statistics.median(cpus)) for walls, cpus in measured.values()
    )
    print(f"(d) start-up, median of {runs} interleaved runs: wall, CPU (user + system)")
    rows = (
        ("claimcheck verify claims/", ours_wall, ours_cpu),
        ("python -c 'import typer, rich.table, pint'", base_wall, base_cpu),
    )
    for label, wall, cpu in rows:
        print(f"    {label:44} {wall * 1000:6.1f} ms  {cpu * 1000:6.1f} ms")
    print(f"    {'ratio (target <= 1.3)':44} {ours_wall / base_wall:6.2f}     {ours_cpu / base_cpu:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--no-phases", action="store_true", help="Only the command-line figures.")
    parser.add_argument("--profile", type=Path, help="Write a cProfile of one in-process pass here.")
    parser.add_argument("--keep", type=Path, help="Write the corpus to this folder and keep it.")
    parser.add_argument(
        "--folder",
        type=Path,
        help="Measure the first --files claim files of this folder instead (an archive.py corpus).",
    )
    parser.add_argument(
        "--startup", type=int, metavar="RUNS", help="Only the start-up figures, of RUNS runs."
    )
    arguments = parser.parse_args()
    if arguments.startup:
        startup(arguments.startup)
        return
    with tempfile.TemporaryDirectory() as directory:
        folder = arguments.keep or Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        if arguments.folder is not None:
            folder = arguments.folder
            paths = sorted(path for path in folder.glob("*.y*ml") if path.suffix in (".yaml", ".yml"))
            paths = paths[: arguments.files]
            if not paths:
                raise SystemExit(f"no claim files (*.yaml, *.yml) directly in {folder}")
        else:
            paths = write_corpus(folder, arguments.files)
        size = sum(path.stat().st_size for path in paths) / len(paths)
        print(
            f"corpus: {len(paths):,} files of {size / 1024:.1f} KB,"
            f" {CLAIMS_PER_FILE} claims and 17 checks each"
        )
        if arguments.profile:
            import cProfile

            from claimcheck.batch import check_file
            from claimcheck.formats import RenderOptions

            cProfile.runctx(
                "[check_file(path, 'json', RenderOptions()) for path in paths]",
                {"check_file": check_file, "RenderOptions": RenderOptions, "paths": paths},
                {},
                str(arguments.profile),
            )
        floor_s = float("nan")
        if not arguments.no_phases:
            _, floor_s = phases(paths, arguments.runs)
        else:
            import yaml

            texts = [path.read_text(encoding="utf-8") for path in paths]
            floor_s, _ = best_cpu(
                lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts], arguments.runs
            )
        # What the command line checks: every claim file below the folder.
        every = sum(1 for path in folder.rglob("*.y*ml") if path.suffix in (".yaml", ".yml"))
        # The floor of as many files as the command line checks.
        command_line(folder, every, arguments.jobs, arguments.runs, floor_s * every / len(paths))


if __name__ == "__main__":
    main()
