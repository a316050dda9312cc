"""Everything the report says about a set of answers: the score, how far to trust it, the
warnings and the tour plan. Each part is computed once, here, for every output format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.confidence import (
    AnswerWarning,
    Flip,
    all_warnings,
    answer_sensitivity,
    strength,
)
from stepback.core.quotes import choose_quotes
from stepback.core.scoring import Score, score
from stepback.core.sensitivity import ModelSupport, model_support
from stepback.core.tour_plan import Plan, tour_plan

if TYPE_CHECKING:
    from stepback.core.models import Bank, Quote


class Assessment(NamedTuple):
    score: Score
    stability: float  # share of one-step answer changes that keep the leaning
    strength: str
    flips: tuple[Flip, ...]
    warnings: tuple[AnswerWarning, ...]
    quotes: tuple[Quote, ...]
    plan: Plan | None
    support: ModelSupport | None  # None for a bank too large to sample quickly


def assess(bank: Bank, answers: Mapping[str, str], today: dt.date | None = None) -> Assessment:
    scored = score(bank, answers)
    sensitivity = answer_sensitivity(bank, scored)
    warnings = tuple(all_warnings(bank, scored.answers))
    support = model_support(bank, scored)
    return Assessment(
        score=scored,
        stability=sensitivity.share_kept,
        strength=strength(
            scored, sensitivity.share_kept, len(warnings), 1.0 if support is None else support.share
        ),
        flips=sensitivity.flips,
        warnings=warnings,
        quotes=tuple(choose_quotes(bank, scored)),
        plan=tour_plan(bank, scored, today or dt.date.today()),
        support=support,
    )
