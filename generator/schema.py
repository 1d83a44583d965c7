"""The declared tables of fields that records and ``site.yaml`` may hold.

The order of each table is the order in which records are written back
(``authorsite new``, importers), so that generated records read like
hand-written ones.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One allowed key: its name, the kind of value, and whether it is required."""

    name: str
    # str, int, number, bool, date, names, strings, links, metrics, markdown, doi, arxiv_id,
    # language, labels, number_text (a volume: `12` or text), pages, isbn
    kind: str
    required: bool = False
    help: str = ""


PAPER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "str", True, "the paper's title"),
    FieldSpec(
        "translated_title",
        "str",
        help="the title in the pages' language, for a paper written in another",
    ),
    FieldSpec("authors", "names", True, "list of names in order; end with 'et al.' if truncated"),
    FieldSpec("date", "date", True, "YYYY-MM-DD, YYYY-MM or YYYY"),
    FieldSpec("category", "str", help="arXiv category such as cs.AI"),
    FieldSpec("venue", "str", help="e.g. NeurIPS 2024"),
    FieldSpec(
        "series",
        "str",
        help="the series of the proceedings, such as Lecture Notes in Computer Science: "
        "the volume is then the series' volume",
    ),
    FieldSpec(
        "volume", "number_text", help="the journal's volume: 12, or a short name such as 12A"
    ),
    FieldSpec("issue", "number_text", help="the issue (BibTeX's `number`): 3, or such as Suppl 2"),
    FieldSpec(
        "pages",
        "pages",
        help="45–67 (or 45-67, 45--67), one page, an article number such as e1002345",
    ),
    FieldSpec("type", "str", help="article, conference, preprint, thesis, book, chapter, ..."),
    FieldSpec(
        "report_number",
        "str",
        help="the institution's number of the paper: CERN-EP-2024-159 (several: with commas)",
    ),
    FieldSpec(
        "isbn",
        "isbn",
        help="a book's (or a chapter's book's) ISBN: 978-0-19-953556-9, or ten digits",
    ),
    FieldSpec("edition", "number_text", help="a book's edition: 2, or text such as Revised"),
    FieldSpec(
        "first_published",
        "date",
        help="a reprint's or new edition's first publication: YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    FieldSpec(
        "language", "language", help="the paper's own language if not the site's: zh-Hans, de"
    ),
    FieldSpec("citations", "int", help="integer >= 0"),
    FieldSpec("citations_source", "str", help="where the citation count came from"),
    FieldSpec("citations_date", "date", help="when the citation count was read"),
    FieldSpec("score", "number", help="number from 0 to 100"),
    FieldSpec("arxiv_id", "arxiv_id", help="arXiv id such as 2505.12345 or hep-th/9901001"),
    FieldSpec("doi", "doi", help="DOI such as 10.1145/3292500.3330919"),
    FieldSpec("links", "links", help="mapping of code, pdf, arxiv, doi, ... to URLs"),
    FieldSpec("tags", "strings", help="list of strings"),
    FieldSpec("featured", "bool"),
    FieldSpec("draft", "bool"),
    FieldSpec("slug", "str", help="overrides the file name; [a-z0-9][a-z0-9-]*"),
    FieldSpec("note", "str", help="a free comment, e.g. '12 pages, 3 figures'"),
    FieldSpec("bibtex", "str", help="the original BibTeX entry, used for cite.bib"),
    FieldSpec(
        "imported_from",
        "str",
        help="the old site's page an import read (academicpages, Hugo); how a re-import knows it",
    ),
    FieldSpec("abstract", "markdown", help="only in .yaml papers; in .md it is the body"),
)

AUTHOR_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "str", True),
    FieldSpec("aliases", "strings"),
    FieldSpec("field", "str"),
    FieldSpec("affiliation", "str"),
    FieldSpec("position", "str"),
    FieldSpec(
        "group",
        "str",
        help="the heading the authors page lists the author under, such as PhD students",
    ),
    FieldSpec("order", "number", help="the author's place in the authors list: lower first"),
    FieldSpec("email", "str"),
    FieldSpec("photo", "str"),
    FieldSpec("bio", "markdown"),
    FieldSpec("links", "links"),
    FieldSpec("metrics", "metrics"),
    FieldSpec("metrics_source", "str"),
    FieldSpec("slug", "str"),
)

PAGE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "str", True, "the page's title, its heading and its link's words"),
    FieldSpec("description", "str", help="a sentence for search engines and link previews"),
    FieldSpec(
        "nav",
        "nav",
        help="true to link the page from the header, or a number for its place there",
    ),
    FieldSpec(
        "language", "language", help="the page's own language if not the site's: zh-Hans, de"
    ),
    FieldSpec("draft", "bool"),
    FieldSpec("slug", "str", help="overrides the file name: the page's address is <slug>/"),
)

SITE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "str"),
    FieldSpec("description", "str"),
    FieldSpec("base_url", "str"),
    FieldSpec("language", "str"),
    FieldSpec("paper_language", "str"),
    FieldSpec("theme", "str"),
    FieldSpec("main_author", "str"),
    FieldSpec("build_date", "date"),
    FieldSpec("paper_sort", "str"),
    FieldSpec("metrics", "strings"),
    FieldSpec("authors_shown", "int"),
    FieldSpec("search_shortcut", "bool"),
    FieldSpec("author_groups", "strings"),
    FieldSpec("labels", "labels"),
)

PAPER_LINK_KEYS = ("code", "pdf", "arxiv", "doi", "project", "data", "slides", "video")
DECLARED_METRICS = ("h_index", "citations", "i10_index", "novelty", "score", "papers")
METRIC_KEYS = ("h_index", "papers", "citations", "i10_index", "novelty", "score")
PAPER_SORTS = ("date", "citations", "score", "title")
TRUNCATION_MARKERS = ("et al.", "et al", "others")
SLUG_PATTERN = r"[a-z0-9][a-z0-9-]*"
# The folders the build writes at the top of the site (see routes.py), and what each holds:
# a page of content/pages/ is built to <slug>/index.html, and may not take one of them.
# (The build's files, feed.xml and the like, have a dot, which no slug has.)
BUILT_FOLDERS: dict[str, str] = {
    "authors": "the site's author list and profiles",
    "papers": "the papers' pages",
    "cv": "the main author's CV",
    "static": "the theme's and the site's static files",
    # output/CNAME (GitHub Pages' custom domain, kept by builds): one name with cname/ where
    # a disk ignores case (macOS, Windows)
    "cname": "on disks that ignore case (macOS, Windows) the CNAME file of your custom domain",
}


# Keys other tools (Jekyll's al-folio and academicpages, Hugo, BibTeX) write where ours have
# another name or place: the unknown key, and what to write instead. A close spelling
# alone would mislead (`code` is not a typo of `score`).
_LINK = "a link goes under `links:`, one indented line each (`links:`, then `  {key}: https://…`)"
PAPER_KEY_HINTS: dict[str, str] = {
    **{key: _LINK.replace("{key}", key) for key in PAPER_LINK_KEYS},
    # the paper's own page, as the importers name a plain `url`
    **{key: _LINK.replace("{key}", "paper") for key in ("url", "html", "website", "paperurl")},
    "slidesurl": _LINK.replace("{key}", "slides"),
    "arxiv": "write the arXiv id as `arxiv_id:` (its link is made from it)",
    "eprint": "write the arXiv id as `arxiv_id:`",
    "year": "write the year as `date:` (`date: 2024`, or the full date)",
    "journal": "write the journal as `venue:`",
    "number": "write the issue as `issue:` (BibTeX's `number`)",
    **dict.fromkeys(
        ("firstpage", "first_page", "lastpage", "last_page", "page", "pagination"),
        "write the pages as `pages:` (`pages: 45–67`, or one page)",
    ),
    "booktitle": "write the conference or book as `venue:`",
    **dict.fromkeys(
        ("origdate", "origyear", "original_date"),
        "write the first publication's date as `first_published:` (`first_published: 1998`)",
    ),
    "conference": "write the conference as `venue:`",
    "publication": "write where it appeared as `venue:`",
    "keywords": "write them as `tags:`",
    "selected": 'write `featured: true` for a paper in "Selected papers"',
    "citation_count": "write the count as `citations:`",
    "cited_by": "write the count as `citations:`",
    "summary": "put the abstract below the front matter",
}
AUTHOR_KEY_HINTS: dict[str, str] = {
    **{
        key: _LINK.replace("{key}", key)
        for key in (
            "homepage",
            "website",
            "url",
            "scholar",
            "orcid",
            "github",
            "twitter",
            "linkedin",
            "researchgate",
            "dblp",
            "mastodon",
            "bluesky",
        )
    },
    **{
        key: f"a declared metric goes under `metrics:` (`metrics:`, then `  {key}: …`)"
        for key in ("h_index", "i10_index", "novelty", "score")
    },
    "institution": "write it as `affiliation:`",
    "university": "write it as `affiliation:`",
    "organization": "write it as `affiliation:`",
    "title": "write the job title as `position:`",
    "image": "write the picture's path as `photo:`",
    "avatar": "write the picture's path as `photo:`",
    "about": "write it as `bio:`",
    "alias": "write other spellings as `aliases:` (a list)",
    **dict.fromkeys(
        ("weight", "sort_order"),
        "write the author's place in the authors list as `order:` (`order: 1` first)",
    ),
    **dict.fromkeys(
        ("user_groups", "groups", "user_group"),
        "write the heading the authors page lists the author under as `group:` "
        "(`group: PhD students`)",
    ),
}
# What Jekyll's _config.yml and Hugo's config name the site's address and language
_ADDRESS = (
    "the site's address is `base_url`, the whole of it (Jekyll's `url` and `baseurl` in one, "
    "Hugo's `baseURL`), such as `base_url: https://user.github.io/repo/`"
)
SITE_KEY_HINTS: dict[str, str] = {
    **dict.fromkeys(("url", "baseurl", "site_url", "siteurl"), _ADDRESS),
    **dict.fromkeys(
        ("languagecode", "defaultcontentlanguage", "locale"),
        "the pages' language is `language`, a BCP 47 tag such as `language: de`",
    ),
}
# What al-folio, academicpages (Jekyll) and Hugo write in a page's front matter
_NAV_ORDER = "write the page's place in the header as the number of `nav:` (`nav: 2`)"
PAGE_KEY_HINTS: dict[str, str] = {
    **dict.fromkeys(("nav_order", "weight", "order", "menu"), _NAV_ORDER),
    **dict.fromkeys(
        ("permalink", "url"), "the page's address is its slug: write `slug:` (`slug: teaching`)"
    ),
    "layout": "every page of content/pages/ is made from the theme's page.html; leave it out",
    "summary": "write a sentence for search engines as `description:`",
    "excerpt": "write a sentence for search engines as `description:`",
    "date": "a page has no date; leave it out",
    "published": "write `draft: true` for a page not to publish yet",
}
