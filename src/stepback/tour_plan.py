"""The concrete tour-of-duty plan shown when a tour is the leaning, or a close runner-up."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from stepback.models import Bank
    from stepback.scorer import Result


class Plan(NamedTuple):
    problem: str | None  # the user's own answer to the bank's "what is it for" question
    months_min: int
    months_max: int
    start: dt.date
    review_date: dt.date  # the end of the shortest time box: hand back, or extend once
    handback: list[str]
    validate_first: list[str]
    source: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def wants_plan(result: Result) -> bool:
    """A tour leaning, or a tour runner-up in a close call."""
    return result.leaning == "tour" or (result.close_call and result.runner_up == "tour")


def tour_plan(bank: Bank, result: Result, today: dt.date) -> Plan | None:
    if bank.tour_plan is None or not wants_plan(result):
        return None
    plan = bank.tour_plan
    return Plan(
        problem=_problem(bank, result.answers, plan.problem_question),
        months_min=plan.months_min,
        months_max=plan.months_max,
        start=today,
        review_date=add_months(today, plan.months_min),
        handback=list(plan.handback),
        validate_first=list(plan.validate_first),
        source=plan.source,
    )


def _problem(bank: Bank, answers: Mapping[str, str], question_id: str | None) -> str | None:
    if question_id is None or question_id not in answers:
        return None
    question = next(q for q in bank.questions if q.id == question_id)
    return question.choice(answers[question_id]).label
