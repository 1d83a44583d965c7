"""Load ``site.yaml`` against the declared table of options."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from generator.discover import LOOP, resolved
from generator.errors import Problems, UsageError
from generator.i18n import check_labels, resolve
from generator.model import SiteConfig
from generator.parse import read_text
from generator.schema import METRIC_KEYS, PAPER_SORTS, SITE_FIELDS, SITE_KEY_HINTS
from generator.validate import Checker, blank
from generator.yamlio import YamlError, load_mapping

_THEME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


# A build date further ahead of today than this is a mistake (`9999-12-31`, a time in
# milliseconds): dates in its year print without theirs, and none other does.
AHEAD = dt.timedelta(days=366)
# What a too-large SOURCE_DATE_EPOCH was likely written in (the unit in which it is a
# date of this century, up to a year ahead), and what gives that
_FINER_UNITS = (
    (10**3, "milliseconds", "JavaScript's Date.now()"),
    (10**6, "microseconds", "Python's time.time_ns() // 1000"),
    (10**9, "nanoseconds", "date +%s%N"),
)


def today_utc() -> dt.date:
    """Today where the build runs, in UTC (GitHub's runner's day)."""
    return dt.datetime.now(tz=dt.timezone.utc).date()


_EPOCH_DIGITS = 30
"""More digits than any time in seconds, milliseconds or nanoseconds a build can have."""


def _from_epoch(seconds: int) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        return None


# What people call an order that has another name here (`newest`, `alphabetical`)
_SORT_WORDS = {
    "date": {"newest", "latest", "recent", "year", "chronological", "new", "time"},
    "citations": {"cited", "cites", "popular"},
    "score": {"rating", "rated", "best"},
    "title": {"alphabetical", "alphabetically", "name", "az"},
}


def build_date_default(environ: Mapping[str, str] | None = None) -> dt.date:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC).

    A value that is not a Unix time in seconds is a usage error, never silently today:
    a build that was meant to be reproducible must not quietly stop being so. Nor is one
    more than a year ahead (:data:`AHEAD`): a time in milliseconds is said to be one.
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return today_utc()
    if not epoch.isascii() or not epoch.isdigit():
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time (whole seconds since 1970)"
        )
    if len(epoch.lstrip("0")) > _EPOCH_DIGITS:  # int() refuses past 4,300 digits
        raise UsageError(
            f"SOURCE_DATE_EPOCH is a number of {len(epoch)} digits, no date a calendar has; "
            "give the time of the build, in seconds since 1970 (`date +%s`, or "
            "`git log -1 --format=%ct` for the last commit's)"
        )
    seconds = int(epoch.lstrip("0") or "0")
    date = _from_epoch(seconds)
    latest = today_utc() + AHEAD
    if date is not None and date <= latest:
        return date
    for factor, unit, source in _FINER_UNITS:
        meant = _from_epoch(seconds // factor)
        if meant is not None and dt.date(2000, 1, 1) <= meant <= latest:  # a build's date
            raise UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} looks like {unit} ({len(epoch)} digits, as "
                f"{source} gives), not seconds: as seconds it is no date a build has; for "
                f"{meant.isoformat()} write SOURCE_DATE_EPOCH={seconds // factor} (the "
                "seconds, as `date +%s` gives)"
            )
    shown = f"the date {date.isoformat()}" if date is not None else "no date a calendar has"
    raise UsageError(
        f"SOURCE_DATE_EPOCH={epoch!r} is {shown}, more than a year after today "
        f"({today_utc().isoformat()}); give the time of the build, in seconds since 1970 "
        "(`date +%s`, or `git log -1 --format=%ct` for the last commit's)"
    )


def base_url_option(value: str) -> str:
    """``--base-url``'s argparse type: a bad value is a usage error (exit 2), said at once."""
    import argparse

    if not value.strip():  # `--base-url "$URL"` with $URL unset: not a site at the root
        raise argparse.ArgumentTypeError(
            "the address is empty (a variable that was not set?); give the site's address, "
            "such as https://user.github.io/repo/, or / for a site at a domain's root"
        )
    if normalise_base_url(value) is None:
        raise argparse.ArgumentTypeError(_base_url_message(value))
    return value


def _base_url_message(url: str) -> str:
    """What to write instead of ``url`` on the command line: the same hint site.yaml gets."""
    why = base_url_problem(url)
    if why is not None:
        return f"{url!r}: " + why.replace("`base_url`", "the address")
    return _not_an_address(url) or (
        f"{url!r} is not a path or an absolute http(s) URL; write it as "
        "https://user.github.io/repo/ (or a path such as /repo/)"
    )


def _not_an_address(url: str) -> str | None:
    """``url`` written without its scheme (``user.github.io/repo``) or without its first
    ``/`` (``repo/``), and what to write; None if it is neither."""
    bare = re.fullmatch(r"([\w.-]+)(:\d+)?(/\S*)?", url.strip())  # a host without its scheme
    if not bare:
        return None
    host = bare.group(1).lower()
    if repository := _repository_address(host, bare.group(3) or ""):
        return f"{url!r} {repository.removeprefix('`base_url` ')}"  # `github.com/u/repo`
    local = host in ("localhost", "127.0.0.1")
    if "." in host or local or bare.group(2):
        example = ("http://" if local else "https://") + url.strip().rstrip("/") + "/"
        also = " (or a path such as /repo/)"
    else:  # one word, `repo/`: the folder of a project site, as a path starts it
        example, also = "/" + url.strip().strip("/") + "/", " (a path starts with /)"
    return f"{url!r} is not a path or an absolute http(s) URL; write it as {example}{also}"


# Characters an address keeps as they are (RFC 3986's unreserved and sub-delimiters, less
# the quote, which base_url never holds); every other one in the path is percent-encoded.
_PATH_SAFE = "/%:@!$&()*+,;=-._~"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_base_url(url: str) -> str | None:
    """``/``, ``/path/`` or an absolute http(s) URL, always ending in ``/``; None if invalid.

    One spelling for one address: the scheme and host in lower case (an IDN host in its
    ASCII form), runs of ``/`` as one and a path's other characters percent-encoded, since
    every canonical link, feed id and sitemap entry is made from it, and
    ``https://u.github.io/repo//`` (a ``/`` added to an address that had one) or
    ``https://U.github.io/repo/`` are the same site to a visitor but not to a search engine.
    """
    url = url.strip()
    if not url:
        return "/"
    scheme = re.match(r"^https?://[^/\s]+", url, re.IGNORECASE)
    if not (url.startswith("/") and not url.startswith("//")) and not scheme:
        return None
    if any(ch.isspace() or ch in "\"'<>`\\" for ch in url) or base_url_problem(url):
        return None
    parts = urlsplit(url)
    netloc = ""
    if scheme:
        # a full stop at the end (the DNS root, or an input method's `。` after the name)
        # spells another origin to a browser and a search engine than the one served
        host = _ascii_host((parts.hostname or "").rstrip(".\u3002\uff0e\uff61"))
        if not host:
            return None
        host = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
        # The scheme's own port is no port: browsers show `https://x.org/`, not `:443`.
        port = parts.port if parts.port != _DEFAULT_PORTS[parts.scheme.lower()] else None
        netloc = host + (f":{port}" if port is not None else "")
    path = quote(re.sub(r"/{2,}", "/", parts.path or "/"), safe=_PATH_SAFE)
    # `%` that starts no `%XX` is a percent sign (`100%`), and `%xx` is `%XX` (RFC 3986, 6.2.2.1)
    path = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", path)
    path = re.sub(r"%[0-9a-f]{2}", lambda code: code.group().upper(), path, flags=re.IGNORECASE)
    path = path if path.endswith("/") else path + "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


# Letters that IDNA 2003 (Python's codec) maps to others, ß to `ss`, ς to σ, and joiners it
# drops: browsers (UTS #46, nontransitional, as IDNA 2008) keep them, so `faß.de` is
# `xn--fa-hia.de` to a visitor, and `fass.de` another domain, perhaps someone else's.
_DEVIATIONS = frozenset("ßς\u200c\u200d")


def _ascii_host(host: str) -> str | None:
    """``host`` as the browser's address bar resolves it: an IDN in its ``xn--`` form."""
    try:
        if not _DEVIATIONS.intersection(host):
            return host.encode("idna").decode("ascii")
        labels = []
        for label in host.split("."):
            if _DEVIATIONS.intersection(label):
                label = unicodedata.normalize("NFC", label.lower())
                labels.append("xn--" + label.encode("punycode").decode("ascii"))
            else:
                labels.append(label.encode("idna").decode("ascii"))
        return ".".join(labels)
    except UnicodeError:
        return None


def base_url_problem(url: str) -> str | None:
    """Why ``url``, copied from an address bar, cannot be the site's base_url; None if it can.

    Every address of the site is made by adding to it: after a page's name, a query or a
    fragment, and with a password in it, every one of them would be broken or leak it.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # `http://[x`: Python's "Invalid IPv6 URL", a traceback
        return "`base_url` has a `[` or `]` in its host that is no IPv6 address; remove it"
    path = parts.path
    if path.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
        path = path.rsplit("/", 1)[0]
    folder = urlunsplit((parts.scheme.lower(), parts.netloc, path.rstrip("/") + "/", "", ""))
    if "?" in url or "#" in url:
        return (
            "`base_url` holds `?` or `#`, which would end every address made from it; "
            f"write {folder}"
        )
    if path != parts.path:
        return f"`base_url` is the address of a page; write its folder's, {folder}"
    if parts.username is not None or parts.password is not None:
        return "`base_url` holds a user name or password, which every page would publish; remove it"
    try:
        port = parts.port
    except ValueError:
        return f"`base_url` has no valid port ({parts.netloc.rpartition(':')[2]})"
    if port == 0:  # no server listens on port 0: every address made from it leads nowhere
        return "`base_url` has no valid port (0)"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return (
            "`base_url` has no host name between `//` and the path; write the site's, such as "
            "https://user.github.io/repo/"
        )
    # `%2e` is a dot to a browser here too: `/repo/%2e%2e/` is `/` (WHATWG URL's dot segments)
    if any(s.lower().replace("%2e", ".") in (".", "..") for s in parts.path.split("/")):
        return "`base_url` has a `.` or `..` folder in its path; write the folder it means"
    if " " in parts.netloc:
        return "`base_url` has a space in its host name, which no address has; remove it"
    if " " in url.strip() and (parts.scheme.lower() in ("http", "https") or url.startswith("/")):
        spaced = urlunsplit(parts._replace(path=quote(parts.path, safe=_PATH_SAFE)))
        return f"`base_url` holds a space; write it as %20: {spaced}"
    return _repository_address(parts.hostname, parts.path)


def plain_http_note(base_url: str, *, in_actions: bool = False) -> str | None:
    """What to do about a (normalised) ``http://`` base_url GitHub Pages would serve over
    https; None for any other.

    A ``*.github.io`` site is https only: every canonical link, feed entry, sitemap entry
    and Scholar tag would name an address that only redirects. A custom domain is https
    once *Enforce HTTPS* is ticked, and until then configure-pages gives the workflow its
    address as ``http://`` (``in_actions``, a build on GitHub's runner): the site stayed
    published with http:// addresses after the box was ticked, until some later push.
    """
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.scheme != "http" or host in ("localhost", "127.0.0.1", "::1"):
        return None
    if host.endswith(".github.io"):
        return (
            f"GitHub Pages serves {host} over https only; set base_url (or --base-url) to "
            f"https://{base_url.removeprefix('http://')}"
        )
    if not in_actions:
        return None
    return (
        f"GitHub Pages gave the workflow the site's address as {base_url}, as its custom "
        "domain does not enforce HTTPS yet, so every canonical link, feed, sitemap entry "
        "and Scholar tag names http://; tick Settings > Pages > Enforce HTTPS (offered once "
        "GitHub has the domain's certificate), then run the workflow again (Actions > "
        "Publish site > Run workflow)"
    )


def _repository_address(host: str | None, path: str) -> str | None:
    """Why ``https://github.com/USER/REPO`` cannot be base_url, with the Pages address to
    write; None for any other host.

    The repository's page is the address a newcomer has at hand, and it built: every
    canonical link, feed entry, sitemap entry and Scholar tag then named a page of
    github.com that does not exist, and the site's own address was never given.
    """
    # as the address bar reads it: `ｇｉｔｈｕｂ.com` (an input method's full width) and
    # `github.com。` (its full stop) are github.com, and built as it (see normalise_base_url)
    name = (_ascii_host(host or "") or host or "").lower().rstrip(".")
    where = _GITHUB_HOSTS.get(name)
    if where is None:
        return None
    owner, _, rest = path.strip("/").partition("/")
    if name == "gist.github.com" and owner:  # a gist's id names no repository
        pages = f"https://{owner.lower()}.github.io/ or https://{owner.lower()}.github.io/REPO/"
    elif not owner:
        pages = "https://USER.github.io/ or https://USER.github.io/REPO/"
    else:
        repo = rest.partition("/")[0]
        if repo.lower().endswith(".git"):  # the clone address: the repository is REPO
            repo = repo[:-4]
        user_site = f"{owner}.github.io".lower()
        pages = (
            f"https://{user_site}/"
            if not repo or repo.lower() == user_site
            else f"https://{user_site}/{repo}/"
        )
    return (
        f"`base_url` names {where} but serves none of the site's pages; write the site's "
        f"GitHub Pages address, {pages}, or its custom domain"
    )


# GitHub's hosts that show a repository's files but serve no site: what each shows
_GITHUB_HOSTS = {
    "github.com": "github.com, where GitHub shows the repository",
    "www.github.com": "github.com, where GitHub shows the repository",
    "raw.githubusercontent.com": "raw.githubusercontent.com, where GitHub gives the "
    "repository's files as plain text,",
    "gist.github.com": "gist.github.com, where GitHub shows a gist,",
}


_AS_OF_TODAY = "remove the line to build as of today (or as of SOURCE_DATE_EPOCH)"


def _metrics(check: Checker, value: Any) -> tuple[str, ...] | None:
    """The tiles to show, in order; an unknown or repeated name is a problem.

    Only known names are kept: the build goes on to report every other problem of the
    site in the same run, and a profile cannot be assembled with a tile it has no label for.
    """
    if isinstance(value, str) and len(words := re.findall(r"[^\s,;]+", value)) > 1:
        # `metrics: h_index, papers`: one text, which YAML does not split at its commas
        check.fail(
            "metrics",
            f"`metrics` is one piece of text, {value!r}; write the tiles as a list, in "
            f"brackets: `metrics: [{', '.join(words)}]`",
        )
        return None
    items = check.strings("metrics", value)
    if items is None and not isinstance(value, list):
        return None
    # Beside an entry that is no text, the names are still checked: every problem in one run.
    names = items if items is not None else [v.strip() for v in value if isinstance(v, str)]
    kept: list[str] = []
    for item in names:
        if not item:
            continue
        if item in kept:
            check.fail("metrics", f"metric {item!r} is listed twice; keep one")
        elif item in METRIC_KEYS:
            kept.append(item)
        else:
            close = difflib.get_close_matches(item, METRIC_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`? " if close else ""
            check.fail(
                "metrics", f"unknown metric {item!r}; {hint}choose from {', '.join(METRIC_KEYS)}"
            )
    return None if items is None else tuple(kept)


def theme_root(site_dir: Path, theme: str) -> Path:
    """The folder of ``theme``: the site's own ``themes/<name>``, else one shipped with us."""
    here = Path(__file__).resolve().parent
    for root in (site_dir / "themes" / theme, here.parent / "themes" / theme):
        if root.is_dir():
            return root
    return here / "themes" / theme  # inside the installed package (sites made by ``init``)


def bundled_templates() -> Path:
    """The templates of the default theme that comes with authorsite (not a site's copy)."""
    here = Path(__file__).resolve().parent
    for root in (here.parent / "themes", here / "themes"):
        if (root / "default" / "templates").is_dir():
            return root / "default" / "templates"
    return here / "themes" / "default" / "templates"


def theme_problem(site_dir: Path, theme: str) -> str | None:
    """What is wrong with ``theme: <name>`` when the theme has no templates, else None."""
    if (theme_root(site_dir, theme) / "templates").is_dir():
        return None
    # A misspelt name of a theme there is (`mien` for themes/mine/): that one, by name
    here = Path(__file__).resolve().parent
    there = {
        folder.name
        for themes in (site_dir / "themes", here.parent / "themes", here / "themes")
        if themes.is_dir()
        for folder in themes.iterdir()
        if (folder / "templates").is_dir()
    }
    close = difflib.get_close_matches(theme, sorted(there), n=1, cutoff=0.6)
    if close:
        return f"theme `{theme}` not found: did you mean `{close[0]}`?"
    # Where the default theme is, so that a new theme can start as a copy of it.
    return (
        f"theme `{theme}` not found: expected themes/{theme}/templates/ "
        f"(to start one, copy the default theme: {theme_root(site_dir, 'default')})"
    )


def _theme_name_problem(site_dir: Path, theme: str) -> str:
    """What to write for ``theme: <name>`` that no folder may be named: the folder name
    Hugo and Jekyll users give a theme (`My Theme`) has a blank, and the message said
    only that it must be a folder's name, which it was."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", theme).strip("-_") or "mine"
    rule = f"a theme's name is letters, digits, `-` and `_`, not {theme!r}"
    plain = "/" not in theme and "\\" not in theme and theme.strip(".") != ""
    if plain and (site_dir / "themes" / theme).is_dir():
        return (
            f"{rule}: rename the folder themes/{theme}/ to themes/{name}/ and write `theme: {name}`"
        )
    return f"{rule}: write `theme: {name}`, its folder themes/{name}/"


def load_config(
    path: Path, rel: str, problems: Problems, *, base_url: str | None = None
) -> SiteConfig:
    """The site's configuration; a missing ``site.yaml`` means all defaults."""
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    # As for records, a link that leads out of the site is not followed: one to
    # ~/.aws/credentials would have its lines quoted in a failed build's messages (a CI log).
    target = resolved(path) if path.is_symlink() else path
    if target is None:
        problems.add(rel, 0, LOOP)
    elif target is not path and not target.is_relative_to(path.parent.resolve()):
        problems.add(
            rel, 0, "is a symbolic link to a file outside the site folder; copy the file in instead"
        )
    elif path.exists():
        source = read_text(path, rel, problems)
        if source is not None:
            try:
                document = load_mapping(source.text, what="site configuration")
                data, lines = document.data, dict(document.lines)
            except YamlError as exc:
                problems.add(rel, exc.line, exc.message)
    check = Checker(rel, lines, problems)
    check.unknown_keys(data, SITE_FIELDS, SITE_KEY_HINTS)
    options: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if key in ("title", "description", "main_author"):
            # Empty (`title: ""`, or a zero-width space alone) is unset, as `title:` is: not
            # a site with no name, whose brand link would be an empty link, feeds untitled.
            text = check.text(key, value)
            options[key] = None if text is None or blank(text) else text
        elif key == "language":
            options[key] = check.language(key, value, "the pages'")
        elif key == "paper_language":
            options[key] = check.language(key, value, "the papers'")
        elif key == "base_url":
            text = check.text(key, value)
            if text is not None:
                options[key] = normalise_base_url(text)
                if options[key] is None:
                    bare = _not_an_address(text)  # `example.org`: the hint --base-url gets
                    check.fail(
                        key,
                        base_url_problem(text)
                        or (f"`base_url` {bare}" if bare else None)
                        or "`base_url` must be `/`, a path such as `/repo/`, "
                        "or an absolute URL such as https://user.github.io/repo/",
                    )
        elif key == "theme":
            text = check.text(key, value)
            if text is not None and not _THEME.match(text):
                check.fail(key, _theme_name_problem(path.parent, text))
            elif text is not None and (missing := theme_problem(path.parent, text)):
                check.fail(key, missing)  # with every other problem, at its line
            options[key] = text
        elif key == "build_date":
            if isinstance(value, str) and value.strip().lower() in ("today", "now"):
                check.fail(key, f"`build_date` is a day, not {value!r}; {_AS_OF_TODAY}")
                continue
            date = check.date(key, value, forms="YYYY-MM-DD")
            if date is not None and (date.month is None or date.day is None):
                day = f"{date.year}-{date.month or 1:02d}-01"
                check.fail(
                    key,
                    f"`build_date` must be a full date, YYYY-MM-DD; write the day, such as "
                    f"`{day}`, or {_AS_OF_TODAY}",
                )
            elif date is not None and date.as_date() > (latest := today_utc() + AHEAD):
                check.fail(
                    key,
                    f"`build_date` {date.as_date().isoformat()} is more than a year after "
                    f"today ({today_utc().isoformat()}), which dates the whole site (the "
                    "dates of its year print without their year); write the day the site "
                    "is built as of, such as "
                    f"{today_utc().isoformat()}, or remove the line to build as of today "
                    f"(a date up to {latest.isoformat()} is taken)",
                )
            elif date is not None:
                options[key] = date.as_date()
        elif key == "paper_sort":
            text = check.text(key, value)
            if text is not None and text not in PAPER_SORTS:
                # `Citations`, `most cited`: the value meant, where one is close
                close = (
                    difflib.get_close_matches(text.strip().lower(), PAPER_SORTS, n=1)
                    or [
                        sort
                        for sort, words in _SORT_WORDS.items()
                        if set(re.findall(r"[a-z]+", text.lower())) & words
                    ][:1]
                )
                check.fail(
                    key,
                    f"`paper_sort` must be one of {', '.join(PAPER_SORTS)}, not {text!r}"
                    + (f"; write `paper_sort: {close[0]}`" if close else ""),
                )
            options[key] = text
        elif key == "metrics":
            options[key] = _metrics(check, value)
        elif key == "authors_shown":
            # `0` or `all`, written for "every name": the way to say so
            every = "; to show every name, write a number as large as the longest list, such as 100"
            options[key] = check.integer(key, value, minimum=1, advice=every)
        elif key == "search_shortcut":
            options[key] = check.flag(key, value)
        elif key == "author_groups":  # each on one line, as an author's `group:` is
            groups = check.strings(key, value)
            options[key] = None if groups is None else tuple(" ".join(g.split()) for g in groups)
    if data.get("labels") is not None:  # after the loop: its plurals are the language's
        options["labels"] = check_labels(check, data["labels"], options.get("language") or "en")
    if base_url is not None:
        options["base_url"] = normalise_base_url(base_url)
        if options["base_url"] is None:
            problems.add(
                "--base-url",
                0,
                _base_url_message(base_url),
            )
    if not options.get("title"):  # the default name, in the pages' language (`Publikationen`)
        language = options.get("language") or SiteConfig.language
        labelled = resolve(language, options.get("labels") or ()).text("publications")
        # a label written empty (to show no such word) would leave the top link empty
        options["title"] = resolve(language).text("publications") if blank(labelled) else labelled
    if "build_date" not in options:  # only then does SOURCE_DATE_EPOCH matter
        options["build_date"] = build_date_default()
    clean = {key: value for key, value in options.items() if value is not None}
    return SiteConfig(source=rel, lines=lines, **clean)
