"""Pseudonyms: the store's secret and the keyed hash every personal identifier becomes.

Below every feature (importers, users, privacy, restore): it needs only the store's
settings. Usage, survey and staff rows carry ``pseudonym(secret, address)``; a user's
e-mail address for sign-in is kept under a different key (``core.users``).
"""
import functools
import hashlib
import hmac
import secrets

from core import store

SECRET_KEY = "pseudonym_secret"


def store_secret(db):
    """Return the store's pseudonym secret, or ``None`` when none was made yet."""
    return store.get_setting(db, SECRET_KEY)


def new_secret():
    """A new random secret (64 hex characters)."""
    return secrets.token_hex(32)


@functools.lru_cache(maxsize=65536)
def pseudonym(secret, identifier):
    """Keyed hash (HMAC-SHA256) of an e-mail address, UPN or id; case and spacing ignored.

    The same person gets the same pseudonym in every file of one store; without the
    store's secret the address cannot be recovered by hashing guesses.
    """
    text = str(identifier).strip().lower()
    return "p-" + hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()[:24]
