"""Character references (``&#…;``) in Markdown: never a crash, never a forbidden character.

A control character or a noncharacter typed as text is refused with its line (see
test_values.py); written as a reference it reaches the page through cmark or the
sanitiser instead. HTML calls such a character a parse error and XML (the feeds) forbids
it, so such a character is left out (``&#0;`` and a surrogate show as U+FFFD, as in a
browser).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.markup import plain_text, render_markdown
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n"
        "base_url: https://user.github.io/repo/\n"}  # fmt: skip
# Forbidden in the output: C0 controls but tab and line ends, U+FFFE/U+FFFF, surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REFERENCES = ["&#xFFFF;", "&#xfffe;", "&#65535;", "&#x0000FFFE;", "&#27;", "&#x1B;", "&#0;",
              "&#xD800;", "&#x110000;", "&#12;"]  # fmt: skip


@pytest.mark.parametrize("reference", REFERENCES)
def test_a_reference_to_a_forbidden_character_is_left_out(
    reference: str,
) -> None:
    for text in (f"Before {reference} after.", f"Raw <em>before {reference} after</em>.",
                 f"[before {reference} after](https://example.org/{reference} \"t{reference}\")"):  # fmt: skip
        html = render_markdown(text)
        assert not FORBIDDEN.search(html), (text, html)
        assert "before" in html.lower() and "after" in html, (text, html)
        assert not FORBIDDEN.search(plain_text(text))


def test_a_site_with_such_references_builds_valid_pages_and_feeds(tmp_path: Path) -> None:
    text = "Pasted " + " ".join(REFERENCES) + " text."
    site = write_site(
        tmp_path / "site",
        {**SITE,
         "content/authors/ada.yaml": f'name: Ada Lovelace\nbio: "{text}"\n',
         "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                  f"date: 2024-05-01\n---\n{text}\n"},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert "Pasted" in built.pages()["papers/one/index.html"].all_text()
    for path in sorted(built.out.rglob("*")):
        if path.suffix in (".html", ".xml", ".json"):
            found = FORBIDDEN.search(path.read_text("utf-8"))
            assert not found, f"{path.relative_to(built.out)}: U+{ord(found.group()):04X}"
