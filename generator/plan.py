"""Which pages a rebuild renders: the fingerprint of everything each page is made from.

A page whose fingerprint is the one the last build saved for its file is not rendered
again (see :class:`Fingerprinter`); ``serve`` keeps the fingerprints of the
very page objects it made, and takes them again without any work.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import cache as cachelib
from generator.cache import field_names
from generator.discover import tree

if TYPE_CHECKING:
    from generator.reuse import Reuse
    from generator.routes import Page


def templates_key(search_path: Sequence[Path]) -> str:
    """A hash of every template (names and bytes), in search order."""
    parts: list[str | bytes] = []
    for folder in search_path:
        for path in sorted(tree(folder)):  # not too deep: _refuse_outside_links listed it
            if path.is_file():
                parts += [str(path.relative_to(folder)), path.read_bytes()]
        parts.append("|")
    return cachelib.digest(*parts)


def plan_pages(
    pages: Sequence[Page], keys: dict[int, str], templates_key: str, reuse: Reuse | None = None
) -> list[tuple[Page, str | None]]:
    """Each page with the fingerprint of everything it is rendered from (None: unknown).

    A page that is the very object of the last build (``reuse``) has its fingerprint again.
    """
    fingerprints = Fingerprinter(keys, None if reuse is None else reuse.object_keys)
    planned: list[tuple[Page, str | None]] = []
    known = {}
    if reuse is not None and reuse.templates_key == templates_key:
        known = reuse.fingerprints
    made: dict[int, str | None] = {}  # id(page) -> fingerprint, for the pages ``within``
    for page in pages:
        last = known.get(id(page))
        if last is not None and last[0] is page:
            planned.append(last)
            made[id(page)] = last[1]
        else:
            planned.append((page, page_fingerprint(fingerprints, templates_key, page, made)))
    if reuse is not None:
        reuse.fingerprints = {id(entry[0]): entry for entry in planned}
        reuse.templates_key = templates_key
        reuse.object_keys = fingerprints.made()
    return planned


def page_fingerprint(
    fingerprints: Fingerprinter,
    templates_key: str,
    page: Page,
    made: dict[int, str | None],
) -> str | None:
    """:func:`_fingerprint`, or for a page ``within`` one in ``made`` (id -> fingerprint),
    made from that page's; noted in ``made`` for the pages within this one."""
    if page.within is not None and id(page.within) in made:
        outer = made[id(page.within)]
        # ``outer`` is a fixed-length hex digest: joined to the path, nothing is ambiguous.
        fp = (
            None
            if outer is None
            else hashlib.blake2b(f"{outer}{page.output}".encode(), digest_size=16).hexdigest()
        )
    else:
        fp = _fingerprint(fingerprints, templates_key, page)
    made[id(page)] = fp
    return fp


def _fingerprint(fingerprints: Fingerprinter, templates_key: str, page: Page) -> str | None:
    """The fingerprint of everything ``page`` is rendered from; None when a context
    cannot be seen into (such a page is always rendered)."""
    context = page.context
    try:
        return fingerprints.digest(
            (
                templates_key,
                page.output,
                page.url,
                page.templates,
                page.body,
                fingerprints._stand_ins(context) if type(context) is dict else context,
                page.derive and page.derive.__qualname__,
                page.expand and page.expand.__qualname__,
            )
        )
    except TypeError:
        return None


class Fingerprinter:
    """Hashes page contexts; model objects (dataclasses) hash once per build, by identity.

    A context is serialised by the C pickler, with each dataclass instance replaced by its
    own key (a record's key is its source's hash): pickling is a hundred times cheaper
    than walking the values in Python, and this runs over every page of every build.
    Memoisation of repeated objects is off, so equal values always give equal bytes.
    """

    def __init__(
        self,
        known: Mapping[int, str] | None = None,
        carried: Mapping[int, tuple[Any, str]] | None = None,
    ) -> None:
        # id(record) -> record key, for records whose key is their source's hash
        self.memo: dict[int, str] = dict(known or {})
        self.keep: list[Any] = []  # keeps memoised objects alive so ids stay unique
        # id -> (object, key) from an earlier Fingerprinter of the same process (serve):
        # those objects' keys are not computed again (a profile's walks all its papers).
        self.carried = carried or {}
        self._buffer = io.BytesIO()
        self._pickler = _KeyPickler(self._buffer, self)  # one for every page: see of()
        # id -> (tuple, its stand-in) for tuples of model objects met before: papers of
        # the same site authors share one tuple of them (see routes._owners_of)
        self._tuples: dict[int, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    def made(self) -> dict[int, tuple[Any, str]]:
        """The keys this fingerprinter computed or used from ``carried``, for the next one."""
        return {id(value): (value, self.memo[id(value)]) for value in self.keep}

    def of(self, *values: Any) -> str:
        """The fingerprint of ``values``; TypeError when one cannot be serialised.

        A dict among ``values`` (a page's context) first has its model objects, and its
        tuples of them, replaced by their keys: the pickler would call back into Python
        for each of them on every page (a site's config, a paper and its authors: ~10
        calls a page). Whether a value is replaced depends only on its type, so the same
        context always gives the same bytes.
        """
        return self.digest(tuple(self._stand_ins(v) if type(v) is dict else v for v in values))

    def digest(self, flat: tuple[Any, ...]) -> str:
        """The fingerprint of values whose contexts are replaced already (see :meth:`of`):
        a page's, without a generator over its eight values (~21,500 pages a build)."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        try:
            self._pickler.dump(flat)
        except (pickle.PicklingError, AttributeError, TypeError, RecursionError) as exc:
            # A dump cut short may leave the pickler mid-frame: the next page gets a new one.
            self._buffer = io.BytesIO()
            self._pickler = _KeyPickler(self._buffer, self)
            raise TypeError(f"cannot fingerprint a page context: {exc}") from None
        return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()

    def _stand_ins(self, context: dict[str, Any]) -> dict[str, Any]:
        """``context`` with each model object, and each tuple of them, as its key(s)."""
        flat: dict[str, Any] = {}
        memo = self.memo
        for name, value in context.items():
            kind = type(value)
            if kind in _PLAIN:  # most values: nothing to replace
                flat[name] = value
            elif kind is tuple:
                flat[name] = self._tuple_keys(value)
            else:  # a record met before (the site's config, a paper): one lookup
                key = memo.get(id(value)) or self._model_key(value)
                flat[name] = value if key is None else (_STAND_IN, key)
        return flat

    def _tuple_keys(self, value: tuple[Any, ...]) -> tuple[Any, ...]:
        """A non-empty tuple of model objects as ``(_STAND_IN, *their keys)``; else as is."""
        if not value:
            return value
        met = self._tuples.get(id(value))
        if met is not None and met[0] is value:
            return met[1]
        memo = self.memo
        keys = list(map(memo.get, map(id, value)))  # most are known: one lookup each
        if None in keys:
            for index, item in enumerate(value):
                if keys[index] is None:
                    keys[index] = self._model_key(item)
                    if keys[index] is None:
                        return value
        stand_in = (_STAND_IN, *keys)
        self._tuples[id(value)] = (value, stand_in)  # kept alive with it: its id stays its
        return stand_in

    def _model_key(self, value: Any) -> str | None:
        """The key of a model object (a dataclass instance), None for any other value."""
        if type(value) in _PLAIN:
            return None
        key = self.memo.get(id(value))  # every id in memo is a model object's, kept alive
        if key is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
            key = self.key_of(value)
        return key

    def _dump(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = _KeyPickler(buffer, self)
        try:
            pickler.dump(value)
        except (pickle.PicklingError, AttributeError, TypeError, RecursionError) as exc:
            raise TypeError(f"cannot fingerprint a page context: {exc}") from None
        return buffer.getvalue()

    def key_of(self, value: Any) -> str:
        """The key of one dataclass instance: its type and its fields' values."""
        key = self.memo.get(id(value))
        if key is None:
            last = self.carried.get(id(value))
            if last is not None and last[0] is value:
                self.memo[id(value)] = last[1]
                self.keep.append(value)
                return last[1]
            # A tuple of model objects (a profile's papers) as their keys, looked up here:
            # the pickler would call back into Python for each of them (500 profiles of a
            # 10,000-paper site: ~0.1 s a build).
            fields = tuple(
                self._tuple_keys(field) if type(field) is tuple else field
                for field in map(value.__getattribute__, field_names(type(value)))
            )
            data = self._dump((type(value).__qualname__, fields))
            key = hashlib.blake2b(data, digest_size=16).hexdigest()
            self.memo[id(value)] = key
            self.keep.append(value)
        return key


class _KeyPickler(pickle.Pickler):
    """A pickler that writes dataclass instances as their fingerprint keys."""

    def __init__(self, file: io.BytesIO, owner: Fingerprinter) -> None:
        super().__init__(file, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes whatever their identity
        self.owner = owner
        self.known = owner.memo

    def reducer_override(self, obj: Any) -> Any:
        # Called only for objects that are not plain str, int, list, dict, tuple...: the C
        # pickler handles those without calling back into Python. Most are records met
        # before (every page holds the site's config, many hold the same paper).
        key = self.known.get(id(obj))
        if key is not None:
            return _key, (key,)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return _key, (self.owner.key_of(obj),)
        if isinstance(obj, (set, frozenset)):
            raise TypeError("a set's order is not stable")
        return NotImplemented


_PLAIN = frozenset({str, int, float, bool, bytes, type(None)})


_STAND_IN = "\0model"  # marks keys standing for model objects in a fingerprinted context


def _key(key: str) -> str:
    """What a fingerprint's pickle names a model object by (never called)."""
    return key
