"""The secretariat's passphrase hash: scrypt with a random salt, checked in constant time."""

from __future__ import annotations

import base64
import hashlib

import pytest

from mcda.hosting.passphrase import MIN_LENGTH, PassphraseError, hash_passphrase, parse_hash, verify_passphrase

PASSPHRASE = "fjord lemen nordlys 42"
FAST = {"n": 2**10, "r": 8, "p": 1}  # small parameters keep the tests quick; the default is checked once


def test_the_hash_is_scrypt_with_the_stated_parameters_and_matches_hashlib() -> None:
    salt = bytes(range(16))
    encoded = hash_passphrase(PASSPHRASE, salt=salt, **FAST)
    scheme, n, r, p, salt_text, key_text = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")
    key = base64.urlsafe_b64decode(key_text + "=" * (-len(key_text) % 4))
    expected = hashlib.scrypt(PASSPHRASE.encode(), salt=salt, n=1024, r=8, p=1, dklen=32)  # independent call
    assert key == expected
    assert base64.urlsafe_b64decode(salt_text + "=" * (-len(salt_text) % 4)) == salt


def test_the_default_parameters_and_a_fresh_salt_each_time() -> None:
    first, second = hash_passphrase(PASSPHRASE), hash_passphrase(PASSPHRASE)
    assert first != second  # random salt
    assert parse_hash(first).n == 2**15
    assert verify_passphrase(PASSPHRASE, first) and verify_passphrase(PASSPHRASE, second)


@pytest.mark.parametrize("wrong", ["fjord lemen nordlys 43", "", "x" * 5000, None, PASSPHRASE.upper()])
def test_a_wrong_passphrase_is_refused(wrong) -> None:
    assert not verify_passphrase(wrong, hash_passphrase(PASSPHRASE, **FAST))


def test_verify_compares_in_constant_time(monkeypatch) -> None:
    import hmac

    from mcda.hosting import passphrase

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(passphrase.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    verify_passphrase(PASSPHRASE, hash_passphrase(PASSPHRASE, **FAST))
    assert calls == [1]


def test_short_passphrases_are_refused_with_the_minimum() -> None:
    with pytest.raises(PassphraseError, match=str(MIN_LENGTH)):
        hash_passphrase("kort")


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "bcrypt$1$2$3$4$5",
        "scrypt$1024$8$1$AAAA",
        "scrypt$x$8$1$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$1000$8$1$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # N not a power of two
        "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # 1 TiB of memory
        "scrypt$1024$8$1$AA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # salt too short
    ],
)
def test_hash_strings_that_are_not_ours_are_refused(encoded: str) -> None:
    with pytest.raises(PassphraseError):
        parse_hash(encoded)
