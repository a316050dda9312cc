"""The benchmark's synthetic banks are valid banks, and its timing child runs: a benchmark
that measures a failure, or that no longer starts, would report nothing useful."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stepback.core.assessment import assess
from stepback.files.banks import load_bank
from tests.benchmarks.synthetic import synthetic_answers, synthetic_bank, write_bank
from tests.helpers import ROOT


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_synthetic_banks_load_and_assess(tmp_path: Path, suffix: str) -> None:
    """A generated bank passes every check, and a full answer set for it scores."""
    data = synthetic_bank(300)
    path = tmp_path / f"synthetic{suffix}"
    write_bank(data, path)
    bank = load_bank(str(path))
    assert len(bank.questions) == 300
    assert len(bank.factors) == 15
    answers = synthetic_answers(data)
    assessment = assess(bank, answers)
    assert assessment.score.leaning in {"ic", "manager", "tour"}
    assert 0.0 <= assessment.stability <= 1.0


def test_scale_child_prints_its_timings(tmp_path: Path) -> None:
    """One cold timing process prints load, assess and parser seconds, and the warm best
    when asked for repeats."""
    files = []
    for name, size in (("bank", 60), ("warm", 20)):
        data = synthetic_bank(size)
        bank = tmp_path / f"{name}.json"
        write_bank(data, bank)
        answers = tmp_path / f"{name}_answers.json"
        answers.write_text(json.dumps(synthetic_answers(data)), encoding="utf-8")
        files += [str(bank), str(answers)]
    completed = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.scale", "--child", *files, "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    timings = json.loads(completed.stdout)
    assert set(timings) == {"load", "assess", "parser", "warm"}
    assert all(value > 0 for value in timings.values())
