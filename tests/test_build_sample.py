"""End to end: the sample site shows every fact of the reference profile."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.build import build

# (score, category, date as printed, code badge, title start, three authors) in date order.
CARDS = [
    ("96.9", "AI", "May 27", False, "Debate with Images", "Sitong Fang, Shiyi Hou, Kaile Wang"),
    (None, "LG", "Jan 28", False, "FedRD", "Kaile Wang, Jiannong Cao, Yu Yang"),
    (None, "LG", "Jan 25", False, "FedCCA", "Kaile Wang, Jiannong Cao, Yu Yang"),
    (None, "AI", "Nov 27, 2025", False, "AI Deception", "Boyuan Chen, Sitong Fang, Jiaming Ji"),
    (None, "AI", "May 29, 2025", True, "InterMT", "Boyuan Chen, Donghai Hong, Jiaming Ji"),
    (
        None,
        "AI",
        "May 24, 2025",
        False,
        "Mitigating Deceptive",
        "Jiaming Ji, Wenqi Chen, Kaile Wang",
    ),
    (None, "LG", "Mar 22, 2025", True, "Safe RLHF-V", "Jiaming Ji, Xinyu Chen, Rui Pan"),
    (None, "CL", "Jan 9, 2025", False, "Stream Aligner", "Hantao Lou, Jiaming Ji, Kaile Wang"),
    (None, "AI", "Dec 20, 2024", True, "Align Anything", "Jiaming Ji, Jiayi Zhou, Hantao Lou"),
    (None, "LG", "Nov 15, 2024", False, "FedAli", "Sannara Ek, Kaile Wang, François Portet"),
    (None, "AI", "Jun 20, 2024", True, "PKU-SafeRLHF", "Jiaming Ji, Donghai Hong, Borong Zhang"),
    (
        None,
        "CL",
        "Jun 10, 2024",
        False,
        "Language Models Resist",
        "Jiaming Ji, Kaile Wang, Tianyi Qiu",
    ),
    (
        None,
        "LG",
        "Feb 15, 2024",
        False,
        "Reward Generalization",
        "Tianyi Qiu, Fanzhi Zeng, Jiaming Ji",
    ),
    (
        None,
        "AI",
        "Oct 30, 2023",
        False,
        "AI Alignment: A Comprehensive",
        "Jiaming Ji, Tianyi Qiu, Boyuan Chen",
    ),
]


class Page(HTMLParser):
    """Collects the text of elements by class, and every link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.cards: list[dict[str, str]] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tiles: list[str] = []
        self._tile: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        cls = attr.get("class") or ""
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.append(cls)
        if tag == "article" and "card" in cls.split():
            self.cards.append({})
        if tag == "li" and "tile" in cls.split():
            self._tile = []
        for key in ("href", "src"):
            if attr.get(key):
                (self.hrefs if key == "href" else self.srcs).append(attr[key] or "")
        if tag == "a" and "code" in cls.split() and self.cards:
            self.cards[-1]["code"] = attr.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "meta", "link", "input", "hr") and self.stack:
            cls = self.stack.pop()
            if "tile" in cls.split() and self._tile is not None:
                self.tiles.append(" ".join(self._tile))
                self._tile = None

    def handle_data(self, data: str) -> None:
        if self._tile is not None and data.strip():
            self._tile.append(data.strip())
        if not self.cards:
            return
        if any("visually-hidden" in cls.split() for cls in self.stack):
            return  # not shown (a badge's whole category, `cs.AI`, is for a screen reader)
        for cls in self.stack:
            for key in ("score", "cat", "title", "authors", "abstract"):
                if key in cls.split():
                    card = self.cards[-1]
                    card[key] = card.get(key, "") + data
        if self.stack and self.stack[-1] == "" and "time" not in self.cards[-1]:
            pass

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def read(path: Path) -> Page:
    parser = Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Path:
    out = tmp_path_factory.mktemp("out") / "output"
    build(sample_source, out)
    return out


def test_profile_shows_every_card(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    page = read(built / "index.html")
    assert re.search(r">\s*Kaile Wang\s*</h1>", html)
    assert '<p class="field">AI</p>' in html
    assert ">14 Papers<" in html
    assert len(page.cards) == 14
    dates = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', html)
    for card, expected, date in zip(page.cards, CARDS, dates, strict=True):
        score, cat, when, code, title, authors = expected
        assert card.get("score") == score
        assert card["cat"].strip() == cat
        assert date == when
        assert card["title"].strip().startswith(title)
        assert card["authors"].strip() == authors + " et al."
        assert ("code" in card) == code
        assert len(card["abstract"].split()) > 50


def test_own_name_is_emphasised(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert html.count("<strong>Kaile Wang</strong>") == 7


def test_metric_tiles_with_provenance(built: Path) -> None:
    page = read(built / "index.html")
    assert page.tiles == [
        "h-index 24 declared",
        "14 papers computed",
        "682 citations declared",
        "Novelty 47% declared",
        "AI Score 57 declared",
    ]
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "computed from 14 listed papers" in html
    assert "declared (author profile, 2026-11)" in html


def test_code_badges_point_to_links_md(built: Path) -> None:
    page = read(built / "index.html")
    codes = {c["title"].split(":")[0].strip(): c["code"] for c in page.cards if "code" in c}
    assert codes == {
        "Align Anything": "https://github.com/PKU-Alignment/align-anything",
        "Safe RLHF-V": "https://github.com/saferlhf-v/saferlhf-v",
        "InterMT": "https://pku-intermt.github.io",
        "PKU-SafeRLHF": "https://huggingface.co/datasets/PKU-Alignment/PKU-SafeRLHF",
    }


def test_latex_is_kept_as_written(built: Path) -> None:
    html = (built / "papers" / "safe-rlhf-v" / "index.html").read_text(encoding="utf-8")
    assert r"$\mathbf{(I)}$" in html
    html = (built / "papers" / "reward-generalization-rlhf" / "index.html").read_text(
        encoding="utf-8"
    )
    assert r"$Θ(\log n/\log\log n)$" in html


def test_paper_page_has_full_record_and_bibtex(built: Path) -> None:
    page = built / "papers" / "debate-with-images"
    html = (page / "index.html").read_text(encoding="utf-8")
    assert (
        'Sitong Fang, Shiyi Hou, <strong><a class="member" href="../../">Kaile Wang</a></strong> et al.'
        in html
    )
    assert "2026-05-27" in html and "cs.AI" in html and "96.9" in html
    bib = (page / "cite.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{fang2026debate,")
    assert "author = {Sitong Fang and Shiyi Hou and Kaile Wang and others}" in bib
    assert "title = {{Debate with Images:" in bib
    assert bib in html.replace("&#39;", "'")


def test_site_files(built: Path) -> None:
    for rel in (
        "404.html",
        ".nojekyll",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "static/style.css",
        "authors/index.html",
        "authors/kaile-wang/index.html",
    ):
        assert (built / rel).exists(), rel


def _resolve(built: Path, base_path: str, page_url: str, href: str) -> Path | None:
    """Where a browser would fetch ``href`` from a page served at base_path + page_url."""
    target = urlsplit(urljoin("https://host" + base_path + page_url, href))
    if target.netloc != "host":
        return None
    assert target.path.startswith(base_path), (page_url, href)
    rel = target.path[len(base_path) :]
    path = built / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


@pytest.mark.parametrize("base_path", ["/", "/repo/"])
def test_every_internal_link_resolves(built: Path, base_path: str) -> None:
    pages = [p for p in built.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 14
    for page in pages:
        rel = page.relative_to(built).as_posix()
        url = rel.removesuffix("index.html")
        parsed = read(page)
        for href in parsed.hrefs + parsed.srcs:
            if href.startswith(("mailto:", "#")):
                continue
            target = _resolve(built, base_path, url, href.split("#")[0])
            if target is not None:
                assert target.exists(), f"{rel}: {href} -> {target}"


def test_404_links_are_rooted_at_the_base_path(tmp_path: Path, sample_source: Path) -> None:
    out = tmp_path / "out"
    build(sample_source, out, base_url="https://user.github.io/repo/")
    html = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="/repo/static/style.css"' in html
    assert 'href="/repo/authors/"' in html
    canonical = (out / "papers/fedrd/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://user.github.io/repo/papers/fedrd/">' in canonical


def test_a_base_url_with_a_doubled_slash_makes_one_address_per_page(
    tmp_path: Path, sample_source: Path
) -> None:
    """The Pages workflow adds `/` to configure-pages' base_url: an older one that ended in `/`."""
    out = tmp_path / "out"
    build(sample_source, out, base_url="https://user.github.io/repo//")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://user.github.io/repo/papers/fedrd/</loc>" in sitemap
    assert "repo//" not in sitemap + (out / "404.html").read_text(encoding="utf-8")
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in robots
