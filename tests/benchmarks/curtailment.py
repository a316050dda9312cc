"""How many questions the quiz asks before the leaning is settled (deterministic curtailment).

Over the validation corpus (the core bank: the accounts answered in the bank's order, their
skips kept) and over seeded random answer sets (core and quick, every question answered), it
prints the mean number of questions asked before the leaning settled, the share of quizzes
that settled before the last question, and the distribution.

    python -m tests.benchmarks.curtailment [--samples N] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from collections.abc import Iterable
from typing import Any

from stepback.core.curtailment import settled_after
from stepback.core.models import Bank
from stepback.files.answers import load_answer_folder
from stepback.files.banks import load_bank
from tests.helpers import ACCOUNTS


def random_answer_sets(bank: Bank, count: int, seed: int = 7) -> Iterable[dict[str, str]]:
    rng = random.Random(seed)
    for _ in range(count):
        role = rng.choice(bank.roles())
        answers = {bank.role_question: role}
        for question in bank.asked(role)[1:]:
            answers[question.id] = rng.choice(question.choices).key
        yield answers


def summary(bank: Bank, answer_sets: Iterable[dict[str, str]]) -> dict[str, Any]:
    asked: list[int] = []
    early = 0
    for answers in answer_sets:
        total = len(bank.asked(answers[bank.role_question]))
        after = settled_after(bank, answers)
        asked.append(total if after is None else after)
        early += after is not None
    counts = Counter(asked)
    return {
        "quizzes": len(asked),
        "mean_asked": round(statistics.fmean(asked), 2),
        "median_asked": statistics.median(asked),
        "settled_early": round(early / len(asked), 3),
        "distribution": {str(n): counts[n] for n in sorted(counts)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000, help="random answer sets per bank")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    core, quick = load_bank("core"), load_bank("quick")
    figures = {
        "core, validation corpus": summary(core, load_answer_folder(ACCOUNTS, core)),
        "core, random answers": summary(core, random_answer_sets(core, arguments.samples)),
        "quick, random answers": summary(quick, random_answer_sets(quick, arguments.samples)),
    }
    if arguments.json:
        print(json.dumps(figures, indent=2))
        return
    for name, figure in figures.items():
        print(
            f"{name}: {figure['quizzes']} quizzes, mean {figure['mean_asked']} questions asked "
            f"(median {figure['median_asked']}), {figure['settled_early']:.0%} settled before "
            "the last question"
        )
        print("   asked: " + ", ".join(f"{n}: {c}" for n, c in figure["distribution"].items()))


if __name__ == "__main__":
    main()
