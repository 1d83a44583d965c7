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
import re
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import cache as cachelib
from generator.cache import field_names
from generator.discover import tree
from generator.model import Paper, Profile

if TYPE_CHECKING:
    import jinja2

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


# A page's fingerprint as kept when it has a narrower view too (see :class:`Views`):
# ``<fingerprint>+<view>``, neither of which holds a ``+`` (both are hex digests).
_VIEW_MARK = "+"


class Views:
    """A narrower fingerprint for pages made from the bundled theme's own templates: what
    those templates show of the page's context, and nothing else.

    A CV shows no abstract, and the list of authors only each author and how many papers
    they have: yet each holds whole profiles, whose fingerprints change with any of their
    papers' abstracts (the 1,811-paper profile's CV is 0.13-0.29 s of rendering, for the
    same bytes). A page is seen through a view only when the template that makes it and
    every template it extends, imports or includes are the bundled theme's files, text
    for text: a site's own ``cv.html`` (or ``base.html``, or ``_macros.html``) that shows
    abstracts has the whole fingerprint alone. The view holds everything of the
    fingerprint but the parts of the context it narrows.

    The view is taken only where it can spare a page: when a page's whole fingerprint
    changed (:meth:`unchanged`), and for a page that is rendered, to keep beside it
    (:meth:`kept`; a cold build takes the views of its 500 CVs while the workers render).
    """

    def __init__(
        self, env: jinja2.Environment, keys: Mapping[int, str], templates_key: str
    ) -> None:
        self.env = env
        self.fingerprints = Fingerprinter(keys)
        self.templates_key = templates_key
        self._bundled: dict[str, bool] = {}  # template name -> the bundled one's, all through
        self._chosen: dict[tuple[str, ...], str | None] = {}  # a page's templates -> its view

    def view(self, page: Page) -> str | None:
        """The fingerprint of what ``page``'s template shows of it; None when it has none."""
        if not page.templates or page.templates[-1] not in _NARROWED or page.body is not None:
            return None
        if type(page.context) is not dict or page.expand is not None:
            return None
        name = self._chosen.get(page.templates, "")
        if name == "":
            name = self._chosen[page.templates] = self._choose(page.templates)
        if name is None:
            return None
        narrowed = _NARROWED[name](page.context)
        if narrowed is None:
            return None
        fingerprints = self.fingerprints
        try:
            return fingerprints.digest(
                (
                    "view",
                    name,
                    self.templates_key,
                    page.output,
                    page.url,
                    page.templates,
                    page.body,
                    fingerprints._stand_ins(narrowed),
                    page.derive and page.derive.__qualname__,
                )
            )
        except TypeError:
            return None

    def kept(self, page: Page, fingerprint: str) -> str:
        """What to keep as ``page``'s fingerprint when it is rendered: with its view."""
        view = self.view(page)
        return fingerprint if view is None else f"{fingerprint}{_VIEW_MARK}{view}"

    def unchanged(self, page: Page, fingerprint: str | None, last: str | None) -> str | None:
        """What to keep as ``page``'s fingerprint when its file, made from what ``last``
        (the kept fingerprint) says, is what ``page`` renders to: None when it may not be.

        The same fingerprint, or the same view: the page's template shows nothing of what
        changed (a CV after an edit of an abstract).
        """
        if fingerprint is None or last is None:
            return None
        if last == fingerprint:
            return last
        whole, _, view = last.partition(_VIEW_MARK)
        if not view:
            return None
        if whole == fingerprint:
            return last
        now = self.view(page)
        return f"{fingerprint}{_VIEW_MARK}{now}" if now == view else None

    def _choose(self, templates: tuple[str, ...]) -> str | None:
        """The bundled template ``templates`` are rendered from, when it is the one used
        and reaches only bundled templates; else None."""
        from generator.template_problems import existing_templates

        used = existing_templates(self.env, templates)[0]
        if used not in _NARROWED or not self._bundled_all(used, set()):
            return None
        return used

    def _bundled_all(self, name: str, seen: set[str]) -> bool:
        """Whether the template ``name`` and all it reaches are the bundled theme's own."""
        known = self._bundled.get(name)
        if known is not None:
            return known
        if name in seen:
            return True  # a loop: answered where it started
        seen.add(name)
        import jinja2

        from generator.routes import FALLBACK_PREFIX

        loader = self.env.loader
        try:
            if loader is None:
                raise jinja2.TemplateNotFound(name)
            source = loader.get_source(self.env, name)[0]
            bundled = loader.get_source(self.env, FALLBACK_PREFIX + name)[0]
            same = source == bundled
            if same:
                # A name made while rendering (None) could be any template
                same = all(
                    other is not None and self._bundled_all(other, seen)
                    for other in referenced_templates(source)
                )
        except (jinja2.TemplateError, OSError):
            same = False
        self._bundled[name] = same
        return same


# A tag that names another template: `{% extends "base.html" %}`, `{%- include x %}`,
# `{% from "_macros.html" import card with context %}` (the tag's name, what follows it)
_REFERENCE = re.compile(r"{%[-+]?\s*(extends|include|import|from)\b(.*?)[-+]?%}", re.S)
_NAMED = re.compile(r"""\s*(["'])([^"'{}%]+)\1\s*(?:$|(?:import|as|with|without|ignore)\b)""")


def referenced_templates(source: str) -> list[str | None]:
    """The templates ``source`` extends, includes or imports, as Jinja's
    ``find_referenced_templates`` lists them for the bundled theme's (None: a name made
    while rendering), from its text alone: parsing the three templates a CV reaches
    took ~0.03 s of every rebuild. A tag in a comment counts too (one template more to
    compare). tests/test_narrow_views.py holds it to Jinja's answer for every bundled
    template: those are the only ones it is asked of (see :meth:`Views._bundled_all`).
    """
    found: list[str | None] = []
    for _, rest in _REFERENCE.findall(source):
        named = _NAMED.match(rest)
        found.append(named.group(2) if named else None)
    return found


def _profile_seen(profile: Any) -> tuple[Any, ...] | None:
    """What the bundled CV template shows of a profile: all of it but its papers'
    abstracts."""
    if type(profile) is not Profile:
        return None
    return (
        "profile",
        profile.author,
        tuple(map(_paper_seen, profile.papers)),
        profile.metrics,
        profile.per_year,
        profile.coauthors,
    )


def _paper_seen(paper: Paper) -> tuple[Any, ...]:
    """A paper's fields but its abstract; its dates as their parts (as a model object, each
    would be hashed on its own: ~0.02 s for the 1,811 papers of the largest CV)."""
    cited = paper.citations_date
    return (
        _PAPER_REST(paper),
        *_DATE_PARTS(paper.date),
        None if cited is None else _DATE_PARTS(cited),
    )


# Paper's fields that _paper_seen gives otherwise, or not (the abstract); a change of
# any other field changes the view (tests/test_narrow_views.py tries each one)
PAPER_OTHERWISE = ("abstract", "date", "citations_date")
_PAPER_REST = attrgetter(*(name for name in field_names(Paper) if name not in PAPER_OTHERWISE))
_DATE_PARTS = attrgetter("year", "month", "day")


def _cv_seen(context: Mapping[str, Any]) -> dict[str, Any] | None:
    """A CV's context as the bundled ``cv.html`` sees it (see :class:`Views`)."""
    seen = _profile_seen(context.get("profile"))
    return None if seen is None else {**context, "profile": seen}


def _authors_seen(context: Mapping[str, Any]) -> dict[str, Any] | None:
    """The list of authors' context as the bundled ``authors.html`` sees it: each profile's
    author and the number of papers it counts."""
    profiles = context.get("profiles")
    if type(profiles) is not tuple or any(type(p) is not Profile for p in profiles):
        return None
    groups = context.get("author_groups", ())
    if type(groups) is not tuple or any(type(p) is not Profile for _, ps in groups for p in ps):
        return None
    return {
        **context,
        "profiles": ("profiles", *((p.author, len(p.counted)) for p in profiles)),
        # each group's name and its authors, who are among the profiles above
        "author_groups": tuple((name, tuple(p.author.slug for p in ps)) for name, ps in groups),
    }


# The bundled templates seen through a view: name -> the context as they see it
_NARROWED: dict[str, Callable[[Mapping[str, Any]], dict[str, Any] | None]] = {
    "cv.html": _cv_seen,
    "authors.html": _authors_seen,
}
