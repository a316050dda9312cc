"""Properties of the scorer, over the bundled bank and the small test bank."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepback.core.models import Bank
from stepback.core.outcomes import OUTCOMES, OutcomeId
from stepback.core.scoring import CLOSE_CALL_MARGIN, answer_contributions, score
from tests.helpers import MINIMAL_BANK, core_bank, examples
from tests.strategies import answer_sets, leaning_answers

BANKS = pytest.mark.parametrize(
    "bank", ["core", "quick", str(MINIMAL_BANK)], ids=["core", "quick", "minimal"], indirect=True
)


@BANKS
@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_scores_stay_in_range(bank: Bank, data: st.DataObject) -> None:
    """Every factor and outcome score lies in [-1, 1], and the margin is the lead over #2."""
    result = score(bank, data.draw(answer_sets(bank)))
    assert all(-1.0 <= s <= 1.0 for s in result.factors.values())
    assert all(-1.0 <= s <= 1.0 for s in result.outcomes.values())
    ordered = sorted(result.outcomes.values(), reverse=True)
    assert result.margin == pytest.approx(ordered[0] - ordered[1], abs=1e-9)
    assert result.margin >= 0
    assert result.outcomes[result.leaning] == pytest.approx(ordered[0], abs=1e-9)
    assert result.close_call == (result.margin < CLOSE_CALL_MARGIN)


@BANKS
@settings(max_examples=examples(100), deadline=None)
@given(data=st.data(), seed=st.integers())
def test_answer_order_does_not_matter(bank: Bank, data: st.DataObject, seed: int) -> None:
    """Shuffling the answers gives exactly the same result."""
    answers = data.draw(answer_sets(bank))
    items = list(answers.items())
    random.Random(seed).shuffle(items)
    assert score(bank, dict(items)) == score(bank, answers)


@BANKS
@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_contributions_add_up_to_outcome_scores(bank: Bank, data: st.DataObject) -> None:
    """What explain shows per answer adds up exactly to each outcome score."""
    answers = data.draw(answer_sets(bank))
    result = score(bank, answers)
    rows = answer_contributions(score(bank, answers))
    for outcome in OUTCOMES:
        assert sum(shares[outcome] for _, _, shares in rows) == pytest.approx(
            result.outcomes[outcome], abs=1e-9
        )


@BANKS
@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_drivers_push_toward_the_leaning(bank: Bank, data: st.DataObject) -> None:
    """Drivers are answers actually given, largest first, each adding to the lead."""
    answers = data.draw(answer_sets(bank))
    result = score(bank, answers)
    contributions = [d.contribution for d in result.drivers]
    assert contributions == sorted(contributions, reverse=True)
    for driver in result.drivers:
        assert answers[driver.question] == driver.choice
        assert driver.contribution > 0


@BANKS
@pytest.mark.parametrize("outcome", OUTCOMES)
def test_each_outcome_is_reachable(bank: Bank, outcome: OutcomeId) -> None:
    """For every outcome some answer set leans to it, clearly."""
    results = [score(bank, leaning_answers(bank, role, outcome)) for role in bank.roles()]
    assert any(r.leaning == outcome and not r.close_call for r in results)


def test_all_neutral_answers_are_a_close_call() -> None:
    """Answering the neutral middle everywhere gives no signal, so no leaning is claimed."""
    answers = {core_bank().role_question: "ic"}
    for question in core_bank().questions[1:]:
        if question.roles is None or "ic" in question.roles:
            neutral = [c for c in question.choices if not any(c.effects.values())]
            answers[question.id] = neutral[0].key
    result = score(core_bank(), answers)
    assert result.margin == 0.0
    assert result.close_call
