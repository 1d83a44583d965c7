"""A secret of this user's, kept outside every site: it tells their build cache from a copy.

The build cache sits in the site folder (``.authorsite-cache/``), where a pull request can
put files too. What the cache holds is trusted: compiled templates that are run, rendered
Markdown that is published as it is. So the cache is keyed by a stamp made from this
user's secret: a cache folder that a site brought along (written elsewhere, or made up)
bears another stamp, and is emptied before use, as one written by other code is.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

try:  # hashlib's own BLAKE2b: importing hashlib loads OpenSSL for its other hashes, and
    # hmac does too (~5-10 ms of a build with nothing to do, which needs neither)
    from _blake2 import blake2b as blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b as blake2b

KEY_BYTES = 32


def key_path() -> Path:
    """Where the secret is kept: the user's cache folder (``$XDG_CACHE_HOME``, ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "authorsite" / "cache-key"


def _read_or_create(path: Path) -> bytes:
    """The secret at ``path``, made (readable by this user only) if there is none yet."""
    with contextlib.suppress(FileNotFoundError):
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    import secrets  # only to make one: a build that finds it imports less (hmac, OpenSSL)

    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a name of its own, then linked into place: a process that reads
    # meanwhile finds no key or the whole key; two that make one at once agree on the first.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(KEY_BYTES))
        try:
            os.link(temporary, path)
        except FileExistsError:
            damaged = path.is_file() and not path.is_symlink() and path.stat().st_size != KEY_BYTES
            if damaged:  # else every process would key its cache its own way: all cold
                os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise OSError(f"{path} is not an authorsite key")
    return key


@functools.lru_cache(maxsize=1)
def stamp() -> str:
    """This user's stamp for their build caches (the same in every process of theirs).

    Without a place to keep the secret (no writable home), a stamp of this process alone:
    no cache is then taken over from another process, which costs speed, never safety.
    """
    try:
        key = _read_or_create(key_path())
    except OSError:
        import secrets

        key = secrets.token_bytes(KEY_BYTES)
    # BLAKE2b keyed with the secret: a MAC, as HMAC-SHA256 was, without hmac's import
    return blake2b(b"authorsite build cache", key=key, digest_size=16).hexdigest()
