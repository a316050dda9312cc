"""The bank and answers-file formats, as pydantic models and dataclasses.

Every record forbids unknown keys, so a typo in a bank or an answers file fails loudly
instead of being silently ignored. Cross-references between tables (an effect naming a
factor, a quote naming a source) are checked in ``bank_checks``, which can report every
problem of a bank at once.

The records a bank holds several of per question (the question, its choices, its passage)
are frozen dataclasses with slots: such a record takes about a third of the memory of a
model (no instance dict, no set of fields set), which keeps banks of thousands of questions
fast to validate and to walk. The rest, a few per bank, are models, which are quicker to
define at start-up.
"""

# No `from __future__ import annotations`: pydantic would have to evaluate every annotation
# from its string when it builds the validators, which is slower at start-up.

from dataclasses import field
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass

from stepback.core.outcomes import DEFAULT_ROLE_QUESTION, OutcomeId

WEIGHT_MIN = -2.0
WEIGHT_MAX = 2.0

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=64)]
Weight = Annotated[float, Field(ge=WEIGHT_MIN, le=WEIGHT_MAX, allow_inf_nan=False)]
NonEmpty = Annotated[str, Field(min_length=1)]


# Validators are built on first use, and only the top-level one: building one per record
# type at import would slow down every command, including those that never validate a bank.
STRICT = ConfigDict(extra="forbid", defer_build=True)


# Defaults made by Python functions, not by `dict` or `list`: pydantic reads a factory's
# signature, and a builtin's is parsed from text by the tokenizer, whose regex compile costs
# about 4 ms of every command that loads a bank.
def no_effects() -> dict[str, float]:
    return {}


def no_pairs() -> "list[ConsistencyPair]":
    return []


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Passage:
    """A verbatim passage of one source."""

    source: Annotated[Identifier, Field(description="Id of the source the passage is taken from.")]
    text: Annotated[NonEmpty, Field(description="The passage, verbatim (see the sources README).")]


class Source(StrictModel):
    id: Identifier
    file: NonEmpty = Field(description="File name of the essay in the sources folder.")
    title: NonEmpty
    author: NonEmpty = Field(description='As the file states it, or "not named".')
    date: NonEmpty = Field(description='As the file states it, or "not given".')
    short: NonEmpty | None = Field(
        default=None,
        description="How text names the source in place of its id, e.g. Hans Baker.",
    )

    def attribution(self) -> str:
        """Author, title and date, saying plainly when the file names no author or date."""
        author = f"author {self.author}" if self.author.startswith("not named") else self.author
        dated = "" if self.date.startswith("not ") else f", {self.date}"
        return f"{author}, “{self.title}”{dated}"


class Outcome(StrictModel):
    name: NonEmpty
    label: Annotated[str, Field(min_length=1, max_length=16)] = Field(
        description="A short name for tables and bars, e.g. IC."
    )
    description: NonEmpty
    next_steps: list[NonEmpty] = Field(min_length=1)


class Outcomes(StrictModel):
    ic: Outcome
    manager: Outcome
    tour: Outcome

    def of(self, outcome: OutcomeId) -> Outcome:
        return {"ic": self.ic, "manager": self.manager, "tour": self.tour}[outcome]


class OutcomeWeights(StrictModel):
    ic: Weight
    manager: Weight
    tour: Weight

    def of(self, outcome: OutcomeId) -> float:
        return {"ic": self.ic, "manager": self.manager, "tour": self.tour}[outcome]


class Factor(StrictModel):
    id: Identifier
    name: NonEmpty
    description: NonEmpty
    passages: list[Passage] = Field(min_length=1)
    weights: OutcomeWeights = Field(
        description="How a positive score on this factor pushes toward each outcome."
    )


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Choice:
    key: Identifier
    label: NonEmpty
    effects: Annotated[
        dict[Identifier, Weight],
        Field(description="factor id = weight this answer adds to the factor."),
    ] = field(default_factory=no_effects)


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT)
class Question:
    id: Identifier
    text: NonEmpty
    help: str | None = None
    why: Annotated[Passage, Field(description="The source passage that motivates the question.")]
    roles: Annotated[
        list[Identifier] | None,
        Field(
            description="Keys of the role question's choices this question applies to "
            "(all if absent)."
        ),
    ] = None
    choices: Annotated[list[Choice], Field(min_length=2)]

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)

    def position(self, key: str) -> int:
        """The 0-based place of the choice ``key`` among the choices."""
        return next(i for i, c in enumerate(self.choices) if c.key == key)

    def asked_of(self, role: str | None) -> bool:
        """Whether this question is asked of someone in ``role`` (None: role not known yet)."""
        return self.roles is None or role is None or role in self.roles


class Quote(StrictModel):
    id: Identifier
    text: NonEmpty
    source: Identifier
    factors: list[Identifier] = Field(min_length=1)
    supports: OutcomeId


class ConsistencyPair(StrictModel):
    """Two questions that should be answered alike ("same") or oppositely ("opposite")."""

    a: Identifier
    b: Identifier
    relation: Literal["same", "opposite"]


class ValidatedBy(StrictModel):
    question: Identifier
    choices: list[Identifier] = Field(min_length=1)


class TourPlan(StrictModel):
    problem_question: Identifier | None = Field(
        default=None, description="Id of the question that asks what problem the tour is for."
    )
    months_min: int = Field(ge=1, le=60)
    months_max: int = Field(ge=1, le=60)
    handback: list[NonEmpty] = Field(min_length=1)
    validate_first: list[NonEmpty] = Field(min_length=1)
    already_validated: ValidatedBy | None = Field(
        default=None,
        description="The answers that say the person has tried lead work already, so the "
        "plan does not tell them to validate it first.",
    )
    source: Identifier


class Bank(StrictModel):
    id: Identifier
    title: NonEmpty
    version: NonEmpty
    description: NonEmpty
    minutes: int = Field(ge=1, le=120, description="Estimated minutes to answer.")
    role_question: Identifier = Field(
        default=DEFAULT_ROLE_QUESTION, description="Id of the question that asks the current role."
    )
    sources: list[Source] = Field(min_length=1)
    outcomes: Outcomes
    factors: list[Factor] = Field(min_length=1)
    questions: list[Question] = Field(min_length=2)
    quotes: list[Quote] = Field(min_length=1)
    consistency: list[ConsistencyPair] = Field(default_factory=no_pairs)
    tour_plan: TourPlan | None = None
    explore: list[NonEmpty] | None = Field(
        default=None,
        description="Next steps when the answers do not point one way (a close call).",
    )

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def outcome(self, outcome_id: OutcomeId) -> Outcome:
        return self.outcomes.of(outcome_id)

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    @property
    def role(self) -> Question:
        """The question that asks the person's current role."""
        return self.question(self.role_question)

    def roles(self) -> list[str]:
        return [c.key for c in self.role.choices]

    def asked(self, role: str | None) -> list[Question]:
        """The questions asked of someone in ``role``, in bank order."""
        return [q for q in self.questions if q.asked_of(role)]

    def longest_quiz(self) -> int:
        """How many questions the role with the most questions is asked."""
        return max(len(self.asked(role)) for role in self.roles())


class AnswersFile(StrictModel):
    """A saved or hand-written answers file."""

    bank: Identifier | None = Field(
        default=None, description="Id of the bank these answers are for."
    )
    bank_version: str | None = Field(default=None, description="Version of that bank.")
    settled_after: int | None = Field(
        default=None,
        ge=1,
        description="Written when the quiz stopped early: how many questions were answered "
        "when the rest could no longer change the leaning (the rest are skipped).",
    )
    expected: OutcomeId | None = Field(
        default=None,
        description="The outcome this person actually chose, for `stepback validate`.",
    )
    answers: dict[str, Annotated[str, Field(min_length=1)] | Annotated[int, Field(ge=1)]] = Field(
        description='question id = choice key (or the choice\'s 1-based number), or "skip" '
        "for I don't know."
    )
