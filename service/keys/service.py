"""API keys: `st_<id>_<secret>`. The id finds the key; only the secret's SHA-256 is stored, and it is compared in
constant time. Secrets are 256 random bits, so a plain hash is enough: there is nothing to brute-force."""

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.models import ApiKey
from service.models.base import utcnow
from service.principal import Principal
from service.vocabulary import Scope

PREFIX = "st"


class KeyProblem(Exception):
    """A key operation that cannot be done (duplicate name, unknown key)."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, name: str, scope: Scope) -> str:
    """Store a new key and return its full token, which is never shown again."""
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    session.add(ApiKey(id=key_id, name=name, scope=scope, secret_sha256=_digest(secret)))
    try:
        session.flush()
    except IntegrityError:
        raise KeyProblem(f"a key named {name!r} exists already") from None
    return f"{PREFIX}_{key_id}_{secret}"


def revoke_key(session: Session, name: str) -> None:
    key = session.scalar(select(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None)))
    if key is None:
        raise KeyProblem(f"no active key named {name!r}")
    key.revoked_at = utcnow()


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.name)))


def authenticate(session: Session, token: str) -> Principal | None:
    """The key a token belongs to, if the token is whole, the key active and the secret right."""
    prefix, _, rest = token.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not key_id or not secret:
        return None
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(_digest(secret), key.secret_sha256):
        return None
    return Principal(key.id, key.name, Scope(key.scope))
