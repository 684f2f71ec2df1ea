"""The secretariat's passphrase: stored only as a salted scrypt hash (RFC 7914, :func:`hashlib.scrypt`).

The hash string is ``scrypt$N$r$p$salt$hash`` with the salt and the derived key in unpadded URL-safe
base64, so it fits in an environment variable (``MCDA_SECRETARIAT_HASH``). Checking a passphrase derives
the key again with the stored parameters and compares in constant time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCHEME = "scrypt"
N, R, P = 2**15, 8, 1  # 32 MiB and ~0.1 s per check on a laptop: cheap for a sign-in, dear for guessing
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 12
MAX_LENGTH = 1024  # a longer input is refused before any work is done
_MAX_N = 2**20  # parameters a hash may carry (bounds the memory a check may take)
_MAX_R, _MAX_P = 32, 16


class PassphraseError(ValueError):
    """A passphrase too short or too long to hash, or a hash string that is not ours."""


@dataclass(frozen=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    def encoded(self) -> str:
        return "$".join((SCHEME, str(self.n), str(self.r), str(self.p), _b64(self.salt), _b64(self.key)))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    memory = 128 * r * n * 2 + 1024 * 1024  # scrypt needs 128·r·N bytes; leave room
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=length)


def hash_passphrase(passphrase: str, *, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    """The hash string of ``passphrase`` with a fresh random salt (or ``salt``, for tests)."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"the passphrase is too short: use at least {MIN_LENGTH} characters")
    if len(passphrase) > MAX_LENGTH:
        raise PassphraseError(f"the passphrase is too long: use at most {MAX_LENGTH} characters")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    return ScryptHash(n, r, p, salt, _derive(passphrase, salt, n, r, p, KEY_BYTES)).encoded()


def parse_hash(encoded: str) -> ScryptHash:
    """The parts of a hash string, or PassphraseError saying what is wrong with it."""
    parts = encoded.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise PassphraseError("it is not a hash made by 'mcda secretariat-hash' (expected scrypt$N$r$p$salt$hash)")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    except ValueError:
        raise PassphraseError("its numbers or its base64 parts cannot be read") from None
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise PassphraseError(f"its parameters N={n}, r={r}, p={p} are outside what this tool accepts")
    if len(salt) < 8 or len(key) < 16:
        raise PassphraseError("its salt or its key is too short")
    return ScryptHash(n, r, p, salt, key)


def verify_passphrase(passphrase: object, encoded: str) -> bool:
    """Whether ``passphrase`` is the one ``encoded`` was made from (constant-time comparison)."""
    stored = parse_hash(encoded)
    if not isinstance(passphrase, str) or not 0 < len(passphrase) <= MAX_LENGTH:
        return False
    derived = _derive(passphrase, stored.salt, stored.n, stored.r, stored.p, len(stored.key))
    return hmac.compare_digest(derived, stored.key)
