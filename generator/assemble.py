"""Link papers to authors, compute metrics, order everything, catch collisions."""

from __future__ import annotations

import difflib
import functools
import hashlib
import marshal
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import metrics, names
from generator.bibtex import cite_key
from generator.errors import Problems
from generator.i18n import Catalogue, half_up, resolve, shown_fraction
from generator.ids import arxiv_of_doi, canonical_arxiv, named_id, parse_arxiv, parse_doi
from generator.model import Author, Metric, NavLinks, Paper, Profile, Site, SiteConfig, SitePage
from generator.reuse import Ledger
from generator.schema import SLUG_PATTERN
from generator.seo import title_text
from generator.validate import lookalike

_ARXIV_VERSION = re.compile(r"v\d+$")


def _unique(
    records: Iterable[Paper | Author | SitePage],
    what: str,
    problems: Problems,
    claimed: Mapping[str, str] | None = None,
) -> None:
    """Two records may never claim one slug (and so one output page).

    ``claimed``: slug -> file of the records that had problems of their own.
    """
    seen: dict[str, Paper | Author | SitePage | str] = dict(claimed or {})
    for record in records:
        other = seen.setdefault(record.slug, record)
        if other is not record:
            line = record.lines.get("slug", 1)
            problems.add(
                record.source,
                line,
                f"{what} slug `{record.slug}` is already used by "
                f"{other if isinstance(other, str) else other.source}; "
                "rename one file or set a different `slug:`",
            )


# What a published paper's identifiers claim: (field's key, identifier as written, the
# field that holds it, and the paper it names: its kind and identifier, see _paper_of)
Claim = tuple[str, str, str, str, str]


def _claims(paper: Paper, keys: Mapping[int, str], known: Known | None) -> list[Claim]:
    """What ``paper``'s DOI and arXiv id (fields and links) claim, from ``known`` for the
    same record: parsing and comparing 10,000 papers' identifiers is ~0.05 s."""
    record_key = keys.get(id(paper)) if known is not None else None
    if known is not None and record_key is not None:
        hit = known.claims.get(record_key)
        if hit is not None:
            known.claims_used[record_key] = hit
            return hit
    found: list[Claim] = [
        (key, value, key, *_paper_of(key, value))
        for key in _LINKED
        if (value := getattr(paper, key))
    ]
    # Named as a link only (`links: {doi: https://doi.org/…}`): the same paper's DOI
    found += [
        (key, value, f"links.{_LINKED[key]}", *_paper_of(key, value))
        for key, value in _linked_ids(paper)
    ]
    if known is not None and record_key is not None:
        known.claims_used[record_key] = found
    return found


def _one_record_per_paper(
    papers: Iterable[Paper],
    problems: Problems,
    claimed: Mapping[str, Mapping[str, str]] | None = None,
    keys: Mapping[int, str] | None = None,
    known: Known | None = None,
) -> None:
    """Two published records may not name one DOI or arXiv id: one paper counted twice.

    Drafts may: a revised record is prepared beside the one it will replace. Identifiers
    are compared as the paper they name (:func:`_paper_of`): arXiv's DOI of a paper is its
    arXiv id, and ``math.GT/0309136`` is ``math/0309136``.
    ``claimed``: "doi" and "arxiv_id" -> identifier -> file, of the papers that had
    problems of their own. ``keys`` and ``known``: see :func:`_claims`.
    """
    # the paper named -> the record that named it first, by which field, written how
    seen: dict[tuple[str, str], tuple[Paper | str, str, str]] = {}

    def claim(paper: Paper, key: str, written: str, field: str, named: tuple[str, str]) -> None:
        other, other_key, other_written = seen.setdefault(named, (paper, key, written))
        if other is paper:
            return
        elsewhere = other if isinstance(other, str) else other.source
        if other_key == key and _bare(key, other_written) == _bare(key, written):
            said = f"{key} `{written}` is also the {key} of {elsewhere}"
        else:
            said = (
                f"{key} `{written}` names the paper of {other_key} `{other_written}` in "
                f"{elsewhere}; {_one_paper((key, other_key), named[1])}"
            )
        problems.add(
            paper.source,
            paper.lines.get(field, 1),
            f"{said}: two records for one paper list it twice and count its citations "
            "twice; keep one record, or correct the identifier",
        )

    for key, files in (claimed or {}).items():
        for value, rel in files.items() if key in _LINKED else ():
            seen.setdefault(_paper_of(key, value), (rel, key, value))
    for paper in papers:
        _two_papers_in_one(paper, problems)
        if paper.draft:
            continue
        # A paper named by two fields of one record (`arxiv_id` and `links.arxiv`) is
        # one claim: a copied record was told the same thing twice.
        named_here: set[tuple[str, str]] = set()
        for key, written, where, kind, named in _claims(paper, keys or {}, known):
            if (kind, named) not in named_here:
                named_here.add((kind, named))
                claim(paper, key, written, where, (kind, named))


def _two_papers_in_one(paper: Paper, problems: Problems) -> None:
    """A record whose `doi` is arXiv's DOI of another paper than its `arxiv_id` names:
    one of the two is a mistake, and its page would link two papers."""
    if not (paper.doi and paper.arxiv_id and (named := arxiv_of_doi(paper.doi))):
        return
    if _paper_of("arxiv_id", named) != _paper_of("arxiv_id", paper.arxiv_id):
        problems.add(
            paper.source,
            paper.lines.get("doi", 1),
            f"doi `{paper.doi}` is arXiv's DOI of {named}, but arxiv_id is "
            f"`{paper.arxiv_id}`: they name two papers, and the page would link both; "
            "correct the one that is wrong (arXiv's DOI of a paper is "
            "10.48550/arXiv.<its arxiv_id>), or drop `doi:`, which arxiv_id links already",
        )


def _paper_of(key: str, value: str) -> tuple[str, str]:
    """The paper an identifier names: ("doi", the DOI) or ("arxiv_id", the arXiv id),
    compared in one case, without a version, and an arXiv DOI as the arXiv id it names."""
    if key == "doi" and (arxiv := arxiv_of_doi(value)) is not None:
        key, value = "arxiv_id", arxiv
    if key == "arxiv_id":
        value = canonical_arxiv(_ARXIV_VERSION.sub("", value))
    return key, value.lower()


def _bare(key: str, value: str) -> str:
    """An identifier as its own field compares it: DOIs ignore case; 2401.00001v2 is
    2401.00001 (``math.GT/`` and an arXiv DOI are told apart: the message says why)."""
    return _ARXIV_VERSION.sub("", value) if key == "arxiv_id" else value.lower()


def _one_paper(keys: tuple[str, str], arxiv: str) -> str:
    """Why two identifiers written in other forms name the one arXiv paper ``arxiv``."""
    if "doi" in keys:
        return f"arXiv's DOI of {arxiv} is 10.48550/arXiv.{arxiv}"
    return f"arXiv names it {arxiv}: an old id's subject class, as in math.GT/, is not part of it"


# The links that name a paper's identifier, by the field that holds it otherwise
_LINKED = {"doi": "doi", "arxiv_id": "arxiv"}


def _linked_ids(paper: Paper) -> Iterable[tuple[str, str]]:
    """The DOI and arXiv id that the paper's `doi` and `arxiv` links name, by field."""
    if (link := paper.links.get("doi")) and (doi := parse_doi(link)):
        yield "doi", doi
    if (link := paper.links.get("arxiv")) and (arxiv := parse_arxiv(named_id(link) or "")):
        yield "arxiv_id", arxiv


def _one_record_per_person(authors: Iterable[Author], problems: Problems) -> None:
    """Two author records may not have one name: both would claim the same papers."""
    seen: dict[str, Author] = {}
    for author in authors:
        key = names.name_key(author.name)
        other = seen.setdefault(key, author) if key else author
        if other is not author and other.slug != author.slug:  # one slug: _unique says so
            problems.add(
                author.source,
                author.lines.get("name", 1),
                f"name `{author.name}` is also the name of {other.source}: both profiles would "
                "list the same papers; correct the name, or keep one record"
                + (
                    f" (it reads as `{other.name}`: it holds a letter of another script that "
                    "looks like a Latin one, or an invisible character)"
                    if names.disguised(author.name) or names.disguised(other.name)
                    else ""
                ),
            )


def sort_papers(
    papers: Iterable[Paper], order: str, known: Known | None = None
) -> tuple[Paper, ...]:
    """Papers in the site's ``paper_sort`` order; ties fall back to newest, then title
    (A–Z as the title reads, as ``title`` orders: papers dated by their year alone tie).

    ``known``: the texts titles sort by, as earlier builds computed them (by the title
    itself: the same title always sorts by the same text).
    """
    if known is None:
        by_title = sorted(papers, key=_title_key)  # the slug in the key: no two papers tie
    else:
        by_title = sorted(papers, key=known.title_key)
    if order == "title":
        return tuple(by_title)
    by_date = sorted(by_title, key=lambda p: p.date.sort_key(), reverse=True)
    if order == "citations":
        by_date.sort(key=lambda p: -1 if p.citations is None else p.citations, reverse=True)
    elif order == "score":
        by_date.sort(key=lambda p: -1.0 if p.score is None else p.score, reverse=True)
    return tuple(by_date)


def _title_key(paper: Paper) -> tuple[str, str]:
    """A–Z as the title reads: without its Markdown, case and accents (``Élan`` among
    the E's, ``*Beta*`` among the B's), numbers by their value (``9 things`` before ``10
    things``), as the finder's script orders by title too."""
    return _title_order(paper.title), paper.slug


@functools.lru_cache(maxsize=1 << 16)  # serve sorts the same titles at every rebuild
def _title_order(title: str) -> str:
    """The text by which ``title`` sorts (see :func:`_title_key`)."""
    return _NUMBER.sub(_by_value, names.fold_letters(title_text(title)))


_NUMBER = re.compile(r"[0-9]+")  # ASCII digits, after folding (`１０` and `²` are by then)


def _by_value(match: re.Match[str]) -> str:
    """A number written so that its text orders by its value: its count of digits (two
    of them, leading zeros left out) before it: ``9`` -> ``019``, ``10`` -> ``0210``. The
    finder's script (site.js, ``byValue``) writes it the same way."""
    digits = match.group().lstrip("0") or "0"
    return f"{min(len(digits), 99):02d}{digits}"


def format_metric(key: str, value: float, words: Catalogue | None = None) -> str:
    """How a metric reads on a tile: ``47%`` for novelty, ``57`` or ``56.5`` otherwise,
    in ``words``' language (``47 %`` and ``56,5`` in German)."""
    words = words or resolve("en")
    if key == "novelty":
        return words.percent(value)
    if key == "score":
        return words.number(value)
    return str(int(half_up(value)))


def computed_metrics(papers: Sequence[Paper], novelty: Mapping[str, float]) -> dict[str, float]:
    """Every metric that the author's listed papers give data for (none shown as 0).

    An author with no listed paper has none: a `0 papers` tile "computed from 0 listed
    papers" is a metric without data, beside the heading that says `0 Papers` already.
    """
    values = _counted_metrics(papers)
    own_novelty = metrics.author_novelty(novelty, (p.slug for p in papers))
    if own_novelty is not None:
        # At the tile's precision (whole percent): a shift of 1e-5 after someone else's
        # abstract edit would otherwise re-render every page that shows this profile.
        values["novelty"] = shown_fraction(own_novelty)  # 46.5% is 47%, as people round
    score = metrics.mean_score(p.score for p in papers if p.score is not None)
    if score is not None:
        values["score"] = score
    return values


def _counted_metrics(papers: Sequence[Paper]) -> dict[str, float]:
    """The metrics of :func:`computed_metrics` that count papers and citations."""
    values: dict[str, float] = {"papers": len(papers)} if papers else {}
    counts = [p.citations for p in papers if p.citations is not None]
    if counts:
        values["citations"] = metrics.total_citations(counts)
        values["h_index"] = metrics.h_index(counts)
        values["i10_index"] = metrics.i10_index(counts)
    return values


def profile_metrics(
    author: Author,
    papers: Sequence[Paper],
    novelty: Mapping[str, float],
    shown: Sequence[str],
    words: Catalogue | None = None,
) -> tuple[Metric, ...]:
    """The configured tiles, each declared or computed, saying which, in ``words``' language."""
    words = words or resolve("en")
    computed = computed_metrics(papers, novelty)
    source = author.metrics_source or words.text("author_record")
    tiles: list[Metric] = []
    for key in shown:
        label = words.text(f"metric_{key}")
        if key == "score" and author.field:
            label = words.text("field_score", field=author.field)
        if key in author.metrics:
            value, declared = author.metrics[key], True
            provenance = words.text("declared_from", source=source)
        elif key in computed:
            value, declared = computed[key], False
            provenance = _computed_provenance(key, papers, novelty, words)
        else:
            continue
        if key in ("papers", "citations") and value == int(value):
            label = words.plural(f"metric_{key}", int(value))  # `1 paper`, not `1 papers`
        display = format_metric(key, value, words)
        tiles.append(Metric(key, label, value, display, provenance, declared))
    return tuple(tiles)


def _computed_provenance(
    key: str, papers: Sequence[Paper], novelty: Mapping[str, float], words: Catalogue
) -> str:
    """``computed from N listed papers``, N the papers with data for the metric (a mean
    score of one paper's score is not computed from all of them), naming the citation
    sources where there are any."""
    if key in ("citations", "h_index", "i10_index"):
        counted = sum(p.citations is not None for p in papers)
    elif key == "score":
        counted = sum(p.score is not None for p in papers)
    elif key == "novelty":  # the earliest papers have no novelty of their own
        counted = sum(p.slug in novelty for p in papers)
    else:
        counted = len(papers)
    text = words.plural("computed_from", counted)
    if key in ("citations", "h_index", "i10_index"):
        sources = sorted({p.citations_source for p in papers if p.citations_source})
        dates = sorted(p.citations_date.iso() for p in papers if p.citations_date)
        if sources:
            counts = "citation_counts" if dates else "citation_counts_unknown"
            text += words.text(counts, date=dates[-1] if dates else "", sources=", ".join(sources))
    return text


# Counts over the author's papers: a profile elsewhere (Google Scholar, OpenAlex) holds
# the papers the site lists and maybe more, so its figure is at least the site's own.
_AT_LEAST = ("papers", "citations", "h_index", "i10_index")


def declared_below(site: Site) -> list[str]:
    """A note for each declared count a profile shows that is below the one the author's
    listed papers give (``citations: 500`` where their counts add up to 682): out of date
    or mistyped, as no profile counts fewer than the papers listed here.

    A declared value above the computed one is unsaid: it is what a profile elsewhere
    says of papers and citations the site does not list, the reason to declare it.
    Novelty and score are means, which a paper more moves either way: never said.
    """
    words = resolve("en")
    notes: list[str] = []
    for profile in site.profiles:
        declared = [m for m in profile.metrics if m.declared and m.key in _AT_LEAST]
        if not declared:
            continue
        author, counted = profile.author, profile.counted
        computed = _counted_metrics(counted)  # the ones in _AT_LEAST: no novelty's mean
        line_of = {m.key: author.lines.get(f"metrics.{m.key}", 1) for m in declared}
        for tile in sorted(declared, key=lambda m: line_of[m.key]):  # in the file's order
            ours = computed.get(tile.key)
            if ours is None or tile.value >= ours:
                continue
            line = line_of[tile.key]
            shown = format_metric(tile.key, ours)
            how = _computed_provenance(tile.key, counted, site.novelty, words)
            # `metrics: {h_index: 9, citations: 500}` on one line: deleting it deletes both
            alone = list(line_of.values()).count(line) == 1 and line != author.lines.get("metrics")
            delete = "the line" if alone else f"`{tile.key}` from `metrics`"
            notes.append(
                f"{author.source}:{line}: declared {tile.key} {tile.display} is lower than the "
                f"{shown} {how} (out of date, or a typo?); the profile shows {tile.display}: "
                f"update it, or delete {delete} to show {shown}"
            )
    return notes


def _main_author_hint(main: str, authors: Sequence[Author], known: Sequence[str]) -> str:
    """What to write for a ``main_author`` that names no record: the slug of the person it
    names, the slug it is a typo of, or the record to add to a site that has none."""
    key = names.name_key(main)
    spelled = [a.slug for a in authors if key in map(names.name_key, (a.name, *a.aliases))]
    if len(spelled) == 1:  # `main_author: Ada Lovelace`: the person's name, not the slug
        return f"; it is a slug: write `{spelled[0]}`"
    close = difflib.get_close_matches(main, known, n=1, cutoff=0.75)
    if close:
        return f"; did you mean `{close[0]}`?"
    if not known and re.fullmatch(SLUG_PATTERN, main):
        return f"; add content/authors/{main}.yaml with the author's `name:`"
    return ""


def listed_papers(papers: Sequence[Paper], *, drafts: bool) -> list[Paper]:
    """The papers a site lists: the first record of each slug, drafts only when asked.

    What a site counts (metrics, charts, co-authors, novelty) is always the list without
    drafts: a ``--drafts`` preview shows the figures the published site will show.
    """
    first = {p.slug: p for p in reversed(papers)}
    return [p for p in papers if first[p.slug] is p and (drafts or not p.draft)]


def novelty_docs(papers: Sequence[Paper], *, drafts: bool) -> list[metrics.NoveltyDoc]:
    """What novelty is computed from: each listed paper's key, date and title + abstract."""
    return [
        (p.slug, p.date.sort_key(), novelty_text(p)) for p in listed_papers(papers, drafts=drafts)
    ]


def novelty_text(paper: Paper) -> str:
    """The text novelty compares: the title and the abstract."""
    return f"{paper.title}\n{paper.abstract}"


def _counted(papers: Sequence[Paper]) -> Sequence[Paper]:
    """The papers that metrics and charts count: those that are not drafts."""
    if not any(p.draft for p in papers):
        return papers
    return [p for p in papers if not p.draft]


@dataclass
class Known:
    """Owners and charts that earlier builds computed, by the records they came from.

    Keyed by record keys (the hash of a record's file), so a build of a new process can
    use them (the build cache keeps them): at 10,000 papers, matching every paper's
    names against the site's authors and counting 500 authors' co-authors is ~0.25 s.

    - ``owners``: a paper's site authors, valid while ``names`` (a hash of every site
      author's name keys) is the same;
    - ``charts``: an author's per-year counts and co-authors (and the key of those in
      ``coauthors``), by the author's record and their papers' records, in order;
    - ``coauthors``: an author's co-authors, by the names they are counted from (their own
      names and each paper's author list): an edit of one of a large profile's papers that
      leaves its authors as they were (a citation count, an abstract) does not count the
      co-authors of 1,800 papers again (~0.06 s).

    - ``claims``: what a paper's identifiers claim (:func:`_claims`), by its record.
    - ``cites``: a paper's citation key before the site's keys are made unique
      (:func:`generator.bibtex.cite_key`), by its record: ~0.06 s for 10,000 papers.

    Only what the last build used is kept; ``changed`` says whether that differs from
    what was loaded.
    """

    names: str = ""
    owners: dict[str, list[str]] = field(default_factory=dict)
    # title -> the text it sorts by (:func:`_title_order`): ~0.15 s for 10,000 titles
    titles: dict[str, str] = field(default_factory=dict)
    # a profile's tiles, as tuples of Metric's fields, by what they are made of (see _tiles)
    tiles: dict[str, tuple[tuple[Any, ...], ...]] = field(default_factory=dict)
    charts: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)
    coauthors: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    changed: bool = False
    owners_used: dict[str, list[str]] = field(default_factory=dict)
    charts_used: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)
    coauthors_used: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    titles_used: dict[str, str] = field(default_factory=dict)
    tiles_used: dict[str, tuple[tuple[Any, ...], ...]] = field(default_factory=dict)
    # filled before begin() (the identifiers are checked first); emptied by end()
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    claims_used: dict[str, list[Claim]] = field(default_factory=dict)
    cites: dict[str, str] = field(default_factory=dict)
    cites_used: dict[str, str] = field(default_factory=dict)

    def title_key(self, paper: Paper) -> tuple[str, str]:
        """:func:`_title_key`, its text taken from ``titles`` when known."""
        title = paper.title
        order = self.titles.get(title)
        if order is None:
            order = _title_order(title)
        self.titles_used[title] = order
        return order, paper.slug

    def begin(self, names: str) -> None:
        """Start a build whose site authors' names hash to ``names``."""
        if names != self.names:
            self.names, self.owners, self.changed = names, {}, True
        self.owners_used, self.charts_used, self.coauthors_used = {}, {}, {}
        self.titles_used, self.tiles_used, self.cites_used = {}, {}, {}

    def cite_key_of(self, paper: Paper, record_key: str | None) -> str:
        """:func:`generator.bibtex.cite_key`, taken from ``cites`` for the same record."""
        key = None if record_key is None else self.cites.get(record_key)
        if key is None:
            key = cite_key(paper)
        if record_key is not None:
            self.cites_used[record_key] = key
        return key

    def end(self) -> None:
        """Keep only what this build used."""
        if self.owners_used.keys() != self.owners.keys():
            self.changed = True
        if self.charts_used.keys() != self.charts.keys():
            self.changed = True
        if self.coauthors_used.keys() != self.coauthors.keys():
            self.changed = True
        if self.titles_used.keys() != self.titles.keys():
            self.changed = True
        if self.tiles_used.keys() != self.tiles.keys():
            self.changed = True
        if self.claims_used.keys() != self.claims.keys():
            self.changed = True
        if self.cites_used.keys() != self.cites.keys():
            self.changed = True
        self.owners, self.charts = self.owners_used, self.charts_used
        self.coauthors, self.titles = self.coauthors_used, self.titles_used
        self.tiles, self.claims = self.tiles_used, self.claims_used
        self.cites = self.cites_used
        self.owners_used, self.charts_used, self.coauthors_used = {}, {}, {}
        self.titles_used, self.tiles_used, self.claims_used = {}, {}, {}
        self.cites_used = {}

    def encode(self) -> bytes:
        """For the build cache."""
        known = (
            self.names,
            self.owners,
            self.charts,
            self.coauthors,
            self.titles,
            self.tiles,
            self.claims,
            self.cites,
        )
        return marshal.dumps(known)

    @classmethod
    def decode(cls, data: bytes | None) -> Known:
        """What :meth:`encode` wrote, or nothing known."""
        try:
            names, owners, charts, coauthors, titles, tiles, claims, cites = (
                marshal.loads(data) if data else ("", {}, {}, {}, {}, {}, {}, {})
            )
        except (EOFError, ValueError, TypeError):
            return cls()
        if not (
            isinstance(names, str)
            and isinstance(owners, dict)
            and isinstance(charts, dict)
            and isinstance(coauthors, dict)
            and isinstance(titles, dict)
            and isinstance(tiles, dict)
            and isinstance(claims, dict)
            and isinstance(cites, dict)
        ):
            return cls()
        if (
            not all(type(v) is list for v in owners.values())
            or not all(
                type(v) is tuple and len(v) == 3 and type(v[2]) is str for v in charts.values()
            )
            or not all(type(v) is tuple for v in coauthors.values())
            or not all(type(k) is str and type(v) is str for k, v in titles.items())
            or not all(
                type(v) is tuple and all(type(t) is tuple and len(t) == 6 for t in v)
                for v in tiles.values()
            )
            or not all(
                type(v) is list
                and all(
                    type(c) is tuple and len(c) == 5 and all(type(x) is str for x in c) for c in v
                )
                for v in claims.values()
            )
            or not all(type(k) is str and type(v) is str for k, v in cites.items())
        ):
            return cls()  # not what encode writes: nothing known
        return cls(
            names,
            owners,
            charts=charts,
            coauthors=coauthors,
            titles=titles,
            tiles=tiles,
            claims=claims,
            cites=cites,
        )


@dataclass(frozen=True)
class People:
    """The site's authors as co-authors are counted: each name key of their names and
    aliases (one author's only) → the name their record gives; ``digest`` names every
    key's authors, so that what was computed for other names is never taken."""

    names: dict[str, str]
    digest: str

    @classmethod
    def of(cls, authors: Sequence[Author], by_key: Mapping[str, set[str]]) -> People:
        name_of = {a.slug: a.name for a in authors}
        names = {
            key: name_of[next(iter(slugs))] for key, slugs in by_key.items() if len(slugs) == 1
        }
        listed = repr((sorted((k, sorted(v)) for k, v in by_key.items()), sorted(names.items())))
        return cls(names, hashlib.blake2b(listed.encode(), digest_size=16).hexdigest())


def _record_keys(author: Author, counted: Sequence[Paper], keys: Mapping[int, str]) -> list[str]:
    """The keys of an author's record and of their counted papers' ("" where none)."""
    return [keys.get(id(record), "") for record in (author, *counted)]


def _charts(
    author: Author,
    own: Sequence[Paper],
    record_keys: Sequence[str],
    known: Known | None,
    people: People,
) -> tuple[tuple[tuple[int, int, int], ...], tuple[tuple[str, int], ...]]:
    """An author's per-year counts and co-authors, from ``known`` for the same records
    (``record_keys``: see :func:`_record_keys`) and the same site authors' names
    (``people``: who a co-author listed by an alias is)."""
    # ``own`` are the counted papers (no drafts): a --drafts build finds the plain build's.
    key = None
    if known is not None and "" not in record_keys:
        joined = "\0".join([people.digest, *record_keys])
        key = hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()
        hit = known.charts.get(key)
        if hit is not None:
            per_year, coauthors, names_key = hit
            known.charts_used[key] = hit
            known.coauthors_used[names_key] = coauthors  # kept for the next edit
            return per_year, coauthors
    own_names = (author.name, *author.aliases)
    per_year = tuple(metrics.per_year([(p.date.year, p.citations) for p in own]))
    # with the list's `et al.`: a collaboration's list cut short counts as the collaboration
    lists = [(*p.authors, "et al.") if p.authors_truncated else p.authors for p in own]
    if known is None:
        return per_year, tuple(metrics.top_coauthors(lists, own_names, people=people.names))
    # marshal's version 2 writes every value in full (no references to earlier objects):
    # equal lists give equal bytes, and different lists different bytes.
    listed = marshal.dumps((people.digest, own_names, tuple(lists)), 2)
    names_key = hashlib.blake2b(listed, digest_size=16).hexdigest()
    coauthors = known.coauthors.get(names_key)
    if coauthors is None:
        coauthors = tuple(metrics.top_coauthors(lists, own_names, people=people.names))
    known.coauthors_used[names_key] = coauthors
    if key is not None:
        known.charts_used[key] = (per_year, coauthors, names_key)
    return per_year, coauthors


def _tiles(
    author: Author,
    counted: Sequence[Paper],
    novelty: Mapping[str, float],
    config: SiteConfig,
    record_keys: Sequence[str],
    known: Known | None,
) -> tuple[Metric, ...]:
    """:func:`profile_metrics`, from ``known`` for the same records (``record_keys``: see
    :func:`_record_keys`), the same novelty as the tiles read it and the same configured
    tiles and words (~0.15 s for 500 profiles).

    Novelty enters as the tiles read it: the author's mean at a whole percent and the
    number of papers with a score. An edit elsewhere that moves a score by 1e-5 leaves it.
    """
    key = None
    if known is not None and "" not in record_keys:
        own = metrics.author_novelty(novelty, (p.slug for p in counted))
        scored = sum(p.slug in novelty for p in counted)
        shown = None if own is None else shown_fraction(own)
        made_of = (config.language, config.labels, config.metrics, shown, scored, *record_keys)
        key = hashlib.blake2b(marshal.dumps(made_of, 2), digest_size=16).hexdigest()
        hit = known.tiles.get(key)
        if hit is not None:
            known.tiles_used[key] = hit
            return tuple(Metric(*tile) for tile in hit)
    words = resolve(config.language, config.labels)
    tiles = profile_metrics(author, counted, novelty, config.metrics, words)
    if known is not None and key is not None:
        known.tiles_used[key] = tuple(
            (t.key, t.label, t.value, t.display, t.provenance, t.declared) for t in tiles
        )
    return tiles


def assemble(
    config: SiteConfig,
    papers: Sequence[Paper],
    authors: Sequence[Author],
    problems: Problems,
    *,
    pages: Sequence[SitePage] = (),
    drafts: bool = False,
    novelty_scores: Callable[[Sequence[Paper]], dict[str, float]] | None = None,
    unreadable_authors: Collection[str] = (),
    claimed: Mapping[str, Mapping[str, str]] | None = None,
    reuse: dict[tuple[Any, ...], tuple[Any, ...]] | None = None,
    record_keys: Mapping[int, str] | None = None,
    known: Known | None = None,
) -> Site:
    """The whole site model; problems are added for collisions and dangling references.

    ``unreadable_authors`` are the file names of author records that had problems of their
    own: a ``main_author`` naming one of them is not reported a second time as missing.
    ``reuse`` holds the profiles of the last build of this process (:mod:`generator.reuse`):
    an author whose record and papers are the same objects keeps their charts and
    co-authors, and their very Profile when the metrics are the same too.
    ``known`` holds what earlier builds computed, by the records' keys (``record_keys``:
    id(record) -> the hash of its file), for any process: see :class:`Known`.
    """
    _unique(papers, "paper", problems, (claimed or {}).get("paper"))
    _unique(authors, "author", problems, (claimed or {}).get("author"))
    _unique(pages, "page", problems, (claimed or {}).get("page"))
    keys = record_keys or {}
    _one_record_per_paper(papers, problems, claimed, keys, known)
    _one_record_per_person(authors, problems)
    # After a collision, keep the first record of each slug so assembly can finish and
    # report every other problem too; the build then fails with all of them.
    listed = listed_papers(papers, drafts=drafts)
    # Drafts are shown in a --drafts build but never counted: every figure (and every
    # published paper's novelty) is the one the published site will show.
    published = [p for p in listed if not p.draft]
    authors = list({a.slug: a for a in reversed(authors)}.values())[::-1]
    slugs = {a.slug for a in authors}
    if config.main_author and config.main_author not in slugs | set(unreadable_authors):
        # An author whose record has problems of its own still exists: not "none yet".
        slugs_known = sorted(slugs | set(unreadable_authors))
        existing = ", ".join(slugs_known) or "none yet"
        problems.add(
            config.source,
            config.lines.get("main_author", 1),
            f"main_author `{config.main_author}` has no record in content/authors/ "
            f"(authors: {existing}){_main_author_hint(config.main_author, authors, slugs_known)}",
        )
    profiles: list[Profile] = []
    # One index from name key to authors, so matching costs one lookup per listed name
    # instead of a comparison with every site author (quadratic at thousands of papers).
    by_key: dict[str, set[str]] = {}
    for a in authors:
        for own_name in (a.name, *a.aliases):
            key = names.name_key(own_name)
            if key:
                by_key.setdefault(key, set()).add(a.slug)
    owners: dict[str, set[str]] = {}  # listed name -> its authors (names recur a lot)
    named: dict[str, set[str]] = {}
    ledger = Ledger(reuse)
    people = People.of(authors, by_key)
    if known is not None:
        known.begin(people.digest)
    ordered = sort_papers(listed, config.paper_sort, known)
    authors_of: dict[str, list[str]] = {p.slug: [] for p in ordered}
    cites: list[str] = []  # for routes, each paper's citation key before they are made unique
    for paper in ordered:
        paper_key = keys.get(id(paper))
        cites.append(cite_key(paper) if known is None else known.cite_key_of(paper, paper_key))
        if known is not None and paper_key is not None:
            hit = known.owners.get(paper_key)
            if hit is not None:
                named[paper.slug] = set(hit)
                known.owners_used[paper_key] = hit
                continue
        found: set[str] = set()
        for name in paper.authors:
            listed_as = owners.get(name)
            if listed_as is None:
                listed_as = owners[name] = by_key.get(names.name_key(name), set())
            found |= listed_as
        named[paper.slug] = found
        if known is not None and paper_key is not None:
            known.owners_used[paper_key] = sorted(found)
    # A paper that names no site author (its list was cut short before theirs) is the
    # main author's: on a personal site every record is that person's paper.
    for paper in ordered:
        if not named[paper.slug] and config.main_author:
            named[paper.slug] = {config.main_author}
    papers_of: dict[str, list[Paper]] = {a.slug: [] for a in authors}
    for paper in ordered:  # in site order, so each author's list keeps it
        for slug in named[paper.slug]:
            papers_of.setdefault(slug, []).append(paper)
    # Everything that does not need novelty first: the build may be computing it in a
    # child process meanwhile.
    prepared = []
    keeps = ledger.keeps  # the command line keeps nothing: no keys to make (25,000 ids)
    for author in sorted(authors, key=lambda a: a.slug):
        own = papers_of[author.slug]
        for paper in own:
            authors_of[paper.slug].append(author.slug)
        inputs = (people.digest, id(author), *map(id, own)) if keeps else ()
        entry = ledger.get(inputs) if keeps else None
        counted = _counted(own)
        # for the charts and the tiles (500 profiles' lists of 10,000 papers, made once)
        own_keys = _record_keys(author, counted, keys) if known is not None else []
        if entry is None:
            per_year, coauthors = _charts(author, counted, own_keys, known, people)
            entry = (author, tuple(own), per_year, coauthors, None, None, None)
        prepared.append((inputs, entry, counted, own_keys))
    # The build passes a cached novelty_scores (of the published papers): the same texts
    # give the same scores. A draft has none: computed with the drafts, the TF-IDF weights
    # would move every published paper's score, and an earlier draft would lower some.
    novelty = (
        novelty_scores(published)
        if novelty_scores is not None
        else metrics.novelty_scores(novelty_docs(published, drafts=False))
    )
    for inputs, entry, counted, own_keys in prepared:
        author, own, per_year, coauthors, last, last_config, last_novelty = entry
        own_novelty = tuple(novelty.get(p.slug) for p in own) if keeps else ()
        if last is not None and last_config is config and last_novelty == own_novelty:
            profile = last  # the same inputs: the same tiles
        else:
            tiles = _tiles(author, counted, novelty, config, own_keys, known)
            if last is not None and last.metrics == tiles:
                profile = last  # the same object: its pages' fingerprints are reused too
            else:
                profile = Profile(
                    author=author, papers=own, metrics=tiles, per_year=per_year, coauthors=coauthors
                )
        profiles.append(profile)
        ledger.put(inputs, (author, own, per_year, coauthors, profile, config, own_novelty))
    ledger.close()
    if known is not None:
        known.end()
    return Site(
        config=config,
        papers=ordered,
        profiles=tuple(profiles),
        authors_of={slug: tuple(items) for slug, items in authors_of.items()},
        novelty=novelty,
        pages=tuple(sorted(_built_pages(pages, drafts=drafts), key=lambda page: page.slug)),
        cite_keys=tuple(cites),
    )


def _built_pages(pages: Sequence[SitePage], *, drafts: bool) -> list[SitePage]:
    """The site's own pages that a build makes: not drafts (but with --drafts), one of a
    slug (after a collision, which fails the build, the first)."""
    kept = {page.slug: page for page in reversed(pages) if drafts or not page.draft}
    return list(kept.values())


def _in_nav(pages: Iterable[SitePage]) -> list[SitePage]:
    """Those of the built ``pages`` that say ``nav:``, in the header's order: the numbered
    ones by number, then the others (``nav: true``), each by title."""
    shown = [page for page in pages if page.nav is not None]
    return sorted(shown, key=lambda page: (page.nav, page.title.casefold(), page.slug))


def nav_links(pages: Sequence[SitePage], *, drafts: bool) -> NavLinks:
    """The header's links to the site's own pages that say ``nav:``: (address, title)."""
    shown = _in_nav(_built_pages(pages, drafts=drafts))
    return tuple((f"{page.slug}/", page.title) for page in shown)


# Pages linked from the header beyond which it says so: on a phone's width the top bar
# wraps to several lines from about this many, and every page of the site carries them all.
NAV_MOST = 8


def alias_warnings(site: Site) -> list[str]:
    """A warning for each author's alias that is another site author's name: every paper
    listing that name then counts as both authors' (their lists, metrics and co-authors),
    which the build did without a word. Two authors sharing an alias (`K. Wang`, used by
    two people of one lab) is left unsaid: the record cannot tell them apart either."""
    named: dict[str, Author] = {}
    for profile in site.profiles:
        named.setdefault(names.name_key(profile.author.name), profile.author)
    said: list[str] = []
    for profile in site.profiles:
        author = profile.author
        for alias in author.aliases:
            other = named.get(names.name_key(alias))
            if other is None or other is author:
                continue
            said.append(
                f"{author.source}:{author.lines.get('aliases', 1)}: alias `{alias}` is the "
                f"name of {other.source}: every paper that lists {other.name} counts as "
                f"{author.name}'s too (on both profiles, in both authors' metrics); remove "
                "the alias, or keep one of the two records if they are one person"
            )
    return said


def shared_name_warnings(site: Site) -> list[str]:
    """A warning for each name a paper lists that is a name of two site authors or more
    (`R. Brekelmans`, an alias of two lab members): the paper is on each one's profile and
    in each one's metrics, one of them wrongly, and the build said nothing. A name of
    theirs that the paper also lists in full (`Qi Wang` beside `Q. Wang`) settles it."""
    by_key: dict[str, list[Author]] = {}
    for profile in site.profiles:
        author = profile.author
        for written in (author.name, *author.aliases):
            key = names.name_key(written)
            if key and author not in by_key.setdefault(key, []):
                by_key[key].append(author)
    said: list[str] = []
    # An author's own name that another has as an alias is said at the alias (above)
    names_of = {names.name_key(profile.author.name) for profile in site.profiles}
    if not any(len(found) > 1 for key, found in by_key.items() if key not in names_of):
        return said  # no name of two: nothing to look up (10,000 papers' names)
    seen: dict[str, list[Author]] = {}  # listed name -> its authors (names recur a lot)
    for paper in site.papers:
        matched = [
            seen[name]
            if name in seen
            else seen.setdefault(name, by_key.get(names.name_key(name), []))
            for name in paper.authors
        ]
        sure = {found[0].slug for found in matched if len(found) == 1}
        for name, found in zip(paper.authors, matched, strict=True):
            left = [author for author in found if author.slug not in sure]
            if len(left) < 2 or names.name_key(name) in names_of:
                continue
            whose = " and ".join(f"{a.name} ({a.source})" for a in left)
            said.append(
                f"{paper.source}:{paper.lines.get('authors', 1)}: `{name}` is a name of "
                f"{whose}: the paper is on each one's profile and in their metrics; write "
                "the one meant by a name of theirs alone (such as their full name)"
            )
    return said


def unknown_spelling_warnings(site: Site) -> list[str]:
    """A warning for each spelling of a site author's name (`A. Vesely`, `Vesely, A.` for
    Anna Vesely) on papers that name no site author by a name or an alias: the byline
    showed it unbolded and unlinked, the profile counted it as its owner's own most
    frequent co-author, and on a lab's site the paper was nobody's, without a word (the
    import says so of the papers it brings; papers written by hand were never told).

    One line a spelling, at the first paper that lists it. A spelling that fits two site
    authors (two J. Wangs), or a paper on which two spellings fit one, is left unsaid: the
    record cannot tell which."""
    main = site.config.main_author
    # the others name a site author (a paper naming none is the main author's or no one's)
    unnamed = [p for p in site.papers if site.authors_of.get(p.slug, ()) in ((), (main,))]
    if not unnamed:
        return []
    known: set[str] = set()
    by_surname: dict[str, list[Author]] = {}
    for profile in site.profiles:
        author = profile.author
        known.update(names.name_key(n) for n in (author.name, *author.aliases))
        key = names.name_key(author.name)
        if len(key.split()) >= 2:
            by_surname.setdefault(names.family_word(key), []).append(author)
    keys: dict[str, str] = {}  # listed name -> its key (names recur a lot)
    found: dict[tuple[str, str], list[Paper]] = {}  # (spelling, author slug) -> papers
    whose: dict[str, Author] = {}
    for paper in unnamed:
        listed = [
            (name, keys[name] if name in keys else keys.setdefault(name, names.name_key(name)))
            for name in paper.authors
        ]
        if any(key in known for _, key in listed):
            continue  # a site author is there by a known spelling
        fitting: dict[str, list[str]] = {}  # author slug -> spellings of theirs
        for name, key in listed:
            if not key or names.is_truncation(name):
                continue
            candidates = by_surname.get(names.family_word(key), ())
            fits = [a for a in candidates if names.could_be(name, a.name)]
            if len(fits) == 1 and not names.is_group(name):
                # (an editor's mark is no part of the spelling to add: `M. Lee (ed.)`)
                fitting.setdefault(fits[0].slug, []).append(names.unmarked(name))
                whose[fits[0].slug] = fits[0]
        for slug, spellings in fitting.items():
            if len(spellings) == 1:
                found.setdefault((spellings[0], slug), []).append(paper)
    said = []
    for (spelling, slug), papers in sorted(
        found.items(), key=lambda item: (item[1][0].source, item[0])
    ):
        author, first = whose[slug], papers[0]
        more = "" if len(papers) == 1 else f" (and {len(papers) - 1} more papers)"
        said.append(
            f"{first.source}:{first.lines.get('authors', 1)}: `{spelling}`{more} may be "
            f"{author.name}, whose record does not list that spelling, so the name shows "
            f"as a co-author's and not as theirs; if it is theirs, add `{spelling}` to "
            f"aliases in {author.source}; if it is someone else, write their name in full"
        )
    return said


def nav_warnings(pages: Iterable[SitePage]) -> list[str]:
    """Warnings for a header that does not serve its readers (the build goes on): two of
    its links reading the same (pages with one title), or more than NAV_MOST of them."""
    shown = _in_nav(pages)
    said: list[str] = []
    first_of: dict[str, SitePage] = {}
    for page in sorted(shown, key=lambda page: page.source):
        other = first_of.setdefault(" ".join(page.title.casefold().split()), page)
        if other is not page:
            said.append(
                f"{page.source}:{page.lines.get('title', 1)}: the header links this page and "
                f"{other.source} by the same title, `{page.title}`, two links that read the "
                "same; give one another title, or `nav: false` to leave it out of the header"
            )
    if len(shown) > NAV_MOST:
        first = shown[NAV_MOST]
        said.append(
            f"{first.source}:{first.lines.get('nav', 1)}: the header links {len(shown)} pages "
            f"(`nav:`), this one and those after it beyond the first {NAV_MOST}, on every page "
            "of the site (on a phone, several lines of links above each page); keep the few "
            "most visited there, give the others `nav: false` and link them from one page "
            "(such as a `more.md` with `nav: true` that lists them)"
        )
    return said


# The near-miss search compares each group of the authors with each one `author_groups`
# names (difflib, about a quarter of a millisecond a pair): a site of 500 distinct groups
# waited 30 s on every build for it. Beyond this many pairs it is not made (the warning
# of a named group of no author still is, without its hint).
NEAR_MISS_PAIRS = 4000


# Unused groups of `author_groups` said one by one up to this many; more are one line
UNUSED_GROUPS_SAID = 5


def group_warnings(site: Site) -> list[str]:
    """Warnings for the authors page's groups that read as mistakes (the build goes on): a
    group site.yaml's `author_groups` names that no author is in, and an author's `group:`
    one letter or two from a named one (`PhD student` beside `PhD students`), which would
    be a heading of its own."""
    config = site.config
    named = config.author_groups
    if not named:
        return []
    authors = sorted((p.author for p in site.profiles), key=lambda a: a.source)
    used = {author.group for author in authors if author.group is not None}
    others = sorted(used - set(named))
    unused = [group for group in dict.fromkeys(named) if group not in used]
    near = len(others) * len(named) <= NEAR_MISS_PAIRS

    def closest(group: str, among: Sequence[str]) -> str | None:
        close = difflib.get_close_matches(group, among, n=1, cutoff=0.75) if near else []
        return close[0] if close else None

    said: list[str] = []
    line = config.lines.get("author_groups", 1)
    if len(unused) > UNUSED_GROUPS_SAID:  # one line for them all, not one each (25,000 lines)
        listed = ", ".join(f"`{group}`" for group in unused[:UNUSED_GROUPS_SAID])
        said.append(
            f"{config.source}:{line}: `author_groups` names {len(unused)} groups that no "
            f"author is in: {listed} and {len(unused) - UNUSED_GROUPS_SAID} more; give "
            "authors those groups (`group:`), or leave them out of the list"
        )
        unused = []
    for group in unused:
        close = closest(group, others)
        fix = (
            f"; the authors say `{close}`{lookalike(close, group)}: write the same in both"
            if close
            else "; give an author `group: " + group + "`, or leave it out of the list"
        )
        said.append(
            f"{config.source}:{line}: `author_groups` names `{group}`, the group of no author{fix}"
        )
    meant = {group: closest(group, named) for group in others}
    for author in authors:
        if author.group is None or author.group in named:
            continue
        group = author.group
        close = meant[group]
        if close is not None and close in used:
            said.append(
                f"{author.source}:{author.lines.get('group', 1)}: `group: {group}` is not "
                f"`{close}` of site.yaml's `author_groups`{lookalike(group, close)}, so the "
                f"authors page lists {author.name} under a heading of their own; write "
                f"`group: {close}` if that is the group meant"
            )
    return said
