"""The five source personas: each answers file, read honestly from its essay, must land on the
choice its author actually made.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from tests.helpers import PERSONAS

EXPECTED = {
    "000_marketing_director": ("ic", "moderate"),
    "001_former_cto": ("manager", "strong"),
    "002_enjoys_coding": ("ic", "strong"),
    "003_tour_of_duty": ("tour", "strong"),
    "004_hans_baker": ("ic", "strong"),
}


def test_one_persona_per_source() -> None:
    """Every persona file has an expectation, and every source a persona."""
    assert {path.stem for path in PERSONAS.glob("*.toml")} == set(EXPECTED)


@pytest.mark.parametrize(
    ("persona", "leaning", "strength"), [(p, *e) for p, e in sorted(EXPECTED.items())]
)
def test_persona_lands_on_the_authors_choice(
    runner: CliRunner, persona: str, leaning: str, strength: str
) -> None:
    """Scored through the CLI, the persona leans the way its author went, with the expected
    strength and no contradiction or straight-lining warnings.
    """
    path = PERSONAS / f"{persona}.toml"
    result = runner.invoke(app, ["quiz", "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["leaning"] == leaning
    assert not document["close_call"]
    assert document["strength"] == strength
    assert document["warnings"] == []
    assert (document["plan"] is not None) == (leaning == "tour")


def test_every_persona_answer_is_justified() -> None:
    """Each answer line follows a comment that cites a passage or says it is not stated."""
    for path in PERSONAS.glob("*.toml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        start = lines.index("[answers]")
        for number, line in enumerate(lines[start + 1 :], start + 1):
            if line and not line.startswith("#"):
                assert lines[number - 1].startswith("#"), f"{path.name}:{number + 1}: {line}"
