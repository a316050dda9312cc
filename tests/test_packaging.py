"""Both ways of installing find the bundled banks: a built wheel, and the editable install
the tests run from. (A folder force-included by hatchling is absent from editable installs.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stepback.files.banks import bundled_bank_dir, bundled_bank_names
from tests.helpers import PERSONAS, ROOT


def test_this_install_finds_the_banks() -> None:
    """The install the tests run from (editable in CI) has the bundled banks and schemas."""
    assert {"core", "quick"} <= set(bundled_bank_names())
    assert (bundled_bank_dir() / "schema" / "bank.schema.json").is_file()


def test_wheel_install_finds_the_banks_from_any_folder(tmp_path: Path) -> None:
    """A wheel built from this tree and installed elsewhere carries questions/ inside the
    package and runs the quiz from an unrelated folder."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (dev extra)")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    packaged = target / "stepback" / "questions"
    assert (packaged / "core.toml").is_file()
    assert (packaged / "schema" / "answers.schema.json").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "TERM": "dumb"}
    persona = PERSONAS / "003_tour_of_duty.toml"
    result = subprocess.run(
        [sys.executable, "-m", "stepback", "quiz", "--answers", str(persona), "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["leaning"] == "tour"
    where = subprocess.run(
        [sys.executable, "-c", "import stepback.files.banks as b; print(b.bundled_bank_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == packaged
