"""Moving a site: the papers' PDFs that live in the old site's folders come across.

al-folio's `pdf={thesis.pdf}` (its assets/pdf/), academicpages' `paperurl: /files/x.pdf`
(its files/) and Hugo's `url_pdf: /uploads/x.pdf` (its static/) or a PDF in the page's
bundle are copied into the site's static/papers/<slug>.pdf, and the record links it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.scaffold import init_site

PROFILES = Path(__file__).parent / "fixtures" / "profile"
PDF = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
SLUG = "crystal-graph-transformers-for-property-prediction"
COPY = f"static/papers/{SLUG}.pdf"


def imported(
    kind: str, folder: Path, site: Path, capsys: pytest.CaptureFixture[str], *more: str
) -> tuple[int, str]:
    status = main(["import", kind, str(folder), "--site", str(site), *more])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out


def alfolio(tmp_path: Path, pdf: str = "thesis.pdf", data: bytes | None = PDF) -> Path:
    """The al-folio fixture whose paper names `pdf={<pdf>}`, with that file (``data``)."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "alfolio", folder)
    bib = folder / "_bibliography" / "papers.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(
        text.replace("  selected={true}", f"  pdf={{{pdf}}},\n  selected={{true}}"),
        encoding="utf-8",
    )
    if data is not None:
        (folder / "assets" / "pdf").mkdir(parents=True, exist_ok=True)
        (folder / "assets" / "pdf" / pdf).write_bytes(data)
    return folder


def site_of(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    init_site(site, "Mei L. Okafor")
    return site


def record(site: Path) -> dict[str, object]:
    data = yaml.safe_load(
        (site / "content" / "papers" / f"{SLUG}.md").read_text("utf-8").split("---")[1]
    )
    assert isinstance(data, dict)
    return data


def edited(page: Path, old: str, new: str) -> None:
    """The old site's ``page`` with ``old`` written as ``new`` (a key added)."""
    text = page.read_text("utf-8")
    assert old in text
    page.write_text(text.replace(old, new), "utf-8")


def into_new_site(kind: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """``folder`` imported into a new site beside it: (the site, the import's stdout)."""
    site = site_of(folder.parent)
    status, out = imported(kind, folder, site, capsys)
    assert status == 0
    return site, out


def copied(
    kind: str, folder: Path, name: str, shown: str, slug: str, capsys: pytest.CaptureFixture[str]
) -> str:
    """Import ``folder`` into a new site: its PDF ``shown`` is copied as the record
    ``slug``'s, linked, and the site builds with it; the import's stdout."""
    site = folder.parent / "site"
    init_site(site, name)
    status, out = imported(kind, folder, site, capsys)
    assert status == 0
    copy = f"static/papers/{slug}.pdf"
    assert f"pdf       {shown} -> {copy}" in out
    path = site / "content" / "papers" / f"{slug}.md"
    assert f"  pdf: {copy}\n" in path.read_text("utf-8")
    assert (site / copy).read_bytes() == PDF
    assert main(["build", "--site", str(site)]) == 0
    built, err = capsys.readouterr()
    assert copy not in built + err  # "leads to nothing the site holds"
    assert (site / "output" / copy).read_bytes() == PDF
    return out


def test_alfolio_pdf_is_copied_linked_and_the_site_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = copied(
        "alfolio", alfolio(tmp_path), "Mei L. Okafor", "assets/pdf/thesis.pdf", SLUG, capsys
    )
    site = tmp_path / "site"
    assert "names a file, not a web address" not in out  # the old note is gone
    assert record(site)["links"] == {"pdf": COPY}
    page = (site / "output" / "papers" / SLUG / "index.html").read_text("utf-8")
    assert COPY in page
    assert main(["check", "--site", str(site)]) == 0
    out, err = capsys.readouterr()
    assert COPY not in out + err  # "leads to nothing the site holds" without the copy


def imported_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], between: Callable[[Path], None]
) -> tuple[Path, str]:
    """The al-folio folder imported, ``between(site)`` done, then imported again:
    (the site, the second import's stdout)."""
    site = site_of(tmp_path)
    folder = alfolio(tmp_path)
    imported("alfolio", folder, site, capsys)
    between(site)
    status, out = imported("alfolio", folder, site, capsys)
    assert status == 0
    return site, out


def test_reimport_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts: list[bytes] = []
    site, out = imported_again(
        tmp_path,
        capsys,
        lambda site: texts.append((site / "content/papers" / f"{SLUG}.md").read_bytes()),
    )
    assert "pdf       " not in out
    assert f"unchanged content/papers/{SLUG}.md" in out
    assert (site / "content" / "papers" / f"{SLUG}.md").read_bytes() == texts[0]
    assert (site / COPY).read_bytes() == PDF


MINE = PDF + b"% the camera-ready version\n"


def test_reimport_keeps_a_pdf_replaced_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, out = imported_again(tmp_path, capsys, lambda site: (site / COPY).write_bytes(MINE))
    assert (site / COPY).read_bytes() == MINE
    assert f"note: {COPY}: kept: it differs from the old site's assets/pdf/thesis.pdf" in out
    assert record(site)["links"] == {"pdf": COPY}


def own_link(site: Path) -> None:
    """The record's PDF link edited by hand (and the copy deleted)."""
    path = site / "content" / "papers" / f"{SLUG}.md"
    path.write_text(path.read_text("utf-8").replace(COPY, "https://example.org/mine.pdf"), "utf-8")
    (site / COPY).unlink()


def test_a_pdf_link_written_by_hand_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, out = imported_again(tmp_path, capsys, own_link)
    assert record(site)["links"] == {"pdf": "https://example.org/mine.pdf"}
    assert not (site / COPY).exists()
    assert "links its own, https://example.org/mine.pdf (kept)" in out


def test_dry_run_writes_no_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_of(tmp_path)
    status, out = imported("alfolio", alfolio(tmp_path), site, capsys, "--dry-run")
    assert status == 0
    assert f"pdf       assets/pdf/thesis.pdf -> {COPY}" in out
    assert not (site / "static" / "papers").exists()
    assert not (site / "content" / "papers" / f"{SLUG}.md").exists()


def test_a_missing_file_keeps_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_of(tmp_path)
    status, out = imported("alfolio", alfolio(tmp_path, data=None), site, capsys)
    assert status == 0
    assert "`pdf={thesis.pdf}` names a file, not a web address" in out
    assert "links" not in record(site)
    assert not (site / "static" / "papers").exists()


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("notes.pdf", lambda f: f.write_bytes(b"<html><script>x</script>"), "not a PDF"),
        ("big.pdf", lambda f: f.write_bytes(PDF + b"0" * (25 * 1024 * 1024)), "larger than 25 MB"),
        ("link.pdf", None, "a symbolic link out of the folder"),
        ("../../../secret.pdf", None, "a path out of the folder"),
    ],
)
def test_a_file_that_is_no_pdf_of_the_folder_is_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, make: object, reason: str
) -> None:
    site = site_of(tmp_path)
    folder = alfolio(tmp_path, name, data=None)
    (folder / "assets" / "pdf").mkdir(parents=True, exist_ok=True)
    secret = tmp_path / "secret.pdf"  # outside the old folder: never published
    secret.write_bytes(PDF)
    if name == "link.pdf":
        (folder / "assets" / "pdf" / name).symlink_to(secret)
    elif callable(make):
        make(folder / "assets" / "pdf" / name)
    status, out = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert f"is not copied into static/papers/ ({reason}" in out
    assert "links" not in record(site)
    assert not (site / "static" / "papers").exists()


def academicpages_with(tmp_path: Path, name: str, key: str) -> Path:
    """The academicpages fixture with the PDF ``files/<name>`` and its paper's page the
    line ``key`` (`paperurl: '/files/x.pdf'`)."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages", folder)
    (folder / "files").mkdir()
    (folder / "files" / name).write_bytes(PDF)
    page = folder / "_publications" / "2021-03-01-permutation.md"
    edited(page, "venue: 'NeuroImage'", f"venue: 'NeuroImage'\n{key}")
    return folder


@pytest.mark.parametrize(
    "paperurl",
    [
        "/files/perm.pdf",
        "{{ base_path }}/files/perm.pdf",
        "https://ada.github.io/files/perm.pdf",
        "http://academicpages.github.io/files/perm.pdf",
    ],
)
def test_academicpages_files_pdf_is_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paperurl: str
) -> None:
    folder = academicpages_with(tmp_path, "perm.pdf", f"paperurl: '{paperurl}'")
    slug = "permutation-based-true-discovery-proportions-for-fmri"
    out = copied("academicpages", folder, "Ada Moretti", "files/perm.pdf", slug, capsys)
    assert "is a file of the academicpages site" not in out


@pytest.mark.parametrize(
    "where", ["bundle", "url_pdf", "url_pdf under baseURL", "url_pdf at the old address"]
)
def test_hugo_pdf_is_copied(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "hugo-blox", folder)
    page = folder / "content" / "publications" / "diffusion" / "index.md"
    if where == "bundle":
        (page.parent / "paper.pdf").write_bytes(PDF)
        shown = "content/publications/diffusion/paper.pdf"
    else:
        (folder / "static" / "uploads").mkdir(parents=True)
        (folder / "static" / "uploads" / "diffusion.pdf").write_bytes(PDF)
        # a project site's address, under its baseURL's path: the same static/ file
        base = "/site" if where != "url_pdf" else ""
        (folder / "config" / "_default" / "hugo.yaml").write_text(
            f"baseURL: 'https://sofia.github.io{base}/'\n", "utf-8"
        )
        # or the whole address, which goes with the old site
        host = "https://sofia.github.io" if where.endswith("address") else ""
        edited(page, "abstract:", f"url_pdf: {host}{base}/uploads/diffusion.pdf\nabstract:")
        shown = "static/uploads/diffusion.pdf"
    slug = "diffusion-models-for-protein-backbone-design"
    out = copied("hugo", folder, "Sofia Alvarez", shown, slug, capsys)
    assert "not imported; to link it" not in out


def test_a_record_named_otherwise_than_its_slug_gets_the_pdf_by_its_slug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record of the site's own whose file name is no slug (`Crystal_Graph.md`, with
    `slug: crystal-graph`) is the one the import updates: its PDF is named by its slug."""
    site = site_of(tmp_path)
    mine = site / "content" / "papers" / "Crystal_Graph.md"
    mine.write_text(
        "---\ntitle: Crystal Graph Transformers for Property Prediction\n"
        "authors: [Mei L. Okafor, Paolo Rossi]\ndate: 2023\nslug: crystal-graph\n---\n",
        "utf-8",
    )
    status, out = imported("alfolio", alfolio(tmp_path), site, capsys)
    assert status == 0
    copy = "static/papers/crystal-graph.pdf"
    assert f"pdf       assets/pdf/thesis.pdf -> {copy}" in out
    assert f"  pdf: {copy}\n" in mine.read_text("utf-8")
    assert (site / copy).read_bytes() == PDF
    assert main(["build", "--site", str(site)]) == 0
    assert (site / "output" / copy).read_bytes() == PDF


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
ZIP = b"PK\x03\x04" + b"\x00" * 26


def alfolio_with(tmp_path: Path, files: dict[str, tuple[str, bytes | None]]) -> Path:
    """The al-folio fixture whose paper names, beside its PDF, `key={name}` for each of
    ``files`` (key: (name, its bytes in assets/pdf/, or None for no file))."""
    folder = alfolio(tmp_path)
    bib = folder / "_bibliography" / "papers.bib"
    fields = "".join(f"  {key}={{{name}}},\n" for key, (name, _) in files.items())
    bib.write_text(
        bib.read_text("utf-8").replace("  selected={true}", fields + "  selected={true}"),
        "utf-8",
    )
    for name, data in files.values():
        if data is not None:
            (folder / "assets" / "pdf" / name).write_bytes(data)
    return folder


ALL = {"slides": ("talk.pdf", PDF), "poster": ("poster.png", PNG), "supp": ("data.zip", ZIP)}
OTHERS = {  # the record's link: (the copy, its bytes)
    "slides": (f"static/papers/{SLUG}.slides.pdf", PDF),
    "poster": (f"static/papers/{SLUG}.poster.png", PNG),
    "supplement": (f"static/papers/{SLUG}.supplement.zip", ZIP),
}


def test_alfolio_slides_poster_and_supplement_are_copied_and_linked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_of(tmp_path)
    folder = alfolio_with(tmp_path, ALL)
    status, out = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert "names a file, not a web address" not in out  # the notes to copy by hand are gone
    assert f"slides    assets/pdf/talk.pdf -> static/papers/{SLUG}.slides.pdf" in out
    assert record(site)["links"] == {"pdf": COPY, **{k: rel for k, (rel, _) in OTHERS.items()}}
    for rel, data in OTHERS.values():
        assert (site / rel).read_bytes() == data
    assert (site / COPY).read_bytes() == PDF  # no name of theirs is the PDF's
    assert main(["build", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site)]) == 0  # every link leads to its file
    capsys.readouterr()
    page = (site / "output" / "papers" / SLUG / "index.html").read_text("utf-8")
    for rel, data in OTHERS.values():
        assert rel in page
        assert (site / "output" / rel).read_bytes() == data
    # again: nothing new; a file replaced by hand is kept
    (site / OTHERS["slides"][0]).write_bytes(MINE)
    status, out = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert f"unchanged content/papers/{SLUG}.md" in out
    assert "slides    " not in out and "poster    " not in out
    assert f"note: {OTHERS['slides'][0]}: kept: it differs from the old site's" in out
    assert (site / OTHERS["slides"][0]).read_bytes() == MINE


def test_dry_run_writes_no_slides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_of(tmp_path)
    status, out = imported("alfolio", alfolio_with(tmp_path, ALL), site, capsys, "--dry-run")
    assert status == 0
    assert f"poster    assets/pdf/poster.png -> static/papers/{SLUG}.poster.png" in out
    assert not (site / "static" / "papers").exists()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("talk.html", b"<script>alert(1)</script>", "not a kind of file copied"),
        ("talk.pdf", b"<html><script>x</script>", "not a PDF"),
        ("poster.png", b"<svg onload=alert(1)>", "not a PNG picture"),
    ],
)
def test_a_file_of_no_kind_copied_is_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, reason: str
) -> None:
    site = site_of(tmp_path)
    folder = alfolio_with(tmp_path, {"slides": (name, data)})
    status, out = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert (
        f"the old site's slides assets/pdf/{name} is not copied into static/papers/ ({reason}"
        in out
    )
    assert "slides" not in record(site)["links"]  # type: ignore[operator]
    assert list((site / "static" / "papers").iterdir()) == [site / COPY]


def test_hugo_slides_poster_and_bundle_supplement_are_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "hugo-blox", folder)
    page = folder / "content" / "publications" / "diffusion" / "index.md"
    (folder / "static" / "uploads").mkdir(parents=True)
    (folder / "static" / "uploads" / "talk.pdf").write_bytes(PDF)
    (page.parent / "poster.png").write_bytes(PNG)  # named by url_poster, beside the page
    (page.parent / "supplementary.pdf").write_bytes(PDF)  # its name says what it is
    (page.parent / "paper.pdf").write_bytes(PDF)  # the one other PDF: the paper
    (page.parent / "featured.png").write_bytes(PNG)  # the page's picture: not a link
    edited(page, "abstract:", "url_slides: /uploads/talk.pdf\nurl_poster: poster.png\nabstract:")
    site, out = into_new_site("hugo", folder, capsys)
    slug = "diffusion-models-for-protein-backbone-design"
    links = yaml.safe_load(
        (site / "content" / "papers" / f"{slug}.md").read_text("utf-8").split("---")[1]
    )["links"]
    assert links == {
        "pdf": f"static/papers/{slug}.pdf",
        "slides": f"static/papers/{slug}.slides.pdf",
        "poster": f"static/papers/{slug}.poster.png",
        "supplement": f"static/papers/{slug}.supplement.pdf",
    }
    assert "not imported; to link it" not in out
    assert sorted(p.name for p in (site / "static" / "papers").iterdir()) == sorted(
        link.rsplit("/", 1)[1] for link in links.values()
    )
    assert main(["check", "--site", str(site)]) == 0


def test_academicpages_slides_in_files_are_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = academicpages_with(tmp_path, "slides.pdf", "slidesurl: '/files/slides.pdf'")
    site, out = into_new_site("academicpages", folder, capsys)
    slug = "permutation-based-true-discovery-proportions-for-fmri"
    copy = f"static/papers/{slug}.slides.pdf"
    assert f"slides    files/slides.pdf -> {copy}" in out
    assert "is a file of the academicpages site" not in out
    text = (site / "content" / "papers" / f"{slug}.md").read_text("utf-8")
    assert f"  slides: {copy}\n" in text
    assert (site / copy).read_bytes() == PDF
