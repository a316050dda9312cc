"""Banks as a public format, output formats and exports, through the CLI runner."""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from stepback.cli import app
from stepback.files.banks import bundled_bank_dir, bundled_bank_names
from stepback.files.schemas import schema_text
from tests.helpers import ASSETS, PERSONAS

PERSONA = str(PERSONAS / "004_hans_baker.toml")
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "questions" / "schema"


def test_banks_lists_the_bundled_banks(runner: CliRunner) -> None:
    """`banks --format json` gives id, title, version, question count and minutes of each."""
    result = runner.invoke(app, ["banks", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["banks"]}
    assert set(rows) == set(bundled_bank_names())
    assert rows["core"]["questions"] >= 20
    assert rows["core"]["minutes"] == 5
    table = runner.invoke(app, ["banks"])
    assert "core" in table.stdout
    assert "questions" in table.stdout


def test_lint_reports_every_problem_of_a_broken_bank(runner: CliRunner) -> None:
    """Each problem is one line `path: location: problem`; exit 1."""
    path = str(ASSETS / "invalid_banks" / "several_problems.toml")
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: factors[0].weights.ic: Input should be less than or equal to 2",
        f"{path}: questions[3]: duplicate id 'meetings_ok' (first used by questions[2])",
        f"{path}: questions[1].choices[0].effects: unknown factor 'codng'",
    ]


def test_lint_warns_on_a_weak_bank_without_failing(runner: CliRunner) -> None:
    """A weak but valid bank gets warnings and exit 0."""
    path = str(ASSETS / "banks" / "weak.toml")
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{path}: factors[0]: warning: factor 'coding' is fed by one question only",
        f"{path}: factors[1]: warning: factor 'meetings' is fed by one question only",
        f"{path}: outcomes.tour: warning: no answer set found that leans to it",
        f"{path}: questions: warning: no reverse-keyed item (one whose first choice pushes "
        "away from IC), so answering the first choice everywhere is a hidden vote",
    ]


def test_lint_several_files_and_sources(runner: CliRunner, tmp_path: Path) -> None:
    """Good files say ok; --sources catches a quote that is not verbatim."""
    source_dir = tmp_path / "sources"
    source_dir.mkdir()
    (source_dir / "002_b0ca7682723024ea.txt").write_text("If you enjoy coding, think twice.")
    minimal = str(ASSETS / "banks" / "minimal.toml")
    result = runner.invoke(app, ["lint", minimal, "--sources", str(source_dir)])
    assert result.exit_code == 1
    assert f"{minimal}: quotes[0]: not verbatim in source 's002'" in result.stdout
    clean = runner.invoke(app, ["lint", minimal])
    assert clean.stdout == f"{minimal}: ok\n"


def test_lint_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    """A path that does not exist is a problem of that path, exit 1."""
    result = runner.invoke(app, ["lint", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1
    assert "nope.toml: no such file" in result.stdout


@pytest.mark.parametrize("kind", ["bank", "answers"])
def test_committed_schemas_are_in_sync(kind: str, runner: CliRunner) -> None:
    """questions/schema/*.json is exactly what `stepback schema` prints."""
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert result.stdout == schema_text(kind)
    assert (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("name", bundled_bank_names())
def test_bundled_banks_validate_against_the_schema(name: str) -> None:
    """Every bundled bank passes the JSON Schema and points editors at it."""
    path = bundled_bank_dir() / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./schema/bank.schema.json\n")
    schema = json.loads(schema_text("bank"))
    jsonschema.validate(tomllib.loads(text), schema)


def test_persona_answers_validate_against_the_schema() -> None:
    """Answers files pass the answers schema."""
    schema = json.loads(schema_text("answers"))
    for path in PERSONAS.glob("*.toml"):
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_a_broken_bank() -> None:
    """The schema is not vacuous: a weight out of range fails it."""
    schema = json.loads(schema_text("bank"))
    broken = tomllib.loads((ASSETS / "invalid_banks" / "weight_out_of_range.toml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_markdown_format(runner: CliRunner) -> None:
    """--format markdown prints Markdown for quiz, explain and compare."""
    quiz = runner.invoke(app, ["quiz", "--answers", PERSONA, "--format", "markdown"])
    assert quiz.exit_code == 0, quiz.output
    assert quiz.stdout.startswith("#")
    assert "Individual contributor" in quiz.stdout
    explain = runner.invoke(app, ["explain", "--format", "markdown"])
    assert explain.exit_code == 0, explain.output
    assert explain.stdout.startswith("# Step back, step up, or take a tour?\n")
    assert "| Factor | Individual contributor | Management role |" in explain.stdout
    compare = runner.invoke(app, ["compare", PERSONA, PERSONA, "--format", "markdown"])
    assert compare.exit_code == 0, compare.output
    assert compare.stdout.startswith("# Then and now\n")
    assert "Your leaning has not changed." in compare.stdout


def test_svg_export_parses_and_names_the_leaning(runner: CliRunner, tmp_path: Path) -> None:
    """An SVG export is well-formed XML that contains the leaning."""
    target = tmp_path / "report.svg"
    result = runner.invoke(app, ["quiz", "--answers", PERSONA, "--export", str(target)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "Individual contributor" in text


def test_json_export_matches_json_output(runner: CliRunner, tmp_path: Path) -> None:
    """The JSON export is the same document --format json prints."""
    target = tmp_path / "report.json"
    exported = runner.invoke(app, ["quiz", "--answers", PERSONA, "--export", str(target)])
    printed = runner.invoke(app, ["quiz", "--answers", PERSONA, "--format", "json"])
    assert exported.exit_code == 0, exported.output
    assert json.loads(target.read_text()) == json.loads(printed.stdout)


@pytest.mark.parametrize(
    ("suffix", "marker"), [(".html", "<html"), (".md", "# "), (".txt", "Your leaning")]
)
def test_other_exports(runner: CliRunner, tmp_path: Path, suffix: str, marker: str) -> None:
    """HTML, Markdown and text exports are written and recognisable."""
    target = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["quiz", "--answers", PERSONA, "--export", str(target)])
    assert result.exit_code == 0, result.output
    assert marker in target.read_text(encoding="utf-8")


def test_compare_export(runner: CliRunner, tmp_path: Path) -> None:
    """compare --export writes the comparison too."""
    target = tmp_path / "compare.json"
    old = str(PERSONAS / "000_marketing_director.toml")
    result = runner.invoke(app, ["compare", old, PERSONA, "--export", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["new"]["leaning"] == "ic"


def test_unknown_export_extension_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    """An unknown extension exits 2 and lists the choices, before any work."""
    target = tmp_path / "report.pdf"
    result = runner.invoke(app, ["quiz", "--answers", PERSONA, "--export", str(target)])
    assert result.exit_code == 2
    assert "choose one of .html, .svg, .md, .txt, .json" in result.stderr
    assert not target.exists()


def test_json_stdout_is_clean(runner: CliRunner) -> None:
    """With --format json, stdout holds the JSON alone, with no colour codes."""
    result = runner.invoke(app, ["quiz", "--answers", PERSONA, "--format", "json"])
    json.loads(result.stdout)
    assert "\x1b" not in result.stdout


def test_rich_report_has_no_colour_when_not_a_terminal(runner: CliRunner) -> None:
    """Piped (as in the runner), the report carries no escape sequences."""
    result = runner.invoke(app, ["quiz", "--answers", PERSONA])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
