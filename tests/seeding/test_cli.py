"""`sanctions-tracker seed` refuses a bad seed directory with file, line and field, and writes nothing."""

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.conftest import SEEDS, snapshot

runner = CliRunner()


def _run(url: str, *args: str):
    return runner.invoke(app, list(args), env={"DATABASE_URL": url})


@pytest.fixture
def seeded(migrated_url):
    result = _run(migrated_url, "seed", str(SEEDS))
    assert result.exit_code == 0, result.output
    return migrated_url


def test_seed_prints_what_it_added_then_that_a_second_run_changes_nothing(migrated_url):
    first = _run(migrated_url, "seed", str(SEEDS))
    assert first.exit_code == 0, first.output
    assert re.search(r"actions\s+│\s+10\s+│\s+0\s+│\s+0", first.output)
    before = snapshot(migrated_url)
    second = _run(migrated_url, "seed", str(SEEDS))
    assert re.search(r"actions\s+│\s+0\s+│\s+0\s+│\s+10", second.output)
    assert snapshot(migrated_url) == before


def test_dry_run_reports_and_writes_nothing(migrated_url):
    before = snapshot(migrated_url)
    result = _run(migrated_url, "seed", str(SEEDS), "--dry-run")
    assert result.exit_code == 0, result.output
    assert re.search(r"actions\s+│\s+10\s+│", result.output)
    assert snapshot(migrated_url) == before


def test_seed_refuses_an_unmigrated_database(empty_url):
    result = _run(empty_url, "seed", str(SEEDS))
    assert result.exit_code == 1
    assert "db upgrade" in result.output


def _edit(directory: Path, name: str, old: str, new: str) -> int:
    """Replace the first `old` in a seed file; the 1-based line where the change lands."""
    path = directory / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


# (file, text to replace, replacement, field the message must name, words it must contain)
BAD_SEEDS = {
    "invalid YAML": ("actors.yaml", "  kind: state\n", "  kind: [state\n", None, "not valid YAML"),
    "wrong type": ("actors.yaml", "  kind: state\n", "  kind: planet\n", "kind", "Input should be"),
    "unknown resolution": (
        "actions.yaml",
        "number: 1874",
        "number: 9999",
        "resolutions.1.number",
        "unknown resolution 9999",
    ),
    "dangling reference": (
        "actions.yaml",
        "id: state-us",
        "id: state-xx",
        "actors.0.id",
        "unknown actor 'state-xx'",
    ),
    "duplicate id": ("actors.yaml", "id: state-ru", "id: state-kp", "id", "already used"),
    "impossible date": ("actions.yaml", "date: 2024-10-29", "date: 2024-02-30", "date", "valid date"),
    "future date": ("actions.yaml", "date: 2024-10-29", "date: 2999-10-29", "date", "in the future"),
    "date after its source": ("actions.yaml", "date: 2023-07-31", "date: 2023-08-30", "date", "after the publication"),
    "quote not in source": (
        "actions.yaml",
        'quote: "We call on the DPRK',
        'quote: "We call upon the DPRK',
        "actors.11.quote",
        "not found word for word",
    ),
    "month date not on the first": ("actions.yaml", "date: 2024-03-01", "date: 2024-03-28", None, "month's first day"),
}


@pytest.mark.parametrize("case", BAD_SEEDS, ids=list(BAD_SEEDS))
def test_a_bad_seed_file_is_refused_with_file_line_and_field_and_nothing_is_written(seeded, tmp_path, case):
    name, old, new, field, words = BAD_SEEDS[case]
    bad = tmp_path / "seeds"
    shutil.copytree(SEEDS, bad)
    line = _edit(bad, name, old, new)
    # A valid change next to the bad one must not be written either: loads are all or nothing.
    _edit(bad, "officials.yaml", "name: John Kirby", "name: John F. Kirby")
    before = snapshot(seeded)

    result = _run(seeded, "seed", str(bad))

    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{name}:" in message
    assert words in message
    if field:
        assert f"field {field}" in message
    lines = [int(n) for n in re.findall(rf"{re.escape(name)}:(\d+)", message)]
    if field:
        assert line in lines, (line, message)  # the very line of the field at fault
    else:
        # a whole-record or syntax problem: the record's first lines, or where the parser stopped
        assert any(line - 12 <= found <= line + 1 for found in lines), (line, message)
    assert "nothing was written" in message
    assert snapshot(seeded) == before
