"""The validation corpus and `stepback validate`: real accounts, an honest split, fair outcomes."""

from __future__ import annotations

import hashlib
import json
import random
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from stepback.core.assessment import assess
from stepback.core.outcomes import OUTCOMES, SKIP
from stepback.core.scoring import score
from stepback.core.validation import Case, Validation, case
from stepback.errors import EXIT_BAD_DATA, EXIT_USAGE
from stepback.files.answers import load_expected_answers
from stepback.render.wording import validation_figures
from tests.helpers import ACCOUNTS, core_bank
from tests.readme_snippets import account_headers, batch

ACCOUNT_FILES = sorted(ACCOUNTS.rglob("*.toml"))
HEADER_KEYS = ("title", "author", "date", "source", "decision", "statement")
MAX_QUOTED_WORDS = 24


def _expected(path: Path) -> str:
    expected: str = tomllib.loads(path.read_text(encoding="utf-8"))["expected"]
    return expected


def _validation(part: str, *, first_split_only: bool = False) -> Validation:
    cases = load_expected_answers(ACCOUNTS / part, core_bank())
    return Validation.of(
        case(name, expected, assess(core_bank(), a))
        for name, expected, a in cases
        if not first_split_only or batch(ACCOUNTS / part / name) == 1
    )


# The corpus --------------------------------------------------------------------------------


def test_corpus_is_large_enough_for_every_outcome() -> None:
    """At least 36 accounts, and at least 10 for each outcome."""
    counts = {o: sum(_expected(p) == o for p in ACCOUNT_FILES) for o in OUTCOMES}
    assert len(ACCOUNT_FILES) >= 36
    assert min(counts.values()) >= 10, counts


@pytest.mark.parametrize("path", ACCOUNT_FILES, ids=lambda p: p.stem)
def test_account_header_and_justifications(path: Path) -> None:
    """Every account states where it comes from, and every answer is justified by a short
    verbatim phrase, or is a skip marked `not stated`."""
    header = account_headers(path)
    assert set(HEADER_KEYS) <= set(header), sorted(set(HEADER_KEYS) - set(header))
    statement = re.fullmatch(r'"(.+)"', header["statement"])
    assert statement, header["statement"]
    assert len(statement.group(1).split()) <= MAX_QUOTED_WORDS
    lines = path.read_text(encoding="utf-8").splitlines()
    answers_at = lines.index("[answers]")
    for number, line in enumerate(lines[answers_at + 1 :], answers_at + 1):
        if not line or line.startswith("#"):
            continue
        comment = lines[number - 1]
        assert comment.startswith("# "), f"line {number + 1}: no justification above {line}"
        if comment == "# not stated":
            assert line.endswith(f'= "{SKIP}"'), f"line {number + 1}: not stated but answered"
        else:
            phrases = re.findall(r'"([^"]+)"', comment)
            assert phrases, f"line {number}: neither a quoted phrase nor `not stated`"
            assert all(len(p.split()) <= MAX_QUOTED_WORDS for p in phrases), comment
            assert not line.endswith(f'= "{SKIP}"'), f"line {number + 1}: quoted but skipped"


def test_every_account_sits_where_the_split_rule_puts_it() -> None:
    """Within each outcome, ordered by the SHA-256 of the file name, every third file (the
    first, fourth, ...) of the first split is held out, and so is every third file of each
    batch from the third on, split within itself; the second batch is for calibration only."""
    for number in {batch(p) for p in ACCOUNT_FILES}:
        for outcome in OUTCOMES:
            mine = sorted(
                (p for p in ACCOUNT_FILES if batch(p) == number and _expected(p) == outcome),
                key=lambda p: hashlib.sha256(p.name.encode()).hexdigest(),
            )
            for index, path in enumerate(mine):
                held_out = number != 2 and index % 3 == 0
                assert path.parent.name == ("held-out" if held_out else "calibration"), path


def test_the_first_split_is_never_changed() -> None:
    """Later batches never move an account of the first split: 15 of them are held out."""
    held_out = [p for p in ACCOUNT_FILES if p.parent.name == "held-out" and batch(p) == 1]
    assert len(held_out) == 15


def test_every_account_is_valid_for_the_core_bank() -> None:
    """Every file loads against the core bank, with an expected outcome."""
    assert len(load_expected_answers(ACCOUNTS, core_bank())) == len(ACCOUNT_FILES)


# How well it works ---------------------------------------------------------------------------

# Measured on the 15 held-out accounts of the first split when the bank was tuned (banks
# 2.0.0, 2.1.0 and 2.2.0 alike): a regression below these fails. A fixed set, so that a later batch
# can neither lift nor sink the floor.
HELD_OUT_FLOOR = {"accuracy": 10 / 15, "ic": 4 / 6, "manager": 4 / 5, "tour": 2 / 4}


def test_held_out_does_not_fall_below_what_it_measured() -> None:
    """On the first split's held-out accounts, accuracy and recall stay at least where bank
    2.0.0 first put them."""
    validation = _validation("held-out", first_split_only=True)
    assert validation.accuracy >= HELD_OUT_FLOOR["accuracy"] - 1e-9
    for outcome in OUTCOMES:
        assert validation.recall[outcome] >= HELD_OUT_FLOOR[outcome] - 1e-9, outcome


@pytest.mark.xfail(
    strict=True,
    reason="target not met: held-out accuracy 72%, recall IC 56% and tour 60% (see README)",
)
def test_held_out_meets_the_target() -> None:
    """The target: held-out accuracy of at least 80% and recall of at least 70% for each
    outcome. It fails today; when it passes, strict xfail turns red so the marker goes."""
    validation = _validation("held-out")
    assert validation.accuracy >= 0.8
    assert all(r >= 0.7 for r in validation.recall.values()), validation.recall


def test_no_strong_leaning_on_a_held_out_miss() -> None:
    """When the quiz is wrong about a held-out account, it never says so strongly."""
    assert _validation("held-out").strong_misses == ()


def test_no_outcome_is_a_default() -> None:
    """Under uniformly random answers, no outcome wins more than 45% of the time."""
    rng = random.Random(20261122)
    wins = dict.fromkeys(OUTCOMES, 0)
    samples = 4000
    for _ in range(samples):
        role = rng.choice(core_bank().roles())
        answers = {core_bank().role_question: role}
        for question in core_bank().asked(role)[1:]:
            answers[question.id] = rng.choice(question.choices).key
        wins[score(core_bank(), answers).leaning] += 1
    assert max(wins.values()) / samples <= 0.45, wins
    assert min(wins.values()) / samples >= 0.15, wins


# The model's signatures ----------------------------------------------------------------------

LASTING_LEADER = {
    "see_someone_grow": "strongly_agree",
    "meeting_week": "agree",
    "lead_for_its_own_sake": "agree",
    "stay_on_track": "strongly_agree",
    "stint": "strongly_disagree",
}


def _only(role: str, given: dict[str, str]) -> dict[str, str]:
    """``given``, with every other question asked of ``role`` skipped."""
    answers = {core_bank().role_question: role}
    for question in core_bank().asked(role)[1:]:
        answers[question.id] = given.get(question.id, SKIP)
    return answers


@pytest.mark.parametrize("role", ["ic", "lead", "director"])
@pytest.mark.parametrize("problem", ["strongly_disagree", "neutral", "strongly_agree"])
def test_a_lasting_leader_leans_to_management_strongly(role: str, problem: str) -> None:
    """Someone who wants to lead for good leans to management, strongly, whatever the size of
    the problem in front of them."""
    assessment = assess(core_bank(), _only(role, {**LASTING_LEADER, "problem_outgrown": problem}))
    assert assessment.score.leaning == "manager"
    assert assessment.strength == "strong"


def test_the_issue_s_lasting_manager_is_not_told_tour() -> None:
    """Stay on the track for good, growth satisfies, meetings are fine, the team is growing
    past one person: that is a management role, not a tour."""
    answers = _only(
        "lead",
        {
            "stay_on_track": "strongly_agree",
            "see_someone_grow": "agree",
            "meeting_week": "agree",
            "problem_outgrown": "strongly_agree",
        },
    )
    assert score(core_bank(), answers).leaning == "manager"


def test_a_scaled_problem_alone_is_not_a_tour() -> None:
    """A problem that has outgrown one person, without the intent to hand management back,
    does not make a tour; with that intent, it does."""
    problem = {"problem_outgrown": "strongly_agree", "tour_problem": "team_problem"}
    without = score(core_bank(), _only("ic", {**problem, "stint": "strongly_disagree"}))
    with_intent = score(
        core_bank(),
        _only("ic", {**problem, "stint": "strongly_agree", "stay_on_track": "disagree"}),
    )
    assert without.leaning != "tour"
    assert with_intent.leaning == "tour"


def test_accuracy_when_leaning_leaves_out_the_abstentions() -> None:
    """A clear leaning to the choice is a hit, to another outcome a wrong leaning, and no clear
    leaning an abstention: accuracy counts all three, accuracy when leaning only the first two."""
    validation = Validation(
        (
            Case("right.toml", "ic", "ic", 0.3, "strong"),
            Case("wrong.toml", "tour", "manager", 0.2, "moderate"),
            Case("unsure.toml", "manager", "none", 0.01, "too close to call"),
        )
    )
    assert [c.name for c in validation.leaned] == ["right.toml", "wrong.toml"]
    assert validation.accuracy == pytest.approx(1 / 3)
    assert validation.accuracy_when_leaning == pytest.approx(1 / 2)
    assert Validation(()).accuracy_when_leaning == 0.0


def test_the_figures_say_when_nothing_leans() -> None:
    """With no clear leaning at all, the sentence says so instead of dividing by zero."""
    document = {
        "accounts": 1,
        "accuracy": 0.0,
        "leaned": 0,
        "accuracy_when_leaning": 0.0,
        "cases": [{"hit": False}],
    }
    assert validation_figures(document) == (
        "Accuracy: 0% (0 of 1 accounts).",
        "It leans clearly on none of them.",
    )


# The command ---------------------------------------------------------------------------------


def test_validate_prints_the_matrix_and_the_misses(runner: CliRunner) -> None:
    """The rich report names accuracy, the confusion matrix, recall and every miss."""
    result = runner.invoke(app, ["validate", str(ACCOUNTS / "calibration")])
    assert result.exit_code == 0, result.output
    for text in ("Accuracy:", "When it leans clearly", "Confusion matrix", "recall", "Misses"):
        assert text in result.stdout
    validation = _validation("calibration")
    for miss in (c for c in validation.cases if not c.hit):
        assert miss.name in result.stdout


def test_validate_json_agrees_with_the_library(runner: CliRunner) -> None:
    """JSON carries the same figures as the library computes, case by case."""
    result = runner.invoke(app, ["validate", str(ACCOUNTS), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    validation = _validation(".")
    assert document["accounts"] == len(ACCOUNT_FILES)
    assert document["accuracy"] == round(validation.accuracy, 4)
    assert document["leaned"] == len(validation.leaned)
    assert document["accuracy_when_leaning"] == round(validation.accuracy_when_leaning, 4)
    assert document["misses"] == [c.name for c in validation.cases if not c.hit]
    assert sum(sum(row.values()) for row in document["confusion"].values()) == len(ACCOUNT_FILES)


def test_validate_markdown(runner: CliRunner) -> None:
    """Markdown gives the same matrix as a table."""
    result = runner.invoke(app, ["validate", str(ACCOUNTS), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "| Chose | IC | Manager | Tour of duty | No clear leaning | Recall |" in result.stdout


def test_validate_refuses_what_it_cannot_use(runner: CliRunner, tmp_path: Path) -> None:
    """A missing folder is a usage error; a folder with no expected outcome, or a bad file,
    is bad data, named in one line each."""
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert missing.exit_code == EXIT_USAGE
    assert missing.stderr == f"{tmp_path / 'nope'}: not a folder\n"
    (tmp_path / "plain.toml").write_text('[answers]\ncurrent_role = "ic"\n', encoding="utf-8")
    empty = runner.invoke(app, ["validate", str(tmp_path)])
    assert empty.exit_code == EXIT_BAD_DATA
    assert empty.stderr == f"{tmp_path}: no answers file here states an expected outcome\n"
    bad = tmp_path / "bad.toml"
    bad.write_text('expected = "boss"\n[answers]\ncurrent_role = "ic"\n', encoding="utf-8")
    refused = runner.invoke(app, ["validate", str(tmp_path)])
    assert refused.exit_code == EXIT_BAD_DATA
    assert refused.stderr.startswith(f"{bad}: expected:")
    assert "Traceback" not in refused.output
