import pytest

from tests.conftest import client_for, make_key


@pytest.fixture
async def api(fresh_seeded_url):
    """A client on a database of its own, and bearer headers for a key of each scope."""
    keys = {scope: make_key(fresh_seeded_url, f"{scope}-key", scope) for scope in ("read", "write", "admin")}
    async for client in client_for(fresh_seeded_url):
        client.url = fresh_seeded_url
        client.auth_for = {scope: {"Authorization": f"Bearer {token}"} for scope, token in keys.items()}
        yield client
