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
import hashlib
import hmac
import os
import secrets
from pathlib import Path

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
        key = secrets.token_bytes(KEY_BYTES)
    return hmac.new(key, b"authorsite build cache", hashlib.sha256).hexdigest()[:32]
