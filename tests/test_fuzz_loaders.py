"""Fuzzing both loaders: whatever a file holds, only a StepbackError ever escapes.

Arbitrary text and bytes exercise the reading, decoding and TOML layers; TOML documents built
from arbitrary values, and the small bank with parts of it replaced by arbitrary values,
reach the shape and cross-reference checks behind them. Through the CLI, every one of these
is exit code 1 with a message, never a traceback.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stepback.cli import app
from stepback.errors import EXIT_BAD_DATA, DataError, StepbackError
from stepback.files.answers import load_answers, read_answers_file
from stepback.files.banks import bank_from_data, load_bank
from tests.helpers import MINIMAL_BANK, examples, minimal_bank

MINI_DATA: dict[str, Any] = tomllib.loads(MINIMAL_BANK.read_text(encoding="utf-8"))
FUZZ = settings(
    max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Random documents mostly fail on their first key; the damaged-bank fuzz goes deeper.
WIDE_FUZZ = settings(
    max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CLI_FUZZ = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Any value TOML can hold, nested a little.
toml_scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=6,
)
# Keys and values close to valid ones, so that many documents get past the shape check.
question_ids = st.deferred(
    lambda: st.sampled_from([q.id for q in minimal_bank().questions])
) | st.text(max_size=12)
choice_values = (
    st.sampled_from(sorted({c.key for q in minimal_bank().questions for c in q.choices}))
    | st.integers(min_value=-2, max_value=5)
    | toml_values
)
answers_documents = st.fixed_dictionaries(
    {"answers": st.dictionaries(question_ids, choice_values, max_size=6)},
    optional={
        "bank": st.sampled_from(["mini", "core"]) | toml_values,
        "bank_version": st.sampled_from(["0.1.0"]) | toml_values,
        "extra": toml_values,
    },
)


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file rewritten by every example (a per-example tmp_path would be slow)."""
    return tmp_path_factory.mktemp("fuzz") / "input.toml"


def failure(load: Callable[[], object]) -> str | None:
    """The message of the StepbackError ``load`` raises, or None; any other error escapes."""
    try:
        load()
    except StepbackError as error:
        return error.message
    return None


def answers_from(path: Path) -> None:
    """Load ``path`` as answers: a result, or a message that names the file."""
    message = failure(lambda: load_answers(str(path), minimal_bank()))
    assert message is None or message.startswith(f"{path}: ")


def bank_from(path: Path) -> None:
    message = failure(lambda: load_bank(str(path)))
    assert message is None or message.startswith(f"{path}: ")


LOADERS: dict[str, Callable[[Path], None]] = {"answers": answers_from, "bank": bank_from}


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FUZZ
@given(text=st.text())
def test_loader_on_any_text(fuzz_file: Path, kind: str, text: str) -> None:
    """Any text at all, as an answers file or a bank."""
    fuzz_file.write_text(text, encoding="utf-8")
    LOADERS[kind](fuzz_file)


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FUZZ
@given(data=st.binary())
def test_loader_on_any_bytes(fuzz_file: Path, kind: str, data: bytes) -> None:
    """Any bytes at all, as an answers file or a bank; reading never changes the file."""
    fuzz_file.write_bytes(data)
    LOADERS[kind](fuzz_file)
    assert fuzz_file.read_bytes() == data


@FUZZ
@given(document=answers_documents)
def test_answers_loader_on_any_toml_document(fuzz_file: Path, document: dict[str, Any]) -> None:
    """Well-formed TOML of any shape and values, many of them nearly right."""
    fuzz_file.write_text(tomli_w.dumps(document), encoding="utf-8")
    answers_from(fuzz_file)


@WIDE_FUZZ
@given(
    raw=st.dictionaries(
        st.sampled_from(sorted(MINI_DATA)) | st.text(max_size=8), toml_values, max_size=6
    )
)
def test_bank_from_data_on_any_document(raw: dict[str, Any]) -> None:
    """Any TOML document handed to bank_from_data fails with a DataError, naming the label."""
    with pytest.raises(DataError) as caught:
        bank_from_data(raw, "fuzzed.toml")
    assert caught.value.message.startswith("fuzzed.toml: ")


def _places(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every key path into ``node``: each is a place a mutation can replace."""
    if path:
        yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _places(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _places(child, (*path, index))


PLACES = list(_places(MINI_DATA))


@st.composite
def mutated_banks(draw: st.DrawFn) -> dict[str, Any]:
    """The minimal bank with one to three parts replaced, or deleted, at random."""
    raw = copy.deepcopy(MINI_DATA)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PLACES))
        parent: Any = raw
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
                continue
            parent[path[-1]] = draw(toml_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    return raw


@FUZZ
@given(raw=mutated_banks())
def test_bank_from_data_on_a_damaged_bank(raw: dict[str, Any]) -> None:
    """A valid bank with a few parts broken: a Bank or a DataError, nothing else."""
    message = failure(lambda: bank_from_data(raw, "mutated.toml"))
    assert message is None or message.startswith("mutated.toml: ")


def test_role_choice_key_that_is_an_array_is_a_data_error() -> None:
    """Found by the fuzz above: `key = []` on a choice of the role question."""
    raw = copy.deepcopy(MINI_DATA)
    raw["questions"][0]["choices"][0]["key"] = []
    with pytest.raises(DataError, match=r"questions\[0\]\.choices\[0\]\.key"):
        bank_from_data(raw, "mutated.toml")


def test_fuzzed_answers_reach_the_answer_checks(tmp_path: Path) -> None:
    """The document strategy is not wasted on shape errors: a near miss gets to the bank."""
    path = tmp_path / "near.toml"
    path.write_text(tomli_w.dumps({"answers": {"current_role": "ic", "enjoy_coding": 9}}))
    assert read_answers_file(str(path)).answers["enjoy_coding"] == 9
    with pytest.raises(DataError, match="unknown choice 9"):
        load_answers(str(path), minimal_bank())


@CLI_FUZZ
@given(data=st.binary())
def test_cli_turns_any_answers_file_into_exit_1(fuzz_file: Path, data: bytes) -> None:
    """Through ``quiz --answers``: exit 1 with a message on stderr, never a traceback."""
    fuzz_file.write_bytes(data)
    result = CliRunner().invoke(
        app, ["quiz", "--bank", str(MINIMAL_BANK), "--answers", str(fuzz_file)]
    )
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr.startswith(f"{fuzz_file}: ")
    assert "Traceback" not in result.output


@CLI_FUZZ
@given(text=st.text())
def test_cli_turns_any_bank_file_into_exit_1(fuzz_file: Path, text: str) -> None:
    """Through ``explain --bank``: exit 1 with a message on stderr, never a traceback."""
    fuzz_file.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", "--bank", str(fuzz_file)])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == EXIT_BAD_DATA
    assert result.stderr.startswith(f"{fuzz_file}: ")
    assert "Traceback" not in result.output
