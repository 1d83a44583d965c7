"""Pages whose template shows nothing of an edit are not rendered again, and only when the
template is the bundled theme's own: a site's template that shows the edited field gets
the edit, as a cold build would."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.synth import generate
from generator import render
from generator.build import build
from generator.config import bundled_templates
from generator.model import Author, Paper, PartialDate, Profile
from generator.routes import Page


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    generate(site, 40, 4, seed=3)
    return site


def _owned_paper(site: Path) -> tuple[Path, str]:
    """A paper of a site author (its file, and the slug of the first such author)."""
    authors = {
        path.stem: path.read_text().partition("name: ")[2].partition("\n")[0].strip()
        for path in sorted((site / "content" / "authors").glob("*.yaml"))
    }
    for path in sorted((site / "content" / "papers").glob("*.md")):
        text = path.read_text()
        for slug, name in authors.items():
            if name and name in text.partition("\n---")[0]:
                return path, slug
    raise AssertionError("no paper of a site author")  # pragma: no cover


def _edit_abstract(path: Path) -> None:
    path.write_text(path.read_text().rstrip("\n") + " A sentence never seen before.\n")


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The output files the builds render from now on."""
    seen: list[str] = []
    real = render.render_page

    def spy(env: object, page: Page) -> bytes:
        seen.append(page.output)
        return real(env, page)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_page", spy)
    return seen


def _cold(site: Path, out: Path) -> dict[str, bytes]:
    build(site, out, use_cache=False)
    return _tree(out)


def test_an_abstract_edit_renders_no_cv_or_list_of_authors_with_the_bundled_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    build(site)
    paper, author = _owned_paper(site)
    _edit_abstract(paper)
    rendered = _rendered(monkeypatch)
    build(site)
    assert f"authors/{author}/index.html" in rendered  # its card shows the abstract
    assert f"papers/{paper.stem}/index.html" in rendered
    assert f"authors/{author}/cv/index.html" not in rendered  # a CV shows no abstract
    assert "authors/index.html" not in rendered
    assert "index.html" not in rendered
    assert _tree(site / "output") == _cold(site, tmp_path / "cold")
    # A citation count is on the CV: it is rendered, and comes out as a cold build's
    paper.write_text(paper.read_text().replace("citations: ", "citations: 1", 1))
    rendered.clear()
    build(site)
    assert f"authors/{author}/cv/index.html" in rendered
    assert _tree(site / "output") == _cold(site, tmp_path / "cold2")
    # Unchanged again: nothing at all is rendered, the view kept beside the fingerprint
    rendered.clear()
    _edit_abstract(paper)
    build(site)
    assert f"authors/{author}/cv/index.html" not in rendered
    assert _tree(site / "output") == _cold(site, tmp_path / "cold3")


def _bundled(name: str) -> str:
    return (bundled_templates() / name).read_text(encoding="utf-8")


# A site's own template that shows abstracts where the bundled one does not: the CV
# itself, the base template it extends, the macros it imports, the list of authors.
SHOWING_ABSTRACTS = {
    "cv.html": lambda: _bundled("cv.html").replace(
        "{% set f = facts(paper) %}", "{% set f = facts(paper) %}<p>{{ paper.abstract }}</p>"
    ),
    "base.html": lambda: _bundled("base.html").replace(
        "{% block main %}{% endblock %}",
        "{% block main %}{% endblock %}{% if profile is defined %}"
        "{% for p in profile.papers %}<p>{{ p.abstract }}</p>{% endfor %}{% endif %}",
    ),
    "authors.html": lambda: _bundled("authors.html").replace(
        "{% set counted = p.counted|length %}",
        "{% set counted = p.counted|length %}{% for q in p.papers %}{{ q.abstract }}{% endfor %}",
    ),
}


@pytest.mark.parametrize("name", ["cv.html", "base.html", "authors.html"])
def test_a_sites_template_that_shows_abstracts_gets_the_edit(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    source = SHOWING_ABSTRACTS[name]()
    assert source != _bundled(name)  # the template really is another
    (site / "templates").mkdir()
    (site / "templates" / name).write_text(source, encoding="utf-8")
    build(site)
    paper, author = _owned_paper(site)
    _edit_abstract(paper)
    rendered = _rendered(monkeypatch)
    build(site)
    page = "authors/index.html" if name == "authors.html" else f"authors/{author}/cv/index.html"
    assert page in rendered
    assert "A sentence never seen before." in (site / "output" / page).read_text()
    assert _tree(site / "output") == _cold(site, tmp_path / "cold")


def test_a_cv_that_imports_a_sites_own_macros_is_not_seen_through_the_view(
    tmp_path: Path,
) -> None:
    """A template the CV reaches (here through an import) that is not the bundled one's
    text: the CV has its whole fingerprint, as any page of a site's own template."""
    site = _site(tmp_path)
    (site / "templates").mkdir()
    assert "{% macro venue_line(paper, em=False, kind=none) -%}" in _bundled("_macros.html")
    (site / "templates" / "_macros.html").write_text(
        _bundled("_macros.html").replace(
            "{% macro venue_line(paper, em=False, kind=none) -%}",
            "{% macro venue_line(paper, em=False, kind=none) -%}{{ paper.abstract|length }}",
        ),
        encoding="utf-8",
    )
    from generator import plan
    from generator.render import make_environment

    env = make_environment(
        [site / "templates", bundled_templates()],
        None,
        "en",
        (),
        bundled_templates(),
    )
    views = plan.Views(env, {}, "key")
    assert views._choose(("cv-x.html", "cv.html")) is None
    assert views._choose(("authors.html",)) == "authors.html"  # base.html is the bundled one


@pytest.mark.parametrize(
    "name", sorted(p.name for p in bundled_templates().iterdir() if p.is_file())
)
def test_the_templates_a_bundled_template_reaches_are_the_ones_jinja_finds(name: str) -> None:
    """The views rely on :func:`referenced_templates` for the bundled templates: it must
    name every template Jinja would load from them (a name it misses is a template whose
    change the view would not see)."""
    import jinja2.meta

    from generator import plan
    from generator.render import make_environment

    env = make_environment([bundled_templates()], None, "en", (), bundled_templates())
    source = _bundled(name)
    jinja = sorted(jinja2.meta.find_referenced_templates(env.parse(source)), key=str)
    assert sorted(plan.referenced_templates(source), key=str) == jinja


def test_referenced_templates_reads_every_form_of_tag() -> None:
    from generator.plan import referenced_templates

    source = (
        '{% extends "base.html" %}{%- include \'a.html\' -%}{%+ import "m.html" as m %}'
        '{% from "_macros.html" import card with context %}{% include name %}'
        '{% include ["x.html", "y.html"] %}{% extends\n"b.html"\n%}{% extends "c" ~ x %}'
    )
    assert referenced_templates(source) == [
        "base.html",
        "a.html",
        "m.html",
        "_macros.html",
        None,
        None,
        "b.html",
        None,
    ]


# A change of each field of a paper but its abstract
CHANGED = {
    "slug": "q",
    "source": "content/papers/q.md",
    "title": "Another",
    "translated_title": "Ein anderer",
    "authors": ("Ada Lovelace",),
    "date": PartialDate(2024, 5, 2),
    "authors_truncated": True,
    "category": "cs.AI",
    "venue": "NeurIPS",
    "series": "LNCS",
    "volume": "12",
    "issue": "3",
    "pages": "4–5",
    "type": "article",
    "language": "de",
    "citations": 4,
    "citations_source": "Crossref",
    "citations_date": PartialDate(2024, 6),
    "score": 50.0,
    "links": {"code": "https://example.org/code"},
    "tags": ("x",),
    "featured": True,
    "draft": True,
    "arxiv_id": "2401.00001",
    "doi": "10.1/x",
    "note": "12 pages",
    "bibtex": "@misc{x}",
    "imported_from": "https://example.org/old",
    "lines": {"title": 3},
    "isbn": "978-0-19-953556-9",
    "edition": "2",
    "first_published": PartialDate(1998),
    "report_number": "CERN-EP-2024-123",
}


def test_the_cv_view_sees_every_field_of_a_paper_but_its_abstract() -> None:
    from generator import plan

    assert set(CHANGED) == {f.name for f in dataclasses.fields(Paper)} - {"abstract"}
    paper = Paper(
        slug="p",
        source="content/papers/p.md",
        title="A title",
        authors=("Ada Lovelace", "Alan Turing"),
        date=PartialDate(2024, 5, 1),
        abstract="An abstract.",
    )

    def view(changed: Paper) -> str:
        profile = Profile(Author("ada", "content/authors/ada.yaml", "Ada"), (changed,), (), (), ())
        page = Page("cv/index.html", "cv/", ("cv.html",), {"profile": profile, "root": "../"})
        found = plan.Views(env, {}, "key").view(page)
        assert found is not None
        return found

    from generator.render import make_environment

    env = make_environment([bundled_templates()], None, "en", (), bundled_templates())
    before = view(paper)
    assert view(dataclasses.replace(paper, abstract="Another abstract.")) == before
    for name, value in CHANGED.items():
        assert view(dataclasses.replace(paper, **{name: value})) != before, name
