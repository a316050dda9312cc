"""Loading banks: the bundled ones, and one asset per way a bank can be invalid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stepback.errors import DataError, UsageError
from stepback.files.banks import bundled_bank_dir, bundled_bank_names, load_bank, resolve_bank
from tests.helpers import ASSETS, MINIMAL_BANK

INVALID = ASSETS / "invalid_banks"

CASES = [
    ("duplicate_question_id", r"questions\[3\]: duplicate id 'meetings_ok'"),
    ("duplicate_factor_id", r"factors\[1\]: duplicate id 'coding'"),
    ("unknown_factor_in_effects", r"questions\[1\]\.choices\[0\]\.effects: unknown factor 'codng'"),
    ("quote_unknown_source", r"quotes\[1\]: unknown source 's009'"),
    ("one_choice", r"questions\[3\]\.choices: List should have at least 2 items"),
    ("duplicate_choice_key", r"questions\[1\]\.choices\[2\]: duplicate choice key 'neutral'"),
    ("factor_not_fed", r"factors\[2\]: no question feeds factor 'orphan'"),
    ("missing_outcome", r"outcomes\.tour: Field required"),
    ("extra_outcome", r"outcomes\.founder: unknown key"),
    ("weight_out_of_range", r"factors\[0\]\.weights\.ic: Input should be less than or equal to 2"),
    ("effect_out_of_range", r"effects\.coding: Input should be greater than or equal to -2"),
    ("missing_weight", r"factors\[1\]\.weights\.tour: Field required"),
    ("unknown_key", r"descripton: unknown key"),
    ("unknown_key_in_choice", r"questions\[1\]\.choices\[0\]\.labell: unknown key"),
    (
        "role_question_not_first",
        r"questions\[0\]: the role question 'enjoy_coding' must come first",
    ),
    ("role_question_has_roles", r"role question 'current_role' cannot itself have roles"),
    ("unknown_role", r"questions\[3\]\.roles: unknown role 'cto'"),
    (
        "skip_as_choice_key",
        r"questions\[1\]\.choices\[2\]: the choice key 'skip' is reserved for skipping",
    ),
]


def test_every_invalid_asset_has_a_case() -> None:
    """A new asset without an expected message would go untested."""
    assets = {path.stem for path in INVALID.glob("*.toml")} - {"several_problems"}
    assert assets == {name for name, _ in CASES}


@pytest.mark.parametrize(("name", "message"), CASES)
def test_invalid_bank_is_refused_with_its_problem(name: str, message: str) -> None:
    """Each invalid bank fails with a message naming the file, the place and the problem."""
    path = INVALID / f"{name}.toml"
    before = path.read_bytes()
    with pytest.raises(DataError, match=rf"^{re.escape(str(path))}: .*{message}"):
        load_bank(str(path))
    assert path.read_bytes() == before


def test_all_problems_of_a_bank_are_reported_at_once() -> None:
    """A bank with a shape error, a dangling reference and a duplicate reports all three."""
    path = INVALID / "several_problems.toml"
    with pytest.raises(DataError) as caught:
        load_bank(str(path))
    lines = caught.value.message.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{path}: ") for line in lines)
    joined = "\n".join(lines)
    assert "weights.ic: Input should be less than or equal to 2" in joined
    assert "duplicate id 'meetings_ok'" in joined
    assert "unknown factor 'codng'" in joined


def test_minimal_bank_loads() -> None:
    """The small test bank is valid, so the invalid ones differ from it by one problem."""
    bank = load_bank(str(MINIMAL_BANK))
    assert bank.id == "mini"
    assert bank.questions[0].id == "current_role"


def test_bundled_core_bank_loads() -> None:
    """The default bank is found and valid in this install."""
    assert "core" in bundled_bank_names()
    bank = load_bank("core")
    assert bank.id == "core"
    assert (bundled_bank_dir() / "core.toml").is_file()


def test_unknown_bundled_name_is_a_usage_error() -> None:
    """A name that is not a bundled bank lists the bundled ones."""
    with pytest.raises(UsageError, match=r"no bundled bank named 'nope' \(bundled: .*core"):
        resolve_bank("nope")


def test_missing_bank_file(tmp_path: Path) -> None:
    """A bank path that does not exist says so, naming the path."""
    path = tmp_path / "absent.toml"
    with pytest.raises(DataError, match=rf"^{re.escape(str(path))}: no such file$"):
        load_bank(str(path))


def test_a_json_bank_loads_like_its_toml(tmp_path: Path) -> None:
    """A bank generated as JSON (same structure) loads to the same bank as the TOML."""
    import json
    import tomllib

    data = tomllib.loads(MINIMAL_BANK.read_text(encoding="utf-8"))
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_bank(str(path)) == load_bank(str(MINIMAL_BANK))


def test_broken_json_bank_names_line_and_column(tmp_path: Path) -> None:
    """Invalid JSON says where, like invalid TOML does."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  oops\n}', encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.json: not valid JSON: .*line 3, column 3"):
        load_bank(str(path))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[" * 5000, r"arrays or objects nested too deeply"),
        ('{"id": NaN}', r"NaN is not a number JSON allows"),
        ('{"id": "x"', r"Expecting ',' delimiter \(at line 1, column 11\)"),
        ('{"id": "x", "id": "y"}', r"the key 'id' is given twice in one object"),
        ("[1, 2]", None),
    ],
)
def test_invalid_json_banks_fail_in_one_line(
    tmp_path: Path, text: str, problem: str | None
) -> None:
    """Deep nesting, NaN, a cut-off file, a key given twice (refused, as TOML refuses it) and a
    top-level array each get one plain message, and the file is left as it was."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    expected = rf"not valid JSON: {problem}$" if problem else "a bank must be a JSON object$"
    with pytest.raises(DataError, match=r"bad\.json: " + expected) as caught:
        load_bank(str(path))
    assert "\n" not in str(caught.value)
    assert path.read_text(encoding="utf-8") == text
