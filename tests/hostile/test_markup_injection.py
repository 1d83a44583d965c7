"""Markup, script and template syntax in every text field: shown as text, never live.

Each vector goes into every text field of the site, author and paper records at once
(and into the Markdown abstract and bio); the build must succeed and no output page may
hold an element, attribute, URL scheme or script that the theme does not make itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.harness import Built, assert_nothing_live, run_build, write_site

# OWASP XSS filter-evasion cheat sheet, condensed: one vector per trick.
VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    "<IMG\nSRC\n=\nj\na\nv\na\ns\nc\nr\ni\np\nt\n:\na\nl\ne\nr\nt\n(1)\n>",
    "<body onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "`><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<A HREF="&#x6A;avascript:alert(1)">x</A>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<style>@import "http://xss.example/x.css";</style>',
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    '<span style="width: expression(alert(1))">x</span>',
    '<link rel=stylesheet href="http://xss.example/x.css">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<base href="http://xss.example/">',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<span class="skip tile" id="main">fake site UI</span>',
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "$<script>alert(1)</script>$ and $$<img src=x onerror=alert(1)>$$",
    "authorsitemath0x $x$ authorsitemath7x",
]
TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{# comment #} ${7*7} <%= 7*7 %> #{7*7}",
]


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def site_files(payload: str, email: str = "ada@example.org") -> dict[str, str | bytes]:
    """A site whose every text field (and Markdown abstract and bio) holds ``payload``;
    but ``email``, which must be an address (see test_payload_as_an_email_is_refused)."""
    p = q(payload)
    # A DOI's suffix may hold any printable character but no space: the payload, squeezed,
    # is a valid DOI that reaches the link, the meta tag, the JSON-LD and cite.bib.
    # An arXiv id can hold none of it (anything else is refused; see tests/test_ids.py).
    doi = q("10.5555/" + "".join(payload.split()))
    # `language` must be a language tag: a payload there is refused (see tests/test_config.py).
    return {
        "site.yaml": f"title: {p}\ndescription: {p}\nlanguage: en-GB\n"
        "main_author: ada\nbuild_date: 2026-11-28\nbase_url: https://user.github.io/repo/\n",
        "content/authors/ada.yaml": (
            f"name: Ada Lovelace\naliases: [{p}]\nfield: {p}\naffiliation: {p}\n"
            f"position: {p}\nemail: {email}\nmetrics_source: {p}\nbio: {p}\n"
            f"links:\n  {p}: https://example.org/ada\n"
            "metrics:\n  h_index: 3\n"
        ),
        "content/authors/other.yaml": f"name: {p}\nfield: {p}\nbio: {p}\n",
        "content/papers/one.md": (
            f"---\ntitle: {p}\nauthors: [Ada Lovelace, {p}]\ndate: 2024-05-01\n"
            f"category: {p}\nvenue: {p}\ntype: {p}\ncitations: 12\ncitations_source: {p}\n"
            f"citations_date: 2026-11\narxiv_id: 2405.01234\ndoi: {doi}\nnote: {p}\nbibtex: {p}\n"
            f"tags: [{p}, {q(payload + ' 2')}]\nscore: 80\n"
            f"links:\n  code: https://example.org/code\n  {p}: https://example.org/x\n"
            f"---\n{payload}\n\nA second paragraph with {payload} inline.\n"
        ),
        "content/papers/two.yaml": (
            f"title: {p}\nauthors: [{p}, Ada Lovelace, et al.]\ndate: 2023-01\n"
            f"abstract: {p}\nfeatured: true\n"
        ),
    }


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same site with harmless text in every field: the theme's own markup."""
    site = write_site(tmp_path_factory.mktemp("baseline"), site_files("Plain words"))
    built = run_build(site)
    assert built.status == 0, built.stderr
    return built


@pytest.mark.parametrize("payload", VECTORS + TEMPLATE_SYNTAX)
def test_payload_in_every_text_field_is_inert(
    payload: str, baseline: Built, tmp_path: Path
) -> None:
    built = run_build(write_site(tmp_path, site_files(payload)))
    assert_nothing_live(built, baseline)


@pytest.mark.parametrize("payload", VECTORS + TEMPLATE_SYNTAX)
def test_payload_as_an_email_is_refused(payload: str, tmp_path: Path) -> None:
    """No address, so never a link: the author's line named, nothing written."""
    built = run_build(write_site(tmp_path, site_files("Plain words", email=q(payload))))
    assert built.status == 1
    assert "content/authors/ada.yaml:6: email " in built.stderr
    assert "is not an address" in built.stderr and "Traceback" not in built.stderr
    assert not built.out.exists()


@pytest.mark.parametrize("payload", TEMPLATE_SYNTAX)
def test_template_syntax_renders_literally(payload: str, tmp_path: Path) -> None:
    built = run_build(write_site(tmp_path, site_files(payload)))
    assert built.status == 0, built.stderr
    paper = built.pages()["papers/one/index.html"]
    facts = paper.all_text()
    # Plain text fields show the characters exactly as written, braces and all.
    assert facts.count(payload) >= 6, facts
    assert "<class 'object'>" not in facts and "looploop" not in facts


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</title><b>bold</b>"],
)
def test_markup_in_plain_fields_is_shown_as_text(payload: str, tmp_path: Path) -> None:
    built = run_build(write_site(tmp_path, site_files(payload)))
    assert built.status == 0, built.stderr
    pages = built.pages()
    # The reader sees the characters they typed, in the title and in the page's own text.
    assert payload in pages["papers/one/index.html"].all_text()
    assert payload in pages["index.html"].all_text()
    titles = [t for t in pages["papers/one/index.html"].text if payload in t]
    assert titles


def test_markdown_keeps_its_formatting_and_safe_links(tmp_path: Path) -> None:
    """The sanitiser is an allow-list, not a text filter: real Markdown still works."""
    abstract = (
        "We *improve* **results** with `code`, $\\alpha_1$ and a "
        "[project page](https://example.org/p) and [a note](notes/x/).\n\n"
        "- one\n- two\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    )
    files = site_files("Plain")
    files["content/papers/one.md"] = (
        "---\ntitle: T\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\n" + abstract
    )
    built = run_build(write_site(tmp_path, files))
    assert built.status == 0, built.stderr
    page = built.pages()["papers/one/index.html"]
    tags = {tag for tag, _ in page.elements}
    assert {"em", "strong", "code", "ul", "li", "table", "td"} <= tags
    hrefs = set(page.urls())
    assert {"https://example.org/p", "../../notes/x/"} <= hrefs  # relative to the site's root
    maths = [dict(a) for t, a in page.elements if t == "span" and dict(a).get("class") == "math"]
    assert maths and "$\\alpha_1$" in page.all_text()
    aligns = [dict(a).get("class") for t, a in page.elements if t == "td"]
    assert aligns == ["align-left", "align-right"]
