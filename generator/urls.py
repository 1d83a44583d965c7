"""URL checks shared by records and rendered Markdown."""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "mailto")

# Characters browsers strip or ignore inside a scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be linked to, or None when it is safe.

    Accepted: http, https and mailto URLs, and site-relative ones. Anything
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
    head = re.split(r"[/?#]", squeezed, maxsplit=1)[0]
    if ":" in head or "&" in head:
        return "looks like a disguised URL scheme; only http, https and mailto links are allowed"
    return None


def arxiv_url(value: str) -> str:
    """An arXiv id (``2505.12345``, ``cond-mat/0102536v2``) or URL, as an abstract URL."""
    value = re.sub(r"^arxiv:", "", value.strip(), flags=re.IGNORECASE)
    if _SCHEME.match(value):
        return value
    return "https://arxiv.org/abs/" + value


def doi_url(value: str) -> str:
    """A DOI (``10.1234/x``) or URL, as a resolver URL."""
    value = re.sub(r"^doi:", "", value.strip(), flags=re.IGNORECASE)
    if _SCHEME.match(value):
        return value
    return "https://doi.org/" + value
