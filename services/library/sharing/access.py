"""The secrets of a share link: its token (stored as a SHA-256 hash, like API keys), its
password (a salted scrypt hash, compared in constant time) and the short-lived grants an
unlocked link hands out (HMAC-signed, so any replica checks them without a lookup)."""

import asyncio
import base64
import hashlib
import hmac
import secrets

from pydantic import BaseModel

TOKEN_BYTES = 24
TOKEN_PREFIX_LENGTH = 6
GRANT_TTL_MS = 3_600_000
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class PasswordHash(BaseModel):
    salt: str
    hash: str


def new_token() -> str:
    """A link's token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Tokens are random, so a plain SHA-256 is a safe lookup hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def _scrypt(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)


async def hash_password(password: str) -> PasswordHash:
    salt = secrets.token_bytes(16)
    digest = await asyncio.to_thread(_scrypt, password, salt)
    return PasswordHash(salt=salt.hex(), hash=digest.hex())


async def password_matches(stored: PasswordHash, candidate: str) -> bool:
    digest = await asyncio.to_thread(_scrypt, candidate, bytes.fromhex(stored.salt))
    return hmac.compare_digest(digest, bytes.fromhex(stored.hash))


class Grants:
    """Access grants of unlocked links: `<expiry ms>.<signature>`, signed for one share."""

    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), b"studio share access", hashlib.sha256).digest()

    def issue(self, share_id: str, now_ms: int) -> tuple[str, int]:
        """A grant to the share, and when it expires."""
        expires_ms = now_ms + GRANT_TTL_MS
        return f"{expires_ms}.{self._signature(share_id, expires_ms)}", expires_ms

    def valid(self, share_id: str, grant: str, now_ms: int) -> bool:
        expiry, _, signature = grant.partition(".")
        if not expiry.isdigit() or int(expiry) <= now_ms:
            return False
        expected = self._signature(share_id, int(expiry))
        return hmac.compare_digest(signature.encode(), expected.encode())

    def _signature(self, share_id: str, expires_ms: int) -> str:
        mac = hmac.new(self._key, f"{share_id}.{expires_ms}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")
