"""Contract fuzzing: schemathesis against the app's own /openapi.json, every operation, with a key of every
scope, over real HTTP: no 5xx, no undocumented status code or content type, no body that breaks its schema."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from service import migrations
from service.config import Settings
from service.db import make_engine
from service.seeding.loader import load_seeds
from tests.conftest import SEEDS, free_port, make_key, start_server

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)


def test_schemathesis_finds_no_contract_violation(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    with Session(engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
    engine.dispose()
    token = make_key(url, "fuzz", "admin")
    port = free_port()
    server = start_server(["uvicorn", "service.asgi:app", "--port", str(port), "--no-access-log"], url, port)
    try:
        result = subprocess.run(
            [
                shutil.which("schemathesis", path=os.path.dirname(sys.executable)) or "schemathesis",
                "run",
                f"http://127.0.0.1:{port}/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                CHECKS,
                "--max-examples",
                "10",
                "--seed",
                "1",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert result.returncode == 0, result.stdout[-6000:]
    assert " passed" in result.stdout and "failures" not in result.stdout.lower().split("summary")[-1]
