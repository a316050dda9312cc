"""How often a bank's leaning matches what real people chose: accuracy, recall, confusion.

A case counts as a hit only when the quiz leans, clearly, to the outcome the person chose: a
result that is too close to call, or rests on too few answers, is a miss with no leaning.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

from stepback.core.outcomes import OUTCOMES, OutcomeId

if TYPE_CHECKING:
    from stepback.core.assessment import Assessment
    from stepback.core.scoring import Score

Column = OutcomeId | Literal["none"]
NO_LEANING: Column = "none"
COLUMNS: tuple[Column, ...] = (*OUTCOMES, NO_LEANING)


class Case(NamedTuple):
    name: str
    expected: OutcomeId
    got: Column
    margin: float
    strength: str

    @property
    def hit(self) -> bool:
        return self.got == self.expected


def clear_leaning(scored: Score) -> Column:
    """The leaning, when it is clear enough to count: else ``NO_LEANING``."""
    return scored.leaning if scored.clear else NO_LEANING


def case(name: str, expected: OutcomeId, assessment: Assessment) -> Case:
    scored = assessment.score
    return Case(
        name=name,
        expected=expected,
        got=clear_leaning(scored),
        margin=scored.margin,
        strength=assessment.strength,
    )


class Validation(NamedTuple):
    cases: tuple[Case, ...]

    @classmethod
    def of(cls, cases: Iterable[Case]) -> Validation:
        return cls(tuple(sorted(cases, key=lambda c: c.name)))

    @property
    def columns(self) -> tuple[Column, ...]:
        return COLUMNS

    @property
    def confusion(self) -> dict[OutcomeId, dict[Column, int]]:
        """Per expected outcome, how many cases got each leaning."""
        table: dict[OutcomeId, dict[Column, int]] = {o: dict.fromkeys(COLUMNS, 0) for o in OUTCOMES}
        for c in self.cases:
            table[c.expected][c.got] += 1
        return table

    @property
    def accuracy(self) -> float:
        return sum(c.hit for c in self.cases) / len(self.cases) if self.cases else 0.0

    @property
    def recall(self) -> dict[OutcomeId, float]:
        """Per outcome, the share of the people who chose it that the quiz leaned to it."""
        recall: dict[OutcomeId, float] = {}
        for outcome in OUTCOMES:
            chose = [c for c in self.cases if c.expected == outcome]
            recall[outcome] = sum(c.hit for c in chose) / len(chose) if chose else 0.0
        return recall

    @property
    def leaned(self) -> tuple[Case, ...]:
        """The cases where the quiz leaned clearly, to the outcome chosen or to another."""
        return tuple(c for c in self.cases if c.got != NO_LEANING)

    @property
    def accuracy_when_leaning(self) -> float:
        """Of the cases where the quiz leaned clearly, the share it got right: how far a clear
        leaning can be trusted, where accuracy also counts every abstention as a miss."""
        leaned = self.leaned
        return sum(c.hit for c in leaned) / len(leaned) if leaned else 0.0

    @property
    def strong_misses(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if not c.hit and c.strength == "strong")
