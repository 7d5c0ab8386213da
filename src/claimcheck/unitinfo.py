"""What ``claimcheck units`` says: the vocabulary listed, and how one word or figure is read."""

from __future__ import annotations

from pathlib import Path

from claimcheck import rules
from claimcheck.figures import FigureError, ReadingContext, read_figure
from claimcheck.units import UnknownUnitError, format_unit, parse_unit
from claimcheck.vocabulary import DEFAULT, Vocabulary, listing


def reading_context(claim_file: Path | None) -> ReadingContext:
    """The context a claim file's figures are read in; the project's when no file is named.

    Raises ``ValueError`` with the reason when the file or the configuration cannot be used.
    """
    if claim_file is not None:
        from claimcheck.loader import load_claim_file

        loaded = load_claim_file(claim_file)
        fatal = (rules.FILE_UNREADABLE, rules.YAML_INVALID, rules.CONFIG_INVALID)
        unusable = [problem for problem in loaded.problems if problem.code in fatal]
        if unusable:
            problem = unusable[0]
            raise ValueError(str(problem))
        return loaded.context
    from claimcheck.config import config_in

    config = config_in(Path.cwd())
    return ReadingContext(config.locale, config.currency_hints, DEFAULT.declare(config.declarations))


def list_units(context: ReadingContext) -> str:
    """Every unit known in ``context``, grouped, one line each."""
    lines: list[str] = []
    rates = _rate_currencies()
    for group, entries in listing(context.vocabulary).items():
        lines.append(f"{group}:")
        for entry in entries:
            words = ", ".join(entry.words)
            if group == "currencies":
                note = "" if entry.canonical in rates else " (no reference rates: conversions unverifiable)"
                lines.append(f"  {entry.canonical}: {words}{note}")
            elif group == "ambiguous":
                default = f"{entry.origin}; " if entry.origin else ""
                lines.append(f"  {entry.canonical}: {words} ({default}set currency_hints or locale)")
            elif group == "declared":
                lines.append(f"  {entry.canonical} = {words}   [{entry.origin}]")
            else:
                lines.append(f"  {entry.canonical}: {words}")
    return "\n".join(lines)


def describe(word: str, context: ReadingContext) -> tuple[str, bool]:
    """How ``word`` is read: as a unit, else as a whole figure; and whether it was understood."""
    vocabulary: Vocabulary = context.vocabulary
    term = vocabulary.term(word)
    if term is not None:
        kind = {"noun": "a counted noun", "currency": "a currency", "unit": "a unit"}[term.kind]
        factor = "" if term.factor == 1 else f"{term.factor} x "
        origin = "" if term.origin == "claimcheck" else f", declared in {term.origin}"
        return f"{word!r} is {kind}: {factor}{term.canonical}{origin}", True
    try:
        unit = parse_unit(word, vocabulary)
        return f"{word!r} is the unit {format_unit(unit) or 'of a plain number'}", True
    except UnknownUnitError:
        pass
    try:
        reading = read_figure(word, None, context)
    except (FigureError, UnknownUnitError) as error:
        close = vocabulary.suggest(word)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close and " " not in word else ""
        return f"{word!r} is not a unit, and as a figure: {error}{hint}", False
    from claimcheck.display import format_interval

    steps = "\n".join(f"  {step}" for step in reading.steps)
    unit = format_unit(reading.unit) or "a plain number"
    return f"{word!r} is a figure: {format_interval(reading.interval)} {unit}\n{steps}", True


def _rate_currencies() -> set[str]:
    from claimcheck.rates import RatesUnavailableError, data_info

    try:
        return set(data_info().currencies)
    except RatesUnavailableError:
        return set()
