"""The registry of check kinds: adding a check is adding a module and a line here."""

from __future__ import annotations

from claimcheck.checks import comparison, formula, match, ratio, same_rate
from claimcheck.checks.base import CheckKind

CHECK_KINDS: dict[str, CheckKind] = {
    kind.name: kind for kind in (ratio.KIND, comparison.KIND, formula.KIND, match.KIND, same_rate.KIND)
}

__all__ = ["CHECK_KINDS", "CheckKind"]
