"""Everything the report says about a set of answers, computed once: the score, how stable
it is, what would flip it, the warnings, and the tour plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.analysis import AnswerWarning, Flip, all_warnings, stability, strength
from stepback.gc_pause import collector_paused
from stepback.scorer import Result, score
from stepback.tour_plan import Plan, tour_plan

if TYPE_CHECKING:
    from stepback.models import Bank


class Assessment(NamedTuple):
    result: Result
    stability: float
    strength: str
    flips: list[Flip]
    warnings: list[AnswerWarning]
    plan: Plan | None


def assess(bank: Bank, answers: Mapping[str, str], today: dt.date | None = None) -> Assessment:
    # Scoring and rescoring every one-step change allocate many short-lived objects and no
    # reference cycles; with a large bank in memory each cyclic collection would walk all of
    # it, making the analysis grow faster than the bank.
    with collector_paused():
        result = score(bank, answers)
        stable = stability(bank, result)
        warnings = all_warnings(bank, result.answers)
    return Assessment(
        result=result,
        stability=stable.share,
        strength=strength(result, stable.share, len(warnings)),
        flips=stable.flips,
        warnings=warnings,
        plan=tour_plan(bank, result, today or dt.date.today()),
    )
