"""`sanctions-tracker import un-xml | ofac-csv`: a summary on success; on failure, one line and nothing written."""

import re

from typer.testing import CliRunner

from service.cli import app
from tests.conftest import snapshot
from tests.importers.conftest import OFAC, OFAC_MALFORMED, UN, UN_MALFORMED

runner = CliRunner()


def _run(url: str, *args: str):
    return runner.invoke(app, ["import", *args], env={"DATABASE_URL": url})


def test_un_import_prints_what_it_added_then_a_second_run_changes_nothing(seeded_db):
    first = _run(seeded_db, "un-xml", str(UN))
    assert first.exit_code == 0, first.output
    assert "5 of 7 entries imported, list of 2026-02-27" in first.output
    assert re.search(r"entries\s+│\s+5\s+│\s+0\s+│\s+0\s+│\s+0", first.output)
    before = snapshot(seeded_db)
    second = _run(seeded_db, "un-xml", str(UN))
    assert re.search(r"entries\s+│\s+0\s+│\s+0\s+│\s+5\s+│\s+0", second.output)
    assert snapshot(seeded_db) == before


def test_regime_options_choose_the_un_regimes(seeded_db):
    result = _run(seeded_db, "un-xml", str(UN), "--regime", "DPRK", "--regime", "LIBYA")
    assert result.exit_code == 0, result.output
    assert "7 of 7 entries imported" in result.output


def test_ofac_import_takes_programs_and_the_list_date(seeded_db):
    result = _run(
        seeded_db, "ofac-csv", str(OFAC), "--program", "DPRK", "--program", "DPRK2", "--list-date", "2021-06-01"
    )
    assert result.exit_code == 0, result.output
    assert "4 of 9 entries imported, list of 2021-06-01" in result.output
    assert "note: 1 row(s) of add/alt/comments name no entry of sdn.csv: skipped" in result.output


def test_a_dry_run_reports_and_writes_nothing(seeded_db):
    before = snapshot(seeded_db)
    result = _run(seeded_db, "un-xml", str(UN), "--dry-run")
    assert result.exit_code == 0, result.output
    assert re.search(r"entries\s+│\s+5\s+│", result.output)
    assert snapshot(seeded_db) == before


def test_a_malformed_un_file_exits_non_zero_naming_entry_and_field_and_writes_nothing(seeded_db):
    before = snapshot(seeded_db)
    result = _run(seeded_db, "un-xml", str(UN_MALFORMED))
    assert result.exit_code == 1
    assert "consolidated_malformed.xml:95: entry KPi.006, field LISTED_ON: not a date (YYYY-MM-DD): '2013-22-01'" in (
        result.output
    )
    assert "nothing was written" in result.output
    assert snapshot(seeded_db) == before


def test_a_malformed_ofac_file_exits_non_zero_and_writes_nothing(seeded_db):
    before = snapshot(seeded_db)
    result = _run(seeded_db, "ofac-csv", str(OFAC_MALFORMED), "--list-date", "2021-06-01")
    assert result.exit_code == 1
    assert "sdn.csv:3: entry 17084, field SDN_Type" in result.output
    assert snapshot(seeded_db) == before


def test_an_undated_or_older_list_is_one_line_naming_the_option_or_the_dates_and_exit_1(seeded_db):
    undated = _run(seeded_db, "ofac-csv", str(OFAC))
    assert undated.exit_code == 1
    assert "the file gives no date: say which day the list is of with --list-date YYYY-MM-DD" in undated.output
    assert _run(seeded_db, "ofac-csv", str(OFAC), "--list-date", "2021-07-01").exit_code == 0
    before = snapshot(seeded_db)
    older = _run(seeded_db, "ofac-csv", str(OFAC), "--list-date", "2021-06-01")
    assert older.exit_code == 1
    assert (
        "this list is of 2021-06-01, older than the OFAC Specially Designated Nationals (SDN) List of 2021-07-01"
        in (" ".join(older.output.split()))
    )
    assert snapshot(seeded_db) == before
    forced = _run(seeded_db, "ofac-csv", str(OFAC), "--list-date", "2021-06-01", "--force")
    assert forced.exit_code == 0, forced.output


def test_a_missing_file_or_folder_is_one_line_and_exit_1(seeded_db, tmp_path):
    assert "no such file" in _run(seeded_db, "un-xml", str(tmp_path / "none.xml")).output
    result = _run(seeded_db, "ofac-csv", str(tmp_path))
    assert (result.exit_code, "no sdn.csv in this directory" in result.output) == (1, True)


def test_an_unmigrated_database_is_refused(empty_url):
    result = _run(empty_url, "un-xml", str(UN))
    assert result.exit_code == 1
    assert "sanctions-tracker db upgrade" in result.output
