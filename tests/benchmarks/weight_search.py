"""Would tuning a bank's weights (the core bank's by default) on the calibration accounts help
on accounts it has not seen?

A grid search moves each of a few weights one step down, not at all, or one step up (within
the bounds a bank allows) and scores the calibration accounts under every combination. The
best combination always fits those accounts at least as well as the bank does; the question
is whether that is signal or fit. Leave-one-out answers it: for each account in turn, the
combination that scores best on all the others (among equals, the one that changes fewest
weights) is judged on the account left out. When the leave-one-out accuracy is no better
than the bank's own, a retuned bank would only fit the accounts it was tuned on.

    python -m tests.benchmarks.weight_search [--bank NAME|PATH] [--step 0.5]
        [--weight FACTOR.OUTCOME ...] [--json]

The held-out accounts are never read.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from stepback.core.models import WEIGHT_MAX, WEIGHT_MIN, Bank
from stepback.core.outcomes import OUTCOMES, OutcomeId
from stepback.core.scoring import score
from stepback.core.validation import clear_leaning
from stepback.files.answers import load_expected_answers
from stepback.files.banks import load_bank
from tests.helpers import ACCOUNTS

Weight = tuple[str, OutcomeId]  # (factor id, outcome)
Cases = Sequence[tuple[str, OutcomeId, dict[str, str]]]

# The weights the calibration misses turn on: how far the need for hands-on work, not
# wanting to lead for its own sake and disliking meetings count for IC work over a tour;
# how the stint and lasting-management questions split the three; how far a scaled problem
# and a place to return to count for a tour.
DEFAULT_WEIGHTS: tuple[Weight, ...] = (
    ("technical_stimulation", "tour"),
    ("leadership_fulfilment", "ic"),
    ("meeting_tolerance", "ic"),
    ("not_one_way", "ic"),
    ("lasting_management", "tour"),
    ("scaled_problem", "tour"),
    ("ic_track", "tour"),
)


class Setting(NamedTuple):
    values: tuple[float, ...]  # one per searched weight, in the order searched
    changes: int  # how many differ from the bank's own
    hits: tuple[bool, ...]  # per account: whether the clear leaning is what they chose


class Search(NamedTuple):
    weights: tuple[Weight, ...]
    base: tuple[float, ...]  # the bank's own values of ``weights``
    accounts: int
    settings: int
    bank_accuracy: float
    best: Setting
    best_accuracy: float
    leave_one_out_accuracy: float
    folds_keeping_bank: int  # folds whose best setting on the other accounts is the bank's own


def weight_of(bank: Bank, weight: Weight) -> float:
    factor, outcome = weight
    return next(f for f in bank.factors if f.id == factor).weights.of(outcome)


def with_weights(bank: Bank, weights: Sequence[Weight], values: Sequence[float]) -> Bank:
    """A copy of ``bank`` with each of ``weights`` set to the matching value."""
    updates: dict[str, dict[str, float]] = {}
    for (factor, outcome), value in zip(weights, values, strict=True):
        updates.setdefault(factor, {})[outcome] = value
    factors = [
        f.model_copy(update={"weights": f.weights.model_copy(update=updates[f.id])})
        if f.id in updates
        else f
        for f in bank.factors
    ]
    return bank.model_copy(update={"factors": factors})


def grid(base: Sequence[float], step: float) -> list[tuple[float, ...]]:
    """Every combination of each value moved by -step, 0 or +step, kept within the bounds a
    bank allows; the bank's own values come first."""

    def moved(value: float) -> set[float]:
        return {min(WEIGHT_MAX, max(WEIGHT_MIN, value + m)) for m in (-step, step)} - {value}

    options = [[value, *sorted(moved(value))] for value in base]
    return list(itertools.product(*options))


def hits(bank: Bank, cases: Cases) -> tuple[bool, ...]:
    return tuple(clear_leaning(score(bank, answers)) == chose for _, chose, answers in cases)


def choose(settings: Sequence[Setting], left_out: int | None = None) -> Setting:
    """The setting with the most hits (over every account but ``left_out``); among equals the
    one that changes fewest weights, then the first."""

    def fit(setting: Setting) -> tuple[int, int]:
        counted = sum(hit for i, hit in enumerate(setting.hits) if i != left_out)
        return (-counted, setting.changes)

    return min(settings, key=fit)


def leave_one_out(settings: Sequence[Setting]) -> tuple[float, int]:
    """The accuracy of tuning judged on each account left out, and how many of those folds
    keep the bank's own weights."""
    accounts = len(settings[0].hits)
    chosen = [choose(settings, left_out=i) for i in range(accounts)]
    right = sum(setting.hits[i] for i, setting in enumerate(chosen))
    return right / accounts, sum(setting.changes == 0 for setting in chosen)


def search(bank: Bank, cases: Cases, weights: Sequence[Weight], step: float) -> Search:
    base = tuple(weight_of(bank, w) for w in weights)
    settings = [
        Setting(
            values,
            sum(v != b for v, b in zip(values, base, strict=True)),
            hits(with_weights(bank, weights, values), cases),
        )
        for values in grid(base, step)
    ]
    best = choose(settings)
    loo_accuracy, keeping = leave_one_out(settings)
    return Search(
        weights=tuple(weights),
        base=base,
        accounts=len(cases),
        settings=len(settings),
        bank_accuracy=sum(settings[0].hits) / len(cases),
        best=best,
        best_accuracy=sum(best.hits) / len(cases),
        leave_one_out_accuracy=loo_accuracy,
        folds_keeping_bank=keeping,
    )


def figures(result: Search) -> dict[str, Any]:
    changed = {
        f"{factor}.{outcome}": value
        for (factor, outcome), value, own in zip(
            result.weights, result.best.values, result.base, strict=True
        )
        if value != own
    }
    return {
        "accounts": result.accounts,
        "settings": result.settings,
        "bank_accuracy": round(result.bank_accuracy, 3),
        "best_accuracy": round(result.best_accuracy, 3),
        "best_changes": changed,
        "leave_one_out_accuracy": round(result.leave_one_out_accuracy, 3),
        "folds_keeping_bank": result.folds_keeping_bank,
    }


def parse_weight(text: str) -> Weight:
    factor, _, outcome = text.partition(".")
    for known in OUTCOMES:
        if outcome == known:
            return factor, known
    raise argparse.ArgumentTypeError(f"{text}: expected FACTOR.OUTCOME, OUTCOME one of {OUTCOMES}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", default="core", help="a bundled bank or a bank file")
    parser.add_argument("--step", type=float, default=0.5, help="how far each weight moves")
    parser.add_argument(
        "--weight",
        type=parse_weight,
        action="append",
        help="a weight to search, as FACTOR.OUTCOME (repeat; default: seven of the core bank's)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    bank = load_bank(arguments.bank)
    weights = arguments.weight or DEFAULT_WEIGHTS
    for factor, _ in weights:
        if factor not in {f.id for f in bank.factors}:
            parser.error(f"{factor}: no such factor in {arguments.bank}")
    cases = load_expected_answers(ACCOUNTS / "calibration", bank)
    result = figures(search(bank, cases, weights, arguments.step))
    if arguments.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['settings']} settings of the weights of {arguments.bank} "
        f"{bank.version} over "
        f"{result['accounts']} calibration accounts:\n"
        f"  the bank as it is:        {result['bank_accuracy']:.0%}\n"
        f"  the best setting:         {result['best_accuracy']:.0%} "
        f"(changing {json.dumps(result['best_changes'])})\n"
        f"  tuning, leave-one-out:    {result['leave_one_out_accuracy']:.0%} "
        f"({result['folds_keeping_bank']} of {result['accounts']} folds keep the bank's weights)"
    )


if __name__ == "__main__":
    main()
