"""Contract fuzzing: schemathesis against the served /openapi.json, every operation, with an admin key (so the
writes are fuzzed too), over real HTTP: no 5xx, no undocumented status code, content type or header, no body
that breaks its schema, invalid input refused, unsupported methods answered 405."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _PG_SKIP
from tests.http.conftest import seeded_database, serving

# Every check schemathesis has, but one: positive_data_acceptance expects every request the schema allows to be
# accepted, and the schema cannot say which opaque cursors, ids or quotes exist (a well-formed cursor this service
# never issued is rightly a 422, an id no record has a 404).
EXCLUDED_CHECKS = "positive_data_acceptance"
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_schemathesis_finds_no_contract_violation(backend: str, tmp_path: Path):
    if backend == "postgresql" and _PG_SKIP:
        pytest.skip(_PG_SKIP)
    log = tmp_path / "server.log"
    for database in seeded_database(backend, tmp_path):
        with serving(database, log=log) as served:
            result = subprocess.run(
                [
                    shutil.which("schemathesis", path=os.path.dirname(sys.executable)) or "schemathesis",
                    "--config-file",
                    str(CONFIG),
                    "run",
                    f"{served.base_url}/openapi.json",
                    "--header",
                    f"Authorization: Bearer {served.admin_key}",
                    "--checks",
                    "all",
                    "--exclude-checks",
                    EXCLUDED_CHECKS,
                    "--max-examples",
                    "10",
                    "--seed",
                    "1",
                    "--no-color",
                ],
                capture_output=True,
                text=True,
                timeout=900,
            )
        # What the server logged above INFO (the traceback of a 500) says why a check failed.
        logged = [line for line in log.read_text(errors="replace").splitlines() if '"level": "INFO"' not in line]
        assert result.returncode == 0, result.stdout[-8000:] + "\n".join(["server log:", *logged[-80:]])
        assert " passed" in result.stdout and "failures" not in result.stdout.lower().split("summary")[-1]
