"""The registry of claim kinds: adding a kind is adding a module and a line here."""

from __future__ import annotations

from claimcheck.kinds import bound, change, conversion, event, figure, share, total
from claimcheck.kinds.base import ClaimKind, Outcome

CLAIM_KINDS: dict[str, ClaimKind] = {
    kind.name: kind
    for kind in (
        figure.KIND,
        change.KIND,
        conversion.KIND,
        share.KIND,
        total.KIND,
        bound.KIND,
        event.KIND,
    )
}

__all__ = ["CLAIM_KINDS", "ClaimKind", "Outcome"]
