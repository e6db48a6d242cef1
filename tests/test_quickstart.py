"""The README's quickstart, as a person runs it: `serve --init`, then `import un-xml` of the list in lists/,
then the question about resolution 1718 to the running server."""

import subprocess
import sys
import xml.etree.ElementTree as ET

import httpx

from service.config import PROJECT_ROOT
from tests.conftest import free_port, start_server

UN_LIST = PROJECT_ROOT / "lists" / "un_consolidated.xml"


def dprk_references() -> set[str]:
    """The UN references of the list's DPRK regime, read from the file itself."""
    root = ET.parse(UN_LIST).getroot()
    return {
        entry.findtext("REFERENCE_NUMBER").strip()
        for entry in root.iter()
        if entry.tag in ("INDIVIDUAL", "ENTITY") and entry.findtext("UN_LIST_TYPE") == "DPRK"
    }


def test_the_quickstart_finds_156_actions_citing_1718(tmp_path):
    url = f"sqlite:///{tmp_path / 'quickstart.db'}"
    port = free_port()
    server = start_server(["service.cli", "serve", "--init", "--port", str(port)], url, port)
    try:
        base = f"http://127.0.0.1:{port}/v1/resolutions/1718"
        seeded = httpx.get(base).json()["action_count"]
        imported = subprocess.run(
            [sys.executable, "-m", "service.cli", "import", "un-xml", str(UN_LIST)],
            env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )
        assert imported.returncode == 0, imported.stderr
        references = dprk_references()
        assert len(references) == 155  # 80 individuals and 75 entities, as lists/README.md says
        assert httpx.get(base).json()["action_count"] == seeded + 155 == 156
        actions = httpx.get(f"{base}/actions", params={"limit": 200}).json()
        assert len(actions["items"]) == 156 and actions["next_cursor"] is None
        designations = [a for a in actions["items"] if a["type"] == "designation"]
        assert len(designations) == 155
    finally:
        server.terminate()
        server.wait(timeout=30)
