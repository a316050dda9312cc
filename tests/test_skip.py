""" "I don't know" is missing data, not a middle answer: skips in files, prompts and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stepback.cli import app
from stepback.core.models import Bank
from stepback.core.outcomes import SKIP
from stepback.core.scoring import score
from stepback.errors import EXIT_BAD_DATA
from tests.helpers import MINIMAL_BANK, core_bank, examples
from tests.strategies import answer_sets

BANK = ["--bank", str(MINIMAL_BANK)]


def _without(bank: Bank, dropped: set[str]) -> Bank:
    """``bank`` with the questions in ``dropped`` removed."""
    return bank.model_copy(update={"questions": [q for q in bank.questions if q.id not in dropped]})


@settings(max_examples=examples(150), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank(), skips=True)))
def test_a_skipped_question_counts_as_if_it_were_not_in_the_bank(answers: dict[str, str]) -> None:
    """Skipping drops a question from its factors' numerators and denominators alike: the
    factor scores are those of the same bank without the skipped questions."""
    skipped = {q for q, key in answers.items() if key == SKIP}
    answered = {q: key for q, key in answers.items() if key != SKIP}
    with_skips = score(core_bank(), answers)
    without = score(_without(core_bank(), skipped), answered)
    assert with_skips.factors == pytest.approx(without.factors)
    assert with_skips.outcomes == pytest.approx(without.outcomes)
    assert set(with_skips.skipped) == skipped


@settings(max_examples=examples(100), deadline=None)
@given(answers=st.deferred(lambda: answer_sets(core_bank(), skips=True)), data=st.data())
def test_skipping_is_not_answering_the_middle(answers: dict[str, str], data: st.DataObject) -> None:
    """A middle answer still counts in its factors' denominators; a skip does not."""
    asked = [
        q
        for q in core_bank().asked(answers[core_bank().role_question])[1:]
        if answers[q.id] != SKIP
    ]
    if not asked:
        return
    question = data.draw(st.sampled_from(asked))
    middle = question.choices[len(question.choices) // 2]
    if middle.effects:
        return
    as_middle = score(core_bank(), {**answers, question.id: middle.key}).model
    as_skip = score(core_bank(), {**answers, question.id: SKIP}).model
    fed = {f for c in question.choices for f, w in c.effects.items() if w}
    for factor in fed:
        assert as_middle.denominators[factor] > as_skip.denominators[factor]


def test_unknown_factors_are_marked_and_score_zero(runner: CliRunner, tmp_path: Path) -> None:
    """A factor that no answered question feeds is listed as unknown and scores 0."""
    path = tmp_path / "a.toml"
    path.write_text(
        '[answers]\ncurrent_role = "ic"\nenjoy_coding = "agree"\nmeetings_ok = "skip"\n'
        'covered_lead = "skip"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["unknown_factors"] == ["meetings"]
    assert document["factors"]["meetings"] == 0.0
    assert document["skipped"] == ["meetings_ok", "covered_lead"]
    assert (document["answered"], document["asked"]) == (1, 3)


def test_too_few_answers_say_so_instead_of_leaning(runner: CliRunner, tmp_path: Path) -> None:
    """With fewer than three questions answered, every format says there is not enough to
    lean on, and offers no strength."""
    path = tmp_path / "sparse.toml"
    answers = dict.fromkeys((q.id for q in core_bank().asked("lead")[1:]), SKIP)
    answers.update(hands_on_need="strongly_agree", meetings_drain="agree")
    lines = ["[answers]", 'current_role = "lead"', *(f'{q} = "{k}"' for q, k in answers.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    as_json = runner.invoke(app, ["quiz", "--answers", str(path), "--format", "json"])
    document = json.loads(as_json.stdout)
    assert document["enough_answers"] is False
    assert document["strength"] == "not enough answers"
    assert document["plan"] is None
    rich = runner.invoke(app, ["quiz", "--answers", str(path)])
    assert "Not enough answers to lean on: 2 of 24 answered" in rich.stdout
    markdown = runner.invoke(app, ["quiz", "--answers", str(path), "--format", "markdown"])
    assert markdown.stdout.startswith("# Not enough answers to lean on: 2 of 24 answered\n")


def test_the_role_cannot_be_skipped(runner: CliRunner, tmp_path: Path) -> None:
    """Skipping the role question is an error that says so."""
    path = tmp_path / "a.toml"
    path.write_text(
        '[answers]\ncurrent_role = "skip"\nenjoy_coding = "agree"\nmeetings_ok = "agree"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quiz", *BANK, "--answers", str(path)])
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr.splitlines()[0] == (
        f"{path}: answers.current_role: unknown choice 'skip' "
        "(valid: ic, lead, director, or 1-3; the role cannot be skipped)"
    )


@pytest.mark.usefixtures("as_terminal")
def test_s_skips_interactively_and_is_saved(runner: CliRunner, tmp_path: Path) -> None:
    """The intro names `s`; `s` skips a question; a saved file keeps the skip and replays."""
    saved = tmp_path / "mine.toml"
    keystrokes = f"2\ns\nagree\n{saved}\n"
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input=keystrokes)
    assert result.exit_code == 0, result.output
    assert "s skips a question you cannot answer" in result.stderr
    assert "s skip" in result.stderr
    document = json.loads(result.stdout)
    assert document["answers"]["enjoy_coding"] == SKIP
    replay = runner.invoke(app, ["quiz", *BANK, "--answers", str(saved), "--format", "json"])
    assert json.loads(replay.stdout)["outcomes"] == document["outcomes"]


@pytest.mark.usefixtures("as_terminal")
def test_the_role_question_offers_no_skip(runner: CliRunner) -> None:
    """`s` at the role question is not a skip: it is asked again."""
    result = runner.invoke(app, ["quiz", *BANK, "--format", "json"], input="s\n2\ns\ns\n\n")
    assert result.exit_code == 0, result.output
    assert "Please answer with a number from 1 to 3" in result.stderr
    assert json.loads(result.stdout)["answers"]["current_role"] == "lead"
