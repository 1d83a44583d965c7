"""URL checks shared by records and rendered Markdown."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, unquote, urlsplit

from generator.ids import doi_url, is_resolver_url, parse_arxiv, parse_doi, shown

ALLOWED_SCHEMES = ("http", "https", "mailto")

# Characters browsers strip or ignore inside a scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ARXIV_PREFIX = re.compile(r"^arxiv:", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^doi:", re.IGNORECASE)


# A blank inside an address written in TeX (`\\href{https://x.org/my paper.pdf}{…}`): a
# line's end where a file was wrapped, else the address's own space, which a browser
# sends as `%20`; `<`, `>` and `"` are as browsers send them too.
_WRAPPED = re.compile(r"[ \t]*\r?\n[ \t]*")
_UNSENT = re.compile(r'[ \t<>"]')


def sendable(address: str) -> str:
    """``address`` as a browser sends it: a line's end dropped (a wrapped line), a space,
    tab, `<`, `>` or `"` percent-encoded (`a b` → `a%20b`). In Markdown an address with a
    space is no link, and the page showed the brackets and address as text."""
    joined = _WRAPPED.sub("", address.strip())
    return _UNSENT.sub(lambda m: quote(m.group()), joined)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be linked to, or None when it is safe.

    Accepted: http, https and mailto URLs, and site-relative ones (not ``//host/``,
    which leaves the site with whatever scheme the page has). Anything
    that a browser could read as another scheme (``javascript:``, ``data:``,
    ``vbscript:``, also when split by control characters or spaces, or
    entity-encoded) is refused.
    """
    if not url.strip():
        return "is empty"
    squeezed = _IGNORED.sub("", url)
    match = _SCHEME.match(squeezed)
    if match:
        scheme = match.group(1).lower()
        if scheme not in ALLOWED_SCHEMES:
            return f"uses the `{scheme}:` scheme; only http, https and mailto links are allowed"
        return None
    if re.match(r"^[/\\]{2}", squeezed):  # browsers read /\host and \\host as //host
        return "points to another host without a scheme; write it with https://"
    head = re.split(r"[/?#]", squeezed, maxsplit=1)[0]
    if ":" in head or "&" in head:
        return "looks like a disguised URL scheme; only http, https and mailto links are allowed"
    return None


# What an address may not hold as written (RFC 3986), which a browser percent-encodes
# when it follows the link: a blank (`my paper.pdf`), `"`, `<`, `>`, a backquote, `{`, `}`,
# `|`, `^`, and a `%` that starts no escape (`100%`). In an href each is invalid HTML.
_NOT_IN_URL = re.compile(r'[\s"<>`{}|^]|%(?![0-9A-Fa-f]{2})')


# What a browser strips around an href (C0 controls and the space) and drops within it
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


# Schemes whose address is a program or a page of its own, run where it is followed
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")


def script_scheme(url: str) -> str | None:
    """``javascript``, ``vbscript`` or ``data`` where ``url`` is such an address in any
    spelling a reader's program may undo (capitals, blanks and controls, HTML references
    such as `&#x61;` or `&colon;`, percent-escapes such as `%6A`), else None."""
    for _ in range(3):  # `&amp;#x61;`, `%256A`: escaped twice
        url = html.unescape(unquote(url))
    match = _SCHEME.match(_IGNORED.sub("", url))
    scheme = match.group(1).lower() if match else None
    return scheme if scheme in SCRIPT_SCHEMES else None


def as_followed(url: str) -> str:
    """``url`` as a browser follows it: its scheme in lower case (`HTTPS://x.org`, which
    the checks and the page's metadata compared as written, is `https://x.org`), and what
    an address may not hold percent-encoded (`static/my file.pdf` → `static/my%20file.pdf`;
    an escape already there is kept). Blanks and controls around it are no part of it, nor
    is a tab or a line break within (` https://x.org/ ` is `https://x.org/`), as a browser
    reads an href: encoded, they made it a path of the site that led nowhere."""
    url = _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))
    return _NOT_IN_URL.sub(lambda match: quote(match.group(), safe=""), lower_scheme(url))


def lower_scheme(url: str) -> str:
    """``url`` with its scheme in lower case, as it is read (`HTTPS://` is `https://`)."""
    return _SCHEME.sub(lambda match: match.group().lower(), url, count=1)


def is_site_relative(url: str) -> bool:
    """Whether ``url`` names a place on the site itself: no scheme and no host, read as a
    browser reads it (``/\\host`` is ``//host``; a tab or a space in a scheme is ignored)."""
    squeezed = _IGNORED.sub("", url)
    head = re.split(r"[/?#]", squeezed, maxsplit=1)[0]
    return not (":" in head or re.match(r"^[/\\]{2}", squeezed))


_WEB = re.compile(r"https?://", re.IGNORECASE)
# `github.com/you`, `www.uni.de/~me`, `cs.mit.edu/x`, `ann.github.io`: a web address typed
# without https://, which a browser reads as a page of the site it is on (a broken link).
# A host is `www.` or ends in a top-level domain that is no file's extension (`.de`, not
# `.py`, Paraguay's, nor `.md`, `.sh`, `.zip`): `paper.pdf`, `data.zip`, `run.py` and
# `files/paper.pdf` are files of the site.
_BARE_HOST = re.compile(
    r"(?:www\.[^/?#]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|ai|dev|app|info|"
    r"co|me|ac\.[a-z]{2}|de|uk|fr|ch|nl|cn|jp|ca|au|it|se|eu|us|kr|ru|br|at|be|dk|fi|il|hk|tw|"
    r"sg|nz)(?:\.[a-z]{2})?)(?:[/?#]|$)",
    re.IGNORECASE,
)


# A top-level domain that is also the extension of a file a paper's page links: Adobe
# Illustrator's `.ai`, a poster's. In a link of an old site's paper, a name of one word and
# it, with no path (Hugo Blox's `url_poster: poster.ai`, as its `url_pdf: poster.pdf`), is
# the site's file; with `www.`, another dot or a path (`lab.ai/tool`) it is a host.
_FILE_DOMAIN = re.compile(r"[\w-]+\.ai", re.IGNORECASE)


def bare_host(url: str, *, site_files: bool = False) -> bool:
    """Whether ``url`` is another site's address without its ``https://``, a host's name
    first (`github.com/ann/tool`, `www.site.com`), not a path of this site. With
    ``site_files`` (a paper's links on an old site), `poster.ai` is a file's name; else
    (a homepage, a record's link) the host `annlee.ai`."""
    url = url.strip()
    file = site_files and _FILE_DOMAIN.fullmatch(url) is not None
    return _BARE_HOST.match(url) is not None and not file


def with_scheme(url: str) -> str:
    """``url`` with the ``https://`` a host's address was typed without (`github.com/ann/tool`,
    see :func:`bare_host`; `poster.ai` is a file's name), or the `//` after its scheme
    (`https:github.com/ann/tool`); any other value as it is."""
    if not re.fullmatch(r"[^\s<>\"]+", url):
        return url
    return f"https://{url}" if bare_host(url, site_files=True) else with_slashes(url) or url


def host_problem(url: str) -> str | None:
    """Why an http(s) ``url`` names no host, or None (for any other address too).

    `https://...`, a placeholder copied from an example, `https://` alone and `https:///x`
    would be published as links that lead nowhere. So would `https:github.com/ada` (or
    `http:/ada.org`), without the `//`: a browser reads it on an https page as a page of
    the site, and on an http page, or one opened from disk, as the host.
    """
    if typo := no_slashes_problem(url):
        return f"{typo[0]}; write `{typo[1]}`"
    if _NO_SLASHES.match(url.strip()):  # `https:` alone
        return _NO_HOST.format(shown(url.strip()))
    if not _WEB.match(url.strip()):
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:  # `https://[::1` : the browser could not read it either
        return "is no address a browser can read; write the page's full address"
    if host.startswith("[") or ":" in host:  # an IPv6 address
        return None
    if host and all(host.removesuffix(".").split(".")):
        return None
    return _NO_HOST.format(shown(url.strip()))


_NO_HOST = (
    "`{}` names no host, so it would lead nowhere; write the page's full address "
    "(`https://example.org/page`), or remove the line"
)
# `https:` without the `//` that must follow it (`https:github.com`, `http:/x.org`, and
# `https:\\x.org`, which browsers read as `https://x.org` on some pages only)
_NO_SLASHES = re.compile(r"(https?):(?!//)", re.IGNORECASE)
_NO_SLASHES_SAID = (
    "has no `//` after `{}:`, so a browser reads it as a page of this site or as another "
    "host, by the page it is on"
)


def with_slashes(url: str) -> str | None:
    """The address ``url`` means where it is an http(s) one written without the `//`
    after its scheme (`https:github.com/ada` is `https://github.com/ada`); else None."""
    typo = _NO_SLASHES.match(url.strip())
    rest = url.strip()[typo.end() :].lstrip("/\\") if typo else ""
    return f"{typo[1].lower()}://{rest}" if typo and rest else None


def no_slashes_problem(url: str) -> tuple[str, str] | None:
    """What is wrong with ``url`` written without the `//` after its scheme, and the
    address to write; None for any other address."""
    meant = with_slashes(url)
    return (_NO_SLASHES_SAID.format(meant.split(":")[0]), meant) if meant else None


# An author's profile elsewhere, named by its id or user name as researchers write it
# (`orcid: 0000-0002-1825-0097`, `github: ada`): the address that names, as the importers
# make it. Only a value of that service's own shape: anything else stays a link as written.
_PROFILE_IDS: dict[str, tuple[re.Pattern[str], str]] = {
    "orcid": (re.compile(r"(?:\d{4}-){3}\d{3}[\dX]"), "https://orcid.org/{}"),
    # Google Scholar's user id, as its address `citations?user=qc6CJjYAAAAJ` carries it
    "scholar": (re.compile(r"[A-Za-z0-9_-]{12}"), "https://scholar.google.com/citations?user={}"),
    "github": (re.compile(r"@?([A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})"), "https://github.com/{}"),
    "gitlab": (re.compile(r"@?([A-Za-z0-9_][A-Za-z0-9_-]{0,254})"), "https://gitlab.com/{}"),
    "twitter": (re.compile(r"@?([A-Za-z0-9_]{1,15})"), "https://x.com/{}"),
    "x": (re.compile(r"@?([A-Za-z0-9_]{1,15})"), "https://x.com/{}"),
}


# What each of those ids looks like, for a value of another shape (`scholar: abc123`)
_PROFILE_ID_SHAPES = {
    "orcid": "an ORCID iD is four groups of four digits, the last may be X (`0000-0002-1825-0097`)",
    "scholar": "a Google Scholar id is the 12 characters after `user=` in the profile's "
    "address (`qc6CJjYAAAAJ`)",
    "github": "a GitHub user name is letters, digits and single hyphens, up to 39 (`ada`)",
    "gitlab": "a GitLab user name is letters, digits, `_` and `-` (`ada`)",
    "twitter": "an X / Twitter handle is up to 15 letters, digits or `_` (`@ada`)",
    "x": "an X / Twitter handle is up to 15 letters, digits or `_` (`@ada`)",
}


def profile_id_shape(name: str, value: str) -> str | None:
    """What an id of the ``name`` link looks like, when ``value`` is written as an id (no
    `/` or `.`) of another shape; None for any other link or value. Such a value is taken
    for a file of the site, which it is not (``scholar: abc123`` led to `./abc123`)."""
    if re.search(r"[/.\\]", value):
        return None
    return _PROFILE_ID_SHAPES.get(name.lower())


def profile_link(name: str, value: str) -> str | None:
    """The address of an author's ``name`` link written as its id or user name, or None.

    ``orcid: 0000-0002-1825-0097`` is ``https://orcid.org/0000-0002-1825-0097`` and
    ``github: ada`` (or ``@ada``) ``https://github.com/ada``; a path of the site was made of
    them (``./ada``), which leads nowhere. The name in any case (``ORCID:``, ``GitHub:``,
    as the services write themselves).
    """
    known = _PROFILE_IDS.get(name.lower())
    match = known[0].fullmatch(value.strip()) if known else None
    if known is None or match is None:
        return None
    return known[1].format(match.group(match.lastindex or 0))


def arxiv_link(value: str) -> str | None:
    """An arXiv id as its abstract address, an address as written; else None.

    Ids: ``2505.12345``, ``arXiv:cond-mat/0102536v2``.
    """
    value = value.strip()
    arxiv = parse_arxiv(value)
    if arxiv:
        return "https://arxiv.org/abs/" + arxiv
    if _ARXIV_PREFIX.match(value) or not _SCHEME.match(value):
        return None
    return value


def doi_link(value: str) -> str | None:
    """A DOI as its resolver address, an address as written; else None.

    DOIs: ``10.1234/x``, ``doi:10.1234/x``; a doi.org address must name a DOI.
    """
    value = value.strip()
    doi = parse_doi(value)
    if is_resolver_url(value):
        return value if doi else None
    if doi:
        return doi_url(doi)
    if _DOI_PREFIX.match(value) or not _SCHEME.match(value):
        return None
    return value
