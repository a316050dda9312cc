"""Stopping early: the leaning is called settled only when no way of answering (or skipping)
the questions left could change it."""

from __future__ import annotations

import itertools
import json
import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stepback.cli import app
from stepback.core.curtailment import settled_after, settled_leader
from stepback.core.models import Bank
from stepback.core.outcomes import SKIP
from stepback.core.scoring import score
from tests.helpers import ASSETS, MINIMAL_BANK, core_bank, examples
from tests.strategies import answer_sets

SETTLES_PATH = ASSETS / "banks" / "settles.toml"
BANK = ["--bank", str(SETTLES_PATH)]
AGREE_3 = "agree\n" * 3  # three answers for IC: enough to lean, and settled


def _completions(bank_questions: list[list[str]]) -> itertools.product[tuple[str, ...]]:
    return itertools.product(*bank_questions)


@pytest.mark.parametrize(
    "bank", [str(MINIMAL_BANK), str(SETTLES_PATH)], ids=["minimal", "settles"], indirect=True
)
def test_settled_means_every_completion_agrees_on_small_banks(bank: Bank) -> None:
    """Brute force: for every prefix of every answer set of every role, a settled leaning is
    the leaning of every way of answering or skipping the rest, and stopping there leans to
    it clearly (never too few answers, never a close call)."""
    checked = sum(_check_every_prefix(bank, role) for role in bank.roles())
    if bank.id == "settles":
        assert checked > 0, "nothing ever settled: the test would prove nothing"


def _check_every_prefix(bank: Bank, role: str) -> int:
    asked = bank.asked(role)[1:]
    options = [[c.key for c in q.choices] + [SKIP] for q in asked]
    checked = 0
    for full in _completions(options):
        for cut in range(len(asked)):
            answered = zip((q.id for q in asked[:cut]), full, strict=False)
            given = {bank.role_question: role, **dict(answered)}
            leader = settled_leader(bank, given)
            if leader is None:
                continue
            checked += 1
            rest = asked[cut:]
            stopped_now = {**given, **dict.fromkeys((q.id for q in rest), SKIP)}
            assert score(bank, stopped_now).clear, given  # stopping now shows that leaning
            for tail in _completions([[c.key for c in q.choices] + [SKIP] for q in rest]):
                completed = {**given, **dict(zip((q.id for q in rest), tail, strict=True))}
                assert score(bank, completed).leaning == leader, (given, completed)
    return checked


@settings(max_examples=examples(200), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank(), skips=True)), data=st.data())
def test_settled_holds_for_sampled_completions_on_core(
    answers: dict[str, str], data: st.DataObject
) -> None:
    """On the core bank: wherever a prefix is called settled, 40 random completions agree."""
    asked = core_bank().asked(answers[core_bank().role_question])
    cut = data.draw(st.integers(min_value=1, max_value=len(asked) - 1))
    given = {q.id: answers[q.id] for q in asked[:cut]}
    leader = settled_leader(core_bank(), given)
    if leader is None:
        return
    rng = random.Random(data.draw(st.integers()))
    for _ in range(40):
        tail = {q.id: rng.choice([*(c.key for c in q.choices), SKIP]) for q in asked[cut:]}
        assert score(core_bank(), {**given, **tail}).leaning == leader


def test_core_does_settle_early_for_clear_answers() -> None:
    """The bound is not so loose that it never fires: a clear IC profile settles before the
    last question."""
    answers = json.loads(
        json.dumps(
            tomllib.loads((Path(__file__).parent / "personas" / "004_hans_baker.toml").read_text())[
                "answers"
            ]
        )
    )
    after = settled_after(core_bank(), answers)
    assert after is not None
    assert after < len(core_bank().asked(answers[core_bank().role_question]))


@pytest.mark.usefixtures("as_terminal")
def test_the_offer_to_stop_and_its_record(runner: CliRunner, tmp_path: Path) -> None:
    """Once settled, the quiz says so once and offers the result; taking it skips the rest,
    and the report, the JSON and the saved file all say the quiz stopped early."""
    saved = tmp_path / "early.toml"
    result = runner.invoke(
        app, ["quiz", *BANK, "--format", "json"], input=f"2\n{AGREE_3}\n{saved}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Whatever you answer to the last question, your leaning stays" in result.stderr
    document = json.loads(result.stdout)
    assert document["settled_early"] is True
    assert document["settled_after"] == 4
    assert document["skipped"] == ["meetings_ok"]
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["settled_after"] == 4
    replay = runner.invoke(app, ["quiz", *BANK, "--answers", str(saved)])
    assert "You stopped after 4 questions" in " ".join(replay.stdout.split())


@pytest.mark.usefixtures("as_terminal")
def test_a_stray_reply_to_the_offer_asks_again(runner: CliRunner) -> None:
    """An answer typed out of habit at the offer neither ends the quiz nor goes on: the
    offer is made again, and Enter then takes it."""
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input=f"2\n{AGREE_3}4\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Press Enter to see the result now, or g to go on" in result.stderr
    assert result.stderr.count("Enter: see the result now") == 2
    assert json.loads(result.stdout)["settled_early"] is True


@pytest.mark.usefixtures("as_terminal")
def test_going_on_and_thorough(runner: CliRunner) -> None:
    """`g` goes on with every question; --thorough never offers to stop."""
    go_on = runner.invoke(
        app, ["quiz", *BANK, "--format", "json"], input=f"2\n{AGREE_3}g\nagree\n\n"
    )
    assert go_on.exit_code == 0, go_on.output
    assert json.loads(go_on.stdout)["settled_early"] is False
    thorough = runner.invoke(
        app, ["quiz", *BANK, "--thorough", "--format", "json"], input=f"2\n{AGREE_3}agree\n\n"
    )
    assert thorough.exit_code == 0, thorough.output
    assert "Whatever you answer" not in thorough.stderr
