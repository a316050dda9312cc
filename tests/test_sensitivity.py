"""Model sensitivity: how much a leaning rests on the bank's judgement calls."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepback.core.assessment import assess
from stepback.core.confidence import strength
from stepback.core.scoring import score
from stepback.core.sensitivity import SUPPORT_MIN, lead_parts, model_support
from tests.helpers import PERSONAS, core_bank, examples
from tests.strategies import answer_sets


@settings(max_examples=examples(200), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank(), skips=True)))
def test_the_weights_parts_add_up_to_the_lead(answers: dict[str, str]) -> None:
    """What each weight carries, summed over all of them, is the lead itself."""
    scored = score(core_bank(), answers)
    total = sum(part.share for part in lead_parts(core_bank(), scored))
    assert total == pytest.approx(scored.margin, abs=1e-9)


@settings(max_examples=examples(100), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank(), skips=True)))
def test_support_is_a_share_and_falls_with_the_margin(answers: dict[str, str]) -> None:
    """The share lies in [0, 1]; a lead of nothing is never fully supported."""
    scored = score(core_bank(), answers)
    support = model_support(core_bank(), scored)
    assert support is not None
    assert 0.0 <= support.share <= 1.0
    assert support.samples >= 20
    if scored.margin == 0 and scored.answered:
        assert support.share < 1.0


def test_low_support_lowers_the_strength() -> None:
    """A strong result under SUPPORT_MIN of plausible weightings is stated one level lower."""
    strong = assess(core_bank(), _persona("004_hans_baker"))
    assert strong.strength == "strong"
    scored = strong.score
    assert strength(scored, strong.stability, 0, SUPPORT_MIN - 0.01) == "moderate"
    assert strength(scored, strong.stability, 1, SUPPORT_MIN - 0.01) == "fragile"
    assert strength(scored, strong.stability, 0, SUPPORT_MIN) == "strong"


def test_model_support_is_the_same_in_every_run() -> None:
    """A fixed seed: two separate processes print the same figures."""
    command = [
        sys.executable,
        "-m",
        "stepback",
        "quiz",
        "--answers",
        str(PERSONAS / "000_marketing_director.toml"),
        "--format",
        "json",
    ]
    runs = [
        json.loads(subprocess.run(command, capture_output=True, check=True, timeout=60).stdout)
        for _ in range(2)
    ]
    assert runs[0]["model_support"] == runs[1]["model_support"]
    assert 0 < runs[0]["model_support"]["share"] <= 1


def _persona(name: str) -> dict[str, str]:
    from stepback.files.answers import load_answers

    return load_answers(str(PERSONAS / f"{name}.toml"), core_bank())
