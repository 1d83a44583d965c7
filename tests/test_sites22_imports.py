"""Real researchers' sites moved to authorsite with the profile importers (round 22).

Each folder under tests/fixtures/profile/ is trimmed from a public repository, named in
its files; emails are replaced.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.ingest_support import records_by_title as records
from tests.test_import_profile import PROFILES, author, built_profile, fresh, imported, words

AT_HANDLE = PROFILES / "alfolio-at-handle"


def test_an_unquoted_at_handle_says_how_to_quote_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AdrienTaylor.github.io's `x_username: @TaylorAdrien`: YAML refuses a value that
    begins with `@`, and the note said only "found character that cannot start any
    token", which tells a researcher nothing about the fix."""
    site = fresh(tmp_path)
    status, out, _ = imported("alfolio", AT_HANDLE, site, capsys)
    assert status == 0  # the papers come across; the profile waits for the fix
    assert (
        "_config.yml:10: YAML syntax error: found character that cannot start any token; "
        "YAML does not let a value begin with `@`: put it in quotes "
        "(`x_username: '@TaylorAdrien'`); the profile was not imported"
    ) in out


def test_the_owner_s_spelling_in_the_papers_is_named_against_the_filled_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name the profile fills (`Adrien Taylor`, over init's `Your Name`) was not the
    one the papers' spellings were held against: `Adrien B. Taylor`, on every paper,
    went unnamed, and the built profile listed him as his own most frequent co-author."""
    folder = tmp_path / "old"
    shutil.copytree(AT_HANDLE, folder)
    config = folder / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("@TaylorAdrien", "'@TaylorAdrien'"),
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", folder, site, capsys)
    assert status == 0, err
    assert author(site)["name"] == "Adrien Taylor"
    assert (
        "note: 'Adrien B. Taylor' (2 works) may be Adrien Taylor: if so, add it to aliases "
        "in content/authors/your-name.yaml, so that those papers show as theirs"
    ) in out
    # the note's advice taken, he is no co-author of his own
    path = site / "content" / "authors" / "your-name.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("aliases: []", "aliases: [Adrien B. Taylor]"),
        encoding="utf-8",
    )
    assert "Adrien B. Taylor 2" not in words(built_profile(site, capsys))


RETITLED = PROFILES / "academicpages-retitled-sample"


def test_a_comment_that_lost_its_hash_is_named_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AGyorgypal.github.io's `defaults:` holds `   _pages` (the template's `#  _pages`,
    uncommented), and YAML's complaint, "mapping values are not allowed in this context",
    was about the next line, which is right."""
    site = fresh(tmp_path)
    status, out, _ = imported("academicpages", RETITLED, site, capsys)
    assert status == 0
    assert (
        "_config.yml:22: YAML syntax error: mapping values are not allowed in this context; "
        "the line above, `_pages`, is neither a `field: value` line nor a `- ` item, so YAML "
        "reads this line as more of its text; make it a comment (`# _pages`) or delete it; "
        "the profile was not imported"
    ) in out


def _mended(tmp_path: Path) -> Path:
    """The folder with its `_config.yml` mended as the note says."""
    folder = tmp_path / "old"
    shutil.copytree(RETITLED, folder)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("   _pages", "#   _pages"), encoding="utf-8")
    return folder


def test_a_degree_after_the_sidebar_name_stays_out_of_the_record_s_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`name: "Aron Gyorgypal, PhD"` became the record's name, which read as "Last,
    First" matches no author list: none of his papers was his, and no alias was offered."""
    site = fresh(tmp_path)
    status, out, err = imported("academicpages", _mended(tmp_path), site, capsys)
    assert status == 0, err
    assert author(site)["name"] == "Aron Gyorgypal"
    assert "'PhD' left out of the name 'Aron Gyorgypal, PhD'" in err
    # the papers' spelling offered, each paper counted once (two pages list one paper)
    assert "'A. Gyorgypal' (3 works) may be Aron Gyorgypal" in out


def test_a_retitled_sample_page_is_left_out_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paper-title-number-3.md` with its title changed to "Title REST" and the rest of
    the template's (venue `Journal 1`, "Your Name, You." citation) stopped the whole
    import: "has no authors"."""
    site = fresh(tmp_path)
    status, out, err = imported("academicpages", _mended(tmp_path), site, capsys)
    assert status == 0, err
    assert (
        "'Title REST' is the academicpages template's sample (its venue 'Journal 1'), not imported"
    ) in out
    assert "its citation is the academicpages template's sample" not in out  # said once
    assert "Title REST" not in str(records(site))


def test_scholar_s_apa_ellipsis_is_no_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Scholar's APA cuts a long list, `Zhang, H., ... & Ierapetritou, M. G.`:
    the authors read were "Ierapetritou .." and "M. G."."""
    site = fresh(tmp_path)
    assert imported("academicpages", _mended(tmp_path), site, capsys)[0] == 0
    review = records(site)[
        "Recent advances in integrated process analytical techniques, modeling, and "
        "control strategies to enable continuous biomanufacturing of monoclonal antibodies"
    ]
    assert review["authors"][-2:] == ["H. Zhang", "M. G. Ierapetritou"]


def test_a_publisher_address_named_by_the_doi_gives_the_doi(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paperurl: 'https://www.science.org/doi/10.1126/sciimmunol.adu0981'` (and ACS's
    `/doi/abs/`, Wiley's): the record had no DOI, so no later import of the same paper
    by DOI found it, and its page showed none."""
    site = fresh(tmp_path)
    assert imported("academicpages", _mended(tmp_path), site, capsys)[0] == 0
    found = records(site)
    paper = found["TAM-ing the beast with IL-34 blockade."]
    assert paper["doi"] == "10.1126/sciimmunol.adu0981"
    assert paper["links"]["paper"] == "https://www.science.org/doi/10.1126/sciimmunol.adu0981"
    acs = found[
        "Integrated process analytical platform for automated monitoring of monoclonal "
        "antibody N-linked glycosylation."
    ]
    assert acs["doi"] == "10.1021/acs.analchem.1c05396"


def test_hugo_blox_home_biography_block_text_is_the_bio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CliffordAnderson/academic-site's home page shows its `resume-biography-3` block's
    `text` (a paragraph with his books' links) as his biography; the import took the
    author file's short `bio`, which the site showed nowhere."""
    site = fresh(tmp_path)
    status, _, err = imported("hugo", PROFILES / "hugo-blox-intro-block", site, capsys)
    assert status == 0, err
    bio = str(author(site)["bio"])
    assert bio.startswith("Clifford B. Anderson is the Director of the [Divinity")
    assert "(https://www.tamupress.com/book/9781623498290/xquery-for-humanists/)" in bio
    assert "algorithms as cultural" not in bio
    assert "(from content/_index.md sections 1 (the block's text))" in err
    # the owner is me.yaml's `is_owner`, not the block's `username: intro`
    assert "(from data/authors/me.yaml interests)" in err
    assert "Yale University" in words(built_profile(site, capsys))


CARDS = PROFILES / "alfolio-cards"


def test_a_field_repeated_with_one_value_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AndreBiedenkapp.github.io's papers.bib gives `year = "2024"` and, lower down,
    `year={2024}` in one entry: the import was refused whole ("`year` is given twice;
    keep one of them") though there is nothing to choose between."""
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", CARDS, site, capsys)
    assert status == 0, err
    assert (
        "papers.bib:18: @article entry 'prasanna-rlc24a': `year` is given twice, the same "
        "both times; read once, and cite.bib keeps both as written"
    ) in out
    paper = records(site)[
        "Dreaming of Many Worlds: Learning Contextual World Models Aids Zero-Shot Generalization"
    ]
    assert str(paper["date"]) == "2024"
    assert paper["authors"][-1] == "André Biedenkapp"


def test_a_repeated_field_with_two_values_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(CARDS, folder)
    bib = folder / "_bibliography" / "papers.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("year={2024}", "year={2025}"), encoding="utf-8"
    )
    status, _, err = imported("alfolio", folder, fresh(tmp_path), capsys)
    assert status == 1
    assert "`year` is given twice; keep one of them" in err


def test_an_al_folio_file_in_a_folder_of_assets_pdf_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pdf = {paper/23-TMLR-CARL.pdf}` is al-folio's assets/pdf/paper/23-TMLR-CARL.pdf;
    the note said only that it "is not an http(s) address"."""
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", CARDS, site, capsys)
    assert status == 0, err
    assert (
        "`pdf={paper/23-TMLR-CARL.pdf}` names a file, not a web address (on an al-folio site, "
        "assets/pdf/paper/23-TMLR-CARL.pdf); "
        "to link it, copy it into static/ and add `pdf: static/23-TMLR-CARL.pdf`"
    ) in out
    assert "`poster/EcoRL21_CARL.pdf` is not an http(s) address" not in out


def test_a_link_around_a_card_of_blocks_stays_one_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The about page's affiliation cards, `<a href="https://ellis.eu/"><div …><img …>
    <span>Member of <strong>ELLIS</strong></span></div></a>`, became `[`, the words and
    `](https://ellis.eu/)` as three paragraphs: brackets and an address as text."""
    site = fresh(tmp_path)
    assert imported("alfolio", CARDS, site, capsys)[0] == 0
    bio = str(author(site)["bio"])
    assert "[Member of **ELLIS**](https://ellis.eu/)" in bio
    assert "[Co-Founder of **AutoRL.org**](https://autorl.org/)" in bio
    page = built_profile(site, capsys)
    assert '<a href="https://ellis.eu/"' in page
    assert "](https://ellis.eu/)" not in page


def test_a_lab_s_other_people_each_get_their_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Vision-and-Learning-Lab-UAlberta/home: the PI (`superuser: yes`) and four students
    and postdocs, each with an author page; the import filled the PI's record and named
    the others in a note, whose records the lab head then wrote by hand."""
    site = fresh(tmp_path)
    status, _, err = imported("hugo", PROFILES / "hugo-lab", site, capsys)
    assert status == 0, err
    owner = yaml.safe_load((site / "content" / "authors" / "your-name.yaml").read_text("utf-8"))
    assert owner["name"] == "Li Cheng"
    chuan = yaml.safe_load((site / "content" / "authors" / "chuanguo.yaml").read_text("utf-8"))
    assert chuan["name"] == "Chuan Guo"
    assert chuan["position"] == "PhD Student"
    assert chuan["affiliation"] == "University of Alberta"
    names = sorted(p.stem for p in (site / "content" / "authors").glob("*.yaml"))
    assert names == ["chuanguo", "gohar", "senwang", "your-name", "yuxuanmu"]
    assert "other people" not in err
    # MoMask's page lists its authors by their folders (`authors: [chuanguo, …]`): the
    # paper is on each member's profile
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "authors" / "chuanguo" / "index.html").read_text("utf-8")
    assert "MoMask: Generative Masked Modeling of 3D Human Motions" in page
    # the owner's other file with the owner's own name (CliffordAnderson's intro.yaml) is
    # no other person
    other = fresh(tmp_path / "b")
    status, _, err = imported("hugo", PROFILES / "hugo-blox-intro-block", other, capsys)
    assert status == 0
    assert sorted(p.name for p in (other / "content" / "authors").glob("*.yaml")) == [
        "your-name.yaml"
    ]


SAMPLE_BODY = PROFILES / "academicpages-sample-body"


def test_the_older_sample_body_under_a_real_paper_is_not_its_abstract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """aarondavidschneider.github.io kept `2009-10-01-paper-title-number-1.md` for his
    bachelor paper, with the older template's body ("This paper is about the number 1.
    The number 2 is left for future work."): that sentence was the paper's abstract, and
    his own excerpt was passed over. (The `authors:` line is his fix of the page, which
    has no citation.)"""
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", SAMPLE_BODY, site, capsys)
    assert status == 0, err
    found = records(site)
    paper = found[
        "Surface waves in protoplanetary disks induced by outbursts: Concentric rings in "
        "scattered light"
    ]
    assert paper["abstract"] == (
        "This paper is about my bachelor thesis project: Surface waves induces by outbursts"
    )


def test_a_citation_of_a_paper_in_preparation_names_its_authors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`citation: Schneider & Bitsch (in prep)`: no year ended the names, and the page
    was refused ("has no authors"), which stopped the whole import; the two surnames
    were then read as one person, "Bitsch Schneider"."""
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", SAMPLE_BODY, site, capsys)
    assert status == 0, err
    master = records(site)[
        "Chemical composition of giant exoplanets due to pebble, planetesimal and gas "
        "accretion: origin of the heavy elements"
    ]
    assert master["authors"] == ["Schneider", "Bitsch"]


ZH_ONLY = PROFILES / "hugo-multilingual-zh-only"


def test_a_paper_only_the_other_language_lists_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SongshGeo-as-Scholar's content/zh/publication/ holds papers with no English page
    (song2024c, ABSESpy); the note said to import the folder "if they are other papers",
    leaving the owner to compare the two folders page by page."""
    site = fresh(tmp_path)
    status, out, err = imported("hugo", ZH_ONLY, site, capsys)
    assert status == 0, err
    section = ZH_ONLY / "content" / "zh" / "publication"
    assert (
        f"{ZH_ONLY / 'content' / 'zh'}: the pages in another language, not imported; 1 of "
        f"its papers has no page in en/ (song2024c): import them with `authorsite import "
        f"hugo {section}`"
    ) in out
    # done as the note says: the paper comes, and the one both languages list stays one
    assert imported("hugo", section, site, capsys)[0] == 0
    titles = sorted(records(site))
    assert "ABSESpy: An agent-based modeling framework for social-ecological systems" in titles
    assert len([t for t in titles if t.startswith("Crop irrigation")]) == 1


def test_a_translation_of_every_paper_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(ZH_ONLY, folder)
    shutil.rmtree(folder / "content" / "zh" / "publication" / "song2024c")
    status, out, _ = imported("hugo", folder, fresh(tmp_path), capsys)
    assert status == 0
    assert (
        f"{folder / 'content' / 'zh'}: the pages in another language, not imported (each "
        "of its papers has a page in en/ too)"
    ) in out


def test_a_hugo_page_s_january_first_gives_way_to_its_cite_bib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hugo Academic's import writes a paper of a year as `date: 2012-01-01`: the new site
    showed "Jan 1, 2012" (CliffordAnderson/academic-site's anderson-building-2012, whose
    cite.bib says `year = {2012}`), and SongshGeo's hou2025a "Jan 1, 2025" where its
    cite.bib says `date = {2025-10-01}`."""
    site = fresh(tmp_path)
    assert imported("hugo", PROFILES / "hugo-blox-intro-block", site, capsys)[0] == 0
    assert str(records(site)["Building a Theological Commons"]["date"]) == "2012"
    # a January 1st of its own (no cite.bib to say otherwise) stays
    assert str(records(site)["XQuery for Humanists"]["date"]) == "2020-01-01"
    other = fresh(tmp_path / "b")
    assert imported("hugo", ZH_ONLY, other, capsys)[0] == 0
    crop = next(v for k, v in records(other).items() if k.startswith("Crop irrigation"))
    assert str(crop["date"]) == "2025-10-01"


def test_al_folio_s_sample_papers_left_below_the_owner_s_are_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """alansynn.github.io's papers.bib keeps the template's Albert Einstein entries (the
    1905 photoelectric paper, the 1967 letters) below his own: they were imported as his
    papers, and Einstein was his most frequent co-author. The template names him
    `Einstein, A.` too (two more papers of 1905, and EPR's `Einstein*†, A.`): those came in
    still, with "Un the movement of small particles", the template's own typo."""
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", PROFILES / "alfolio-einstein-left", site, capsys)
    assert status == 0, err
    assert sorted(records(site)) == [
        "An Example Paper (replace or delete me)",
        "Protopia AI: Taking on Missing Link in Inference Privacy",
        "SG-Drop: Faster Skip-Gram by Dropping Context Words",
    ]
    assert (
        "entry 'przibram1967letters': 'Letters on wave mechanics' is the al-folio template's "
        "sample (Albert Einstein's), not imported (delete it from papers.bib)"
    ) in out
    assert (
        "entry 'einstein1905movement': 'Un the movement of small particles suspended in "
        "statiunary liquids required by the molecular-kinetic theory 0f heat' is the al-folio "
        "template's sample (Albert Einstein's), not imported"
    ) in out
    assert "entry 'PhysRev.47.777'" in out
    assert "Einstein" not in words(built_profile(site, capsys))


def test_a_staticref_to_the_old_site_s_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SongshGeo's bio links his CV with Wowchemy's `{{< staticref "uploads/Song_CV_full.pdf"
    "newtab" >}}Academic CV{{< /staticref >}}`: the words stayed, the link went, and no
    note said so (a Markdown link to the same file is named)."""
    site = fresh(tmp_path)
    status, _, err = imported("hugo", ZH_ONLY, site, capsys)
    assert status == 0, err
    assert "- 📚 Academic CV: With full publications." in str(author(site)["bio"])
    assert "the bio's links or pictures to '/uploads/Song_CV_full.pdf' are kept as text only" in err


def test_a_multilingual_site_without_papers_gives_its_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Keris/academic-kickstart keeps its owner in content/en/authors/admin/ and
    content/zh/authors/admin/, and has posts but no papers: the owner was looked for in
    content/authors/ alone, and the import refused ("no content/publication/*/index.md
    here"), where a site of one language imports the profile alone."""
    site = fresh(tmp_path)
    folder = PROFILES / "hugo-multilingual-profile-only"
    status, out, err = imported("hugo", folder, site, capsys)
    assert status == 0, err
    assert "the profile alone is imported" in out
    record = author(site)
    assert record["name"] == "Du Liqiang"
    assert record["position"] == "Software Development Engineer"
    assert "(from content/en/authors/admin/_index.md name)" in err
