"""A client generated from the served /openapi.json by openapi-python-client, with no warning, works for the
main journey: paging, an idempotent create, a conditional change, the change feed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.http.conftest import Served

HERE = Path(__file__).with_name("client")


def test_a_generated_client_does_the_main_journey(served: Served, tmp_path: Path):
    (tmp_path / "openapi.json").write_text(httpx.get(f"{served.base_url}/openapi.json").text)
    bin_dir = Path(sys.executable).parent
    environment = os.environ | {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}  # its ruff post-hooks
    generated = subprocess.run(
        [bin_dir / "openapi-python-client", "generate", "--path", "openapi.json", "--output-path", "client"]
        + ["--config", str(HERE / "openapi-python-client.yaml")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "warning" not in (generated.stdout + generated.stderr).lower(), generated.stdout + generated.stderr
    journey = subprocess.run(
        [sys.executable, HERE / "journey.py", served.base_url, served.write_key],
        env=environment | {"PYTHONPATH": str(tmp_path / "client")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert journey.returncode == 0, journey.stderr
    report = json.loads(journey.stdout)
    with served.client() as client:
        expected = [a["id"] for a in client.get("/v1/resolutions/1718/actions", params={"limit": 500}).json()["items"]]
    assert report["cited"] == expected and expected
    assert report["created"] == [201, 201, "true"]
    assert report["stale_patch"] == 412
    assert report["patched"] == [200, "Journey Shipping Ltd"]
    assert report["feed_tail"] == [
        ["actor-client-journey", "create", "ActorChange", "Journey Shipping Co"],
        ["actor-client-journey", "update", "ActorChange", "Journey Shipping Ltd"],
    ]
