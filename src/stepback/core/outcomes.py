"""The three outcomes and the reserved answer keys: the vocabulary every layer shares.

Kept free of pydantic so that light paths (Markdown, JSON) can use it without loading it.
"""

from typing import Literal, get_args

OutcomeId = Literal["ic", "manager", "tour"]
# The one ordering of outcomes: for tables, and for breaking exact ties.
OUTCOMES: tuple[OutcomeId, ...] = get_args(OutcomeId)
# The answer that means "I don't know": missing data, not a neutral answer.
SKIP = "skip"
DEFAULT_ROLE_QUESTION = "current_role"
