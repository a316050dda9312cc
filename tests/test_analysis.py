"""Stability, flips, contradictions, strength and the tour plan."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepback.core.assessment import assess
from stepback.core.confidence import (
    all_warnings,
    answer_sensitivity,
    consistency_warnings,
    strength,
)
from stepback.core.scoring import score
from stepback.core.tour_plan import add_months
from tests.helpers import core_bank, examples
from tests.strategies import answer_sets


def _neighbour_changes(answers: dict[str, str]) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []
    for question in core_bank().asked(answers[core_bank().role_question]):
        if question.id == core_bank().role_question:
            continue
        keys = [c.key for c in question.choices]
        index = keys.index(answers[question.id])
        changes.extend((question.id, keys[n]) for n in (index - 1, index + 1) if 0 <= n < len(keys))
    return changes


@settings(max_examples=examples(100), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank())))
def test_flips_are_exactly_the_changes_that_flip(answers: dict[str, str]) -> None:
    """Rescoring every one-step change from scratch agrees with the incremental analysis."""
    result = score(core_bank(), answers)
    found = answer_sensitivity(core_bank(), result)
    flipped = {}
    changes = _neighbour_changes(answers)
    for question_id, key in changes:
        rescored = score(core_bank(), {**answers, question_id: key})
        if rescored.leaning != result.leaning:
            flipped[(question_id, key)] = rescored.leaning
    assert {(f.question, f.to_key): f.leaning for f in found.flips} == flipped
    assert found.changes == len(changes)
    assert found.share_kept == pytest.approx(1 - len(flipped) / len(changes))
    sizes = [f.size for f in found.flips]
    assert sizes == sorted(sizes)


@settings(max_examples=examples(100), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank())))
def test_stability_is_one_exactly_when_nothing_flips(answers: dict[str, str]) -> None:
    """Stability 1.0 means no single change flips, and the other way round."""
    found = answer_sensitivity(core_bank(), score(core_bank(), answers))
    assert (found.share_kept == 1.0) == (not found.flips)


@settings(max_examples=examples(200), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank())), data=st.data())
def test_an_inconsistent_pair_always_warns(answers: dict[str, str], data: st.DataObject) -> None:
    """Answering a consistency pair against its relation always produces a warning."""
    asked = set(answers)
    pairs = [p for p in core_bank().consistency if p.a in asked and p.b in asked]
    pair = data.draw(st.sampled_from(pairs))
    by_id = {q.id: q for q in core_bank().questions}
    first, second = by_id[pair.a].choices, by_id[pair.b].choices
    side = data.draw(st.sampled_from([0, -1]))  # agree-side or disagree-side
    answers[pair.a] = first[side].key
    # "opposite" pairs contradict on the same side; "same" pairs on opposite sides.
    answers[pair.b] = second[side if pair.relation == "opposite" else -1 - side].key
    warned = consistency_warnings(core_bank(), answers)
    assert any(set(w.questions) == {pair.a, pair.b} for w in warned)


def test_bank_declares_enough_consistency_pairs() -> None:
    """The default bank has at least four pairs to check answers against."""
    assert len(core_bank().consistency) >= 4


def _everywhere(position: int) -> dict[str, str]:
    answers = {core_bank().role_question: "lead"}
    for question in core_bank().asked("lead")[1:]:
        answers[question.id] = question.choices[position].key
    return answers


def test_straight_lining_warns() -> None:
    """The first option everywhere is flagged as straight-lining."""
    warnings = all_warnings(core_bank(), _everywhere(0))
    assert [w.kind for w in warnings if w.kind == "straight_lining"] == ["straight_lining"]


def test_varied_answers_do_not_straight_line() -> None:
    """A persona with varied answers gets no straight-lining note."""
    from stepback.files.answers import load_answers
    from tests.helpers import PERSONAS

    answers = load_answers(str(PERSONAS / "004_hans_baker.toml"), core_bank())
    assert all_warnings(core_bank(), answers) == []


@pytest.mark.parametrize(
    ("margin", "share", "warnings", "expected"),
    [
        (0.30, 1.0, 0, "strong"),
        (0.30, 1.0, 1, "moderate"),
        (0.30, 0.8, 0, "moderate"),
        (0.10, 1.0, 0, "moderate"),
        (0.10, 1.0, 2, "fragile"),
        (0.30, 0.5, 0, "fragile"),
        (0.06, 1.0, 0, "fragile"),
        (0.06, 1.0, 1, "fragile"),
        (0.01, 1.0, 0, "too close to call"),
    ],
)
def test_strength_levels(margin: float, share: float, warnings: int, expected: str) -> None:
    """Margin and stability set the level; warnings lower it by one; close calls say so."""
    from stepback.core.scoring import CLOSE_CALL_MARGIN

    result = score(core_bank(), _everywhere(1))._replace(
        margin=margin, close_call=margin < CLOSE_CALL_MARGIN
    )
    assert strength(result, share, warnings) == expected


def test_all_neutral_is_too_close_to_call() -> None:
    """The middle everywhere gives no signal: too close to call, naming all three outcomes,
    and a straight-lining note."""
    assessment = assess(core_bank(), _everywhere(2))
    assert assessment.score.close_call
    assert assessment.score.tied == ("ic", "manager", "tour")
    assert assessment.strength == "too close to call"
    assert [w.kind for w in assessment.warnings] == ["straight_lining"]
    assert "the middle choice" in assessment.warnings[0].message


def test_tour_plan_dates_from_today() -> None:
    """A tour leaning gets a plan whose review date is the shortest time box from today."""
    from tests.strategies import leaning_answers

    answers = leaning_answers(core_bank(), "ic", "tour")
    today = dt.date(2026, 1, 31)
    assessment = assess(core_bank(), answers, today)
    assert assessment.score.leaning == "tour"
    plan = assessment.plan
    assert plan is not None
    tour_plan = core_bank().tour_plan
    assert tour_plan is not None
    assert plan.review_date == add_months(today, tour_plan.months_min)
    assert plan.handback
    assert plan.validate_first


def test_no_plan_for_a_clear_ic_leaning() -> None:
    """An IC leaning with tour far behind gets no tour plan."""
    from tests.strategies import leaning_answers

    assessment = assess(core_bank(), leaning_answers(core_bank(), "director", "ic"))
    assert assessment.score.leaning == "ic"
    assert assessment.plan is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 21), 12, dt.date(2027, 11, 21)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 12, 15), 18, dt.date(2028, 6, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    """Month arithmetic clamps to the month's last day and rolls years."""
    assert add_months(day, months) == expected
