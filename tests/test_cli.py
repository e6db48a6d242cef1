"""The command line as a person meets it: `sanctions-tracker` run as a process, its stderr read off a terminal.
A failure is exactly one line on stderr (no traceback, no blank line, no wrapping at 80 columns), a non-zero
exit code, and nothing written; `serve` says where the docs are and logs JSON without colour codes."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.seeding.loader import load_seeds
from tests.conftest import SEEDS, free_port, snapshot

OFAC_SDN = Path(__file__).parent / "fixtures" / "ofac" / "list" / "sdn.csv"
# The installed command, next to the interpreter: its entry point is part of what is tested.
SANCTIONS_TRACKER = [str(Path(sys.executable).parent / "sanctions-tracker")]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """A seeded SQLite database, migrated by the command line itself."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'tracker.db'}"
    assert run(url, "db", "upgrade").returncode == 0
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
    engine.dispose()
    return url


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    # COLUMNS as a narrow terminal would set it: an error must still not be wrapped.
    env = os.environ | {"DATABASE_URL": url, "COLUMNS": "40"}
    return subprocess.run([*SANCTIONS_TRACKER, *args], env=env, capture_output=True, text=True, timeout=120)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The error, after checking that it is all there is: one line on stderr, nothing on stdout, exit code 1."""
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.split("\n")
    assert len(lines) == 2 and lines[1] == "", result.stderr  # one line, ended by its newline
    assert lines[0].startswith("error: ") and "\x1b" not in lines[0], lines[0]
    return lines[0]


def test_a_downgrade_to_an_unknown_revision_is_one_line_and_changes_nothing(database):
    before = snapshot(database)
    line = one_error_line(run(database, "db", "downgrade", "9999"))
    assert line == "error: revision 9999: Can't locate revision identified by '9999'"
    assert snapshot(database) == before


def test_an_export_to_a_folder_that_does_not_exist_names_the_option_and_writes_nothing(database, tmp_path):
    target = tmp_path / "missing" / "actions.csv"
    line = one_error_line(run(database, "export", "--format", "csv", "--output", str(target)))
    assert line == f"error: --output {target}: cannot write there: No such file or directory"
    assert not (tmp_path / "missing").exists()


def test_importing_a_csv_as_the_un_list_says_it_is_not_xml_unwrapped(database, tmp_path):
    # A path longer than any terminal, to show that the line is not wrapped.
    csv = tmp_path / ("a-file-name-long-enough-to-be-wrapped-at-eighty-columns-" * 2 + "sdn.csv")
    shutil.copy(OFAC_SDN, csv)
    before = snapshot(database)
    line = one_error_line(run(database, "import", "un-xml", str(csv)))
    assert line.startswith(f"error: {csv}: not XML (it begins '12210,")
    assert line.endswith("the UN list is the XML file of the consolidated list")
    assert snapshot(database) == before


def test_importing_a_directory_as_the_un_list_says_it_is_a_directory(database, tmp_path):
    line = one_error_line(run(database, "import", "un-xml", str(tmp_path)))
    assert line == f"error: {tmp_path}: is a directory; give the list's XML file"


def test_a_bad_argument_is_one_line_with_where_to_find_help(database):
    result = run(database, "export", "--format", "xml")
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (2, "", 1), result.stderr
    assert result.stderr.startswith("error: Invalid value for '--format'")
    assert result.stderr.rstrip().endswith("(see sanctions-tracker export --help)")


def test_an_unreachable_database_is_one_line():
    with socket.socket() as closed:  # a port that nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    line = one_error_line(run(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none", "db", "current"))
    assert line.startswith("error: the database: connection failed") and "Connection refused" in line


def test_serve_on_a_busy_port_is_one_line(database):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_error_line(run(database, "serve", "--port", str(port)))
    assert line == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"


def test_serve_says_where_the_docs_are_and_logs_json_without_colour_codes(database, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as stderr:
        server = subprocess.Popen(
            [*SANCTIONS_TRACKER, "serve", "--port", str(port)],
            env=os.environ | {"DATABASE_URL": database},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            for _ in range(200):
                try:
                    assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                pytest.fail(f"serve did not answer on port {port}: {log.read_text()}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    records = [json.loads(line) for line in text.splitlines()]  # every line is a JSON object
    assert "\x1b" not in text and "\\u001b" not in text
    assert not any("color_message" in record for record in records)
    said = [r["message"] for r in records if f"http://127.0.0.1:{port}/docs" in r["message"]]
    assert said == [
        f"serving http://127.0.0.1:{port}: API docs at http://127.0.0.1:{port}/docs, OpenAPI at "
        f"http://127.0.0.1:{port}/openapi.json"
    ]


def test_an_ingest_whose_draft_breaks_a_rule_is_one_line_and_writes_nothing(database):
    before = snapshot(database)
    text = SEEDS / "texts" / "003_2ed3b2d353f707e3.txt"
    line = one_error_line(run(database, "ingest", str(text), "--published", "2030-01-01"))
    assert line.startswith(f"error: {text}: the draft cannot be stored: date: date in the future")
    assert line.endswith("; nothing was written")
    assert snapshot(database) == before
