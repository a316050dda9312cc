"""The concrete tour-of-duty plan shown when a tour is the leaning, or a close runner-up."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from stepback.core.outcomes import SKIP

if TYPE_CHECKING:
    from stepback.core.models import Bank, TourPlan
    from stepback.core.scoring import Score


class Plan(NamedTuple):
    problem: str | None  # the user's own answer to the bank's "what is it for" question
    months_min: int
    months_max: int
    start: dt.date
    check_in: dt.date  # halfway through the shortest time box
    review_date: dt.date  # the end of the shortest time box: hand back, or extend once
    handback: tuple[str, ...]
    validate_first: tuple[str, ...]  # empty when the answers say lead work was tried already
    source: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def wants_plan(scored: Score) -> bool:
    """A tour leaning, or a tour tied with the leaning in a close call."""
    return scored.enough_answers and "tour" in scored.tied


def tour_plan(bank: Bank, scored: Score, today: dt.date) -> Plan | None:
    if bank.tour_plan is None or not wants_plan(scored):
        return None
    plan = bank.tour_plan
    return Plan(
        problem=_problem(bank, scored.answers, plan.problem_question),
        months_min=plan.months_min,
        months_max=plan.months_max,
        start=today,
        check_in=add_months(today, plan.months_min // 2),
        review_date=add_months(today, plan.months_min),
        handback=tuple(plan.handback),
        validate_first=() if _validated(plan, scored.answers) else tuple(plan.validate_first),
        source=plan.source,
    )


def _validated(plan: TourPlan, answers: Mapping[str, str]) -> bool:
    tried = plan.already_validated
    return tried is not None and answers.get(tried.question) in tried.choices


def _problem(bank: Bank, answers: Mapping[str, str], question_id: str | None) -> str | None:
    if question_id is None or answers.get(question_id, SKIP) == SKIP:
        return None
    return bank.question(question_id).choice(answers[question_id]).label
