"""`sanctions-tracker export` (service/export/cli.py) and `sanctions-tracker import ftm` (service/importers/cli.py),
through the Typer app."""

import subprocess
import sys

import typer
from typer.testing import CliRunner

from service.actions.schemas import ActionFilters, ExportFilters
from service.cli import app
from service.export.service import Format, export_chunks
from tests.conftest import snapshot
from tests.export.conftest import DESIGNATION, ZALA, all_actions, json_lines, session_on

runner = CliRunner()


def test_export_writes_to_a_file_what_the_exporter_streams(listed_url, tmp_path):
    path = tmp_path / "designations.csv"
    result = runner.invoke(
        app,
        ["export", "--format", "csv", "--output", str(path), "--resolution", "2397", "--date-from", "2017-01-01"],
        env={"DATABASE_URL": listed_url},
    )
    assert result.exit_code == 0, result.output
    with session_on(listed_url) as session:
        expected = "".join(export_chunks(session, Format.csv, ActionFilters(resolution=2397, date_from="2017-01-01")))
    assert path.read_bytes().decode("utf-8") == expected  # CRLF rows, as RFC 4180 has them
    assert DESIGNATION in expected
    assert "exported 1 action(s) as csv" in result.stderr
    assert not (tmp_path / "designations.csv.part").exists()


def test_export_writes_to_stdout_without_output(listed_url):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--type", "veto"], env={"DATABASE_URL": listed_url})
    assert result.exit_code == 0, result.output
    assert [line["type"] for line in json_lines(result.stdout)] == ["veto"]


def test_export_with_a_bad_filter_exits_1_naming_the_option(listed_url):
    result = runner.invoke(
        app,
        ["export", "--format", "ftm", "--date-from", "2024-02-01", "--date-to", "2024-01-01"],
        env={"DATABASE_URL": listed_url},
    )
    assert result.exit_code == 1
    assert "--date-to: Value error, is before date_from" in result.stderr
    result = runner.invoke(app, ["export", "--format", "ftm", "--role", "boss"], env={"DATABASE_URL": listed_url})
    assert result.exit_code == 1
    assert "--role:" in result.stderr


def test_import_ftm_loads_the_zala_excerpt_and_a_second_run_changes_nothing(fresh_seeded_url):
    first = runner.invoke(app, ["import", "ftm", str(ZALA)], env={"DATABASE_URL": fresh_seeded_url})
    assert first.exit_code == 0, first.output
    assert len([id for id in all_actions(fresh_seeded_url) if id.startswith("act-ftm-")]) == 7
    before = snapshot(fresh_seeded_url)
    second = runner.invoke(app, ["import", "ftm", str(ZALA)], env={"DATABASE_URL": fresh_seeded_url})
    assert second.exit_code == 0, second.output
    assert snapshot(fresh_seeded_url) == before
    assert "│ actions │     0 │       0 │         7 │" in second.stdout


def test_import_ftm_of_a_bad_file_exits_1_naming_the_line_and_writes_nothing(fresh_seeded_url, tmp_path):
    path = tmp_path / "bad.ftm.json"
    lines = ZALA.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"schema": ', '"schema": "Nope", "x": ', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(fresh_seeded_url)
    result = runner.invoke(app, ["import", "ftm", str(path)], env={"DATABASE_URL": fresh_seeded_url})
    assert result.exit_code == 1
    assert "bad.ftm.json:4:" in result.stderr and "field schema" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(fresh_seeded_url) == before


def test_import_ftm_dry_run_writes_nothing(fresh_seeded_url):
    before = snapshot(fresh_seeded_url)
    result = runner.invoke(app, ["import", "ftm", str(ZALA), "--dry-run"], env={"DATABASE_URL": fresh_seeded_url})
    assert result.exit_code == 0, result.output
    assert "dry run" in result.stdout
    assert snapshot(fresh_seeded_url) == before


def test_the_export_options_are_the_filters_of_the_export_route():
    """Made from ExportFilters when `export` is run or asked for its help, and only then."""
    command = typer.main.get_command(app).commands["export"]
    options = {param.name: param for param in command.params}
    assert set(ExportFilters.model_fields) <= set(options)
    assert options["date_from"].opts == ["--date-from"]
    assert options["q"].help == ExportFilters.model_fields["q"].description


def test_the_list_of_commands_does_not_load_the_filters():
    """The top-level help, which every command's start resembles, must not import the models to list `export`."""
    code = (
        "import sys; from typer.testing import CliRunner; from service.cli import app; "
        "result = CliRunner().invoke(app, ['--help']); "
        "assert 'export' in result.stdout, result.stdout; "
        "print('service.actions.schemas' in sys.modules)"
    )
    listed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert listed.stdout.strip() == "False"
