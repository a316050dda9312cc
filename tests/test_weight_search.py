"""The weight search's leave-one-out: a change that helps every account is chosen, one that
fits only the account it is judged on is not, and the grid and the weight copies do what
the figures say they do."""

from __future__ import annotations

from stepback.core.scoring import score
from tests.benchmarks.weight_search import (
    Setting,
    Weight,
    choose,
    grid,
    leave_one_out,
    weight_of,
    with_weights,
)
from tests.helpers import core_bank


def test_a_change_that_helps_every_account_survives_leave_one_out() -> None:
    """Each fold picks the change, and it is right on the account left out."""
    settings = [
        Setting((1.0,), 0, (True, False, False)),
        Setting((1.5,), 1, (True, True, True)),
    ]
    assert leave_one_out(settings) == (1.0, 0)


def test_a_change_that_fits_one_account_does_not() -> None:
    """A change fitted to one account is not chosen when that account is left out, so
    leave-one-out scores it below what it scores on every account at once."""
    settings = [
        Setting((1.0,), 0, (True, True, False)),
        Setting((1.5,), 1, (True, False, True)),
    ]
    # Leaving out account 0: a tie on the others, broken toward the bank: right.
    # Leaving out 1: the change wins on the others, and is wrong on 1.
    # Leaving out 2: the bank wins on the others, and is wrong on 2.
    assert leave_one_out(settings) == (1 / 3, 2)
    assert choose(settings) == settings[0]


def test_grid_starts_from_the_bank_and_stays_in_bounds() -> None:
    """A weight at the top of the range can only move down; the bank's values come first."""
    combinations = grid([2.0, 0.0], 0.5)
    assert combinations[0] == (2.0, 0.0)
    assert len(combinations) == 2 * 3
    assert all(-2.0 <= value <= 2.0 for combination in combinations for value in combination)


def test_with_weights_changes_only_the_weights_named() -> None:
    """The copy scores differently; the bank it came from is untouched."""
    bank = core_bank()
    weight: Weight = ("not_one_way", "tour")
    copy = with_weights(bank, [weight], [0.0])
    assert weight_of(copy, weight) == 0.0
    assert weight_of(bank, weight) == 2.0
    answers = {q.id: q.choices[0].key for q in bank.asked("ic")}
    answers[bank.role_question] = "ic"
    assert score(copy, answers).outcomes["tour"] != score(bank, answers).outcomes["tour"]
