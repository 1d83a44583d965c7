"""Moving a site: the owner's profile comes across with the papers, into empty fields only."""

from __future__ import annotations

import html
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.profiles import ImportedProfile
from generator.ingest.scaffold import init_site
from tests.ingest_support import snapshot

PROFILES = Path(__file__).parent / "fixtures" / "profile"


def fresh(tmp_path: Path, name: str | None = None) -> Path:
    """A site as `authorsite init` makes it (its example paper left in place)."""
    site = tmp_path / "site"
    init_site(site, name)
    return site


def author(site: Path) -> dict[str, object]:
    (path,) = sorted((site / "content" / "authors").glob("*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def imported(
    kind: str, folder: Path, site: Path, capsys: pytest.CaptureFixture[str], *more: str
) -> tuple[int, str, str]:
    status = main(["import", kind, str(folder), "--site", str(site), *more])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def sidebar_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> tuple[Path, int, str]:
    """The real academicpages sidebar (its pages left out), its author's name ``written``
    instead of "Aron Gyorgypal, PhD", imported into a new site: (site, status, stderr)."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages-retitled-sample", folder)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8").replace("   _pages", "#   _pages")
    config.write_text(text.replace('"Aron Gyorgypal, PhD"', f'"{written}"'), encoding="utf-8")
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", folder, site, capsys)
    return site, status, err


def built_profile(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The home page (the main author's profile) after a build, as HTML."""
    assert main(["build", "--site", str(site)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return (site / "output" / "index.html").read_text(encoding="utf-8")


def words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_academicpages_profile_is_on_the_built_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Ada Moretti")
    folder = PROFILES / "academicpages"
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0
    record = author(site)
    assert record["affiliation"] == "University of Bologna"
    assert record["position"] == "Assistant Professor in Statistics"
    assert record["email"] == "ada.moretti@example.it"
    assert record["links"] == {
        "scholar": "https://scholar.google.com/citations?user=Xq3Zb7cAAAAJ&hl=it",
        "orcid": "https://orcid.org/0000-0003-1415-9265",
        "researchgate": "https://www.researchgate.net/profile/Ada-Moretti",
        "github": "https://github.com/adamoretti",  # a user name made an address
        "twitter": "https://x.com/adamoretti_stat",
    }
    assert "filled  affiliation: 'University of Bologna'  (from _config.yml author.employer)" in err
    # the picture is copied into the site, byte for byte
    assert record["photo"] == "static/profile.png"
    copied = site / "static" / "profile.png"
    assert copied.read_bytes() == (folder / "images" / "profile.png").read_bytes()

    page = built_profile(site, capsys)
    text = words(page)
    assert "Ada Moretti" in text
    assert "Assistant Professor in Statistics, University of Bologna" in text
    # Liquid is gone; `{{ site.name }}` is what Jekyll showed
    assert "multiple testing and permutation methods for Ada Moretti and friends" in text
    assert "{%" not in page and "{{" not in page and "data-driven personal website" not in page
    assert '<a href="https://stat.unibo.it/en"' in page
    assert '<a href="https://orcid.org/0000-0003-1415-9265" rel="me noopener">ORCID</a>' in page
    assert 'src="./static/profile.png"' in page
    assert (site / "output" / "static" / "profile.png").is_file()
    # the init example's commented lines for filled fields are gone, the others stay
    source = (site / "content" / "authors" / "ada-moretti.yaml").read_text(encoding="utf-8")
    assert "# affiliation: Your University" not in source and "# field: AI" in source


def test_a_hand_edited_field_is_kept_and_said_to_be_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Ada Moretti")
    path = site / "content" / "authors" / "ada-moretti.yaml"
    mine = (
        'name: "Ada Moretti"\n'
        "affiliation: Sapienza University of Rome  # since 2025\n"
        "bio: |\n  My own words.\n"
        "links:\n  github: https://github.com/ada-m\n"
    )
    path.write_text(mine, encoding="utf-8")
    status, _, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert status == 0
    text = path.read_text(encoding="utf-8")
    # every hand-written line is there as it was
    assert text.startswith('name: "Ada Moretti"\naffiliation: Sapienza University of Rome  # since')
    assert "bio: |\n  My own words.\n" in text
    record = author(site)
    assert record["affiliation"] == "Sapienza University of Rome"
    assert record["bio"] == "My own words.\n"
    links = record["links"]
    assert isinstance(links, dict)
    assert links["github"] == "https://github.com/ada-m"
    assert links["orcid"] == "https://orcid.org/0000-0003-1415-9265"  # an empty one is filled
    assert record["position"] == "Assistant Professor in Statistics"
    assert "kept    affiliation: the record's 'Sapienza University of Rome'" in err
    assert "kept    links.github: the record's 'https://github.com/ada-m'" in err
    assert "a value already written is never replaced" in err

    # a second import changes nothing, and does not say the kept values again
    before = snapshot(site)
    status, out, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert status == 0 and "(unchanged)" in err
    assert snapshot(site) == before
    assert "kept    affiliation" not in err and "kept    links.github" not in err
    assert "told at an earlier import not repeated" in out
    # the record's value edited: a new conflict, told again
    path.write_text(text.replace("Sapienza University of Rome", "Sapienza Università"), "utf-8")
    status, _, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert "kept    affiliation: the record's 'Sapienza Università'" in err
    assert "kept    links.github" not in err


def test_dry_run_shows_the_fill_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Ada Moretti")
    before = snapshot(site)
    status, _, err = imported(
        "academicpages", PROFILES / "academicpages", site, capsys, "--dry-run"
    )
    assert status == 0
    assert "filled  position: 'Assistant Professor in Statistics'" in err
    assert "photo   images/profile.png -> static/profile.png" in err
    assert "dry run: the author record was not written" in err
    assert snapshot(site) == before
    assert not (site / "static").exists()


def test_hostile_profile_values_never_become_live(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No `author:` block, `email: ""`, and an about page with script, javascript: links,
    # a remote tracking image and Liquid.
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", PROFILES / "academicpages-messy", site, capsys)
    assert status == 0
    record = author(site)
    assert record["name"] == "Jo Nakamura"  # init's "Your Name" is a placeholder
    assert "email" not in record  # `email: ""` is no address
    bio = str(record["bio"])
    for hostile in ("javascript", "<script", "owned", "onerror", "tracker.example.net", "{%"):
        assert hostile not in bio
    assert "I study **robust optimisation**." in bio
    assert "site.yaml's title and description still say 'Your Name'" in err
    assert "kept as text only" in err
    page = built_profile(site, capsys)
    assert "javascript:" not in page and "alert(" not in page and "onerror" not in page
    assert "tracker.example.net" not in page


def test_al_folio_papers_and_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = fresh(tmp_path, "Mei L. Okafor")
    folder = PROFILES / "alfolio"
    status, out, err = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert "1 work: 1 new" in out  # _bibliography/papers.bib
    record = author(site)
    links = record["links"]
    assert isinstance(links, dict)
    assert links["scholar"] == "https://scholar.google.com/citations?user=Wq1xYzAAAAAJ"
    assert links["orcid"] == "https://orcid.org/0000-0001-5109-3700"  # _data/socials.yml
    assert links["github"] == "https://github.com/meiokafor"  # _config.yml (older al-folio)
    assert links["homepage"] == "https://cs.uni.example.edu/~okafor/"
    assert links["researchmap"] == "https://researchmap.jp/okafor"  # a custom entry
    assert "twitter" in links and "twitter_username" not in err  # the empty key is skipped
    assert record["position"] == "Assistant Professor, Department of Computer Science"
    assert record["photo"] == "static/prof_pic.jpg"
    assert "{%" not in str(record["bio"]) and "news.liquid" not in str(record["bio"])
    text = words(built_profile(site, capsys))
    assert "graph networks that predict crystal properties" in text
    assert "Crystal Graph Transformers for Property Prediction" in text


def test_hugo_wowchemy_social_links_with_icon_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Lena Fischer")
    status, _, err = imported("hugo", PROFILES / "hugo-wowchemy", site, capsys)
    assert status == 0
    record = author(site)
    assert record["links"] == {
        "twitter": "https://twitter.com/lenafischer_ml",
        "scholar": "https://scholar.google.com/citations?user=Lf8aBcDAAAAJ",  # graduation-cap
        "github": "https://github.com/lenafischer",
    }
    assert "email" not in record  # `email: ""`, and `/#contact` is the old site's page
    assert record["affiliation"] == "ETH Zurich; Max Planck Institute for Intelligent Systems"
    assert record["field"] == "Graph Neural Networks, Causal Inference"
    assert record["photo"] == "static/avatar.png"
    assert "{{<" not in str(record["bio"]) and "Download her resumé." in str(record["bio"])
    assert "'/#contact' is not imported: a page or file of the old site" in err
    assert "'uploads/resume.pdf' is not imported" in err
    assert "only http, https and mailto links are allowed" in err  # the javascript: one
    page = built_profile(site, capsys)
    assert "javascript:" not in page
    assert "Postdoctoral Researcher, ETH Zurich" in words(page)


def test_hugo_academic_toml_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Ravi Menon")
    status, _, err = imported("hugo", PROFILES / "hugo-academic-toml", site, capsys)
    assert status == 0
    record = author(site)
    assert record["email"] == "ravi.menon@iisc.example.in"
    assert record["position"] == "Associate Professor"
    assert record["affiliation"] == "Indian Institute of Science"
    assert record["links"] == {
        "scholar": "https://scholar.google.co.in/citations?user=Rm3nOnQAAAAJ",
        "orcid": "https://orcid.org/0000-0002-9079-593X",
    }
    assert "'#contact' is not imported" in err


def test_hugo_blox_data_authors_without_the_templates_samples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Sofia Alvarez")
    status, _, err = imported("hugo", PROFILES / "hugo-blox", site, capsys)
    assert status == 0
    record = author(site)
    # "Dr. Sofia Alvarez": the title is no part of the name, which is the record's own
    assert record["name"] == "Sofia Alvarez"
    assert "'Dr.' left out of the name 'Dr. Sofia Alvarez'" in err
    assert "kept    name" not in err
    assert record["email"] == "sofia.alvarez@bsc.example.es"  # from the mailto: link
    links = record["links"]
    assert isinstance(links, dict)
    assert "orcid" not in links and "scholar" not in links  # the template's sample addresses
    assert links["linkedin"] == "https://www.linkedin.com/in/sofia-alvarez-bsc/"
    bio = str(record["bio"])
    assert "onclick" not in bio and "{{<" not in bio
    assert "[CRG](https://www.crg.eu)" in bio
    assert record["photo"] == "static/me.jpg"


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def academicpages_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the academicpages fixture whose _config.yml has ``new`` for ``old``."""
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_a_profile_link_that_names_no_host_is_left_out_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`uri: "https://..."`, the placeholder left in: the build refuses such a link, and the
    note said "only http, https and mailto links are allowed" of an https address."""
    folder = academicpages_with(
        tmp_path, "uri              : # URL", 'uri              : "https://..."'
    )
    site = fresh(tmp_path, "Ada Moretti")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0
    assert "'https://...' is not imported: it names no host" in err
    assert "homepage" not in str(author(site)["links"])
    built_profile(site, capsys)  # the record builds


def test_a_photo_that_is_no_picture_of_the_folder_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes((PROFILES / "academicpages" / "images" / "profile.png").read_bytes())
    cases = {
        "link": "a symbolic link out of the folder",
        "html": "not a PNG picture",
        # a JPEG saved as profile.png: which picture it is, and the name to give it
        "jpeg": "photo images/profile.png not imported (a JPEG picture with a .png name); "
        "copy it into static/ as profile.jpg and write `photo: static/profile.jpg` in "
        "the author record",
        "large": "larger than 5 MB",
        "svg": "not a PNG, JPEG, GIF, WebP or AVIF picture",
    }
    for case, reason in cases.items():
        folder = copy_of(PROFILES / "academicpages", tmp_path / case)
        avatar = folder / "images" / "profile.png"
        avatar.unlink()
        if case == "link":
            avatar.symlink_to(secret)
        elif case == "html":
            avatar.write_text("<script>alert(1)</script>", encoding="utf-8")
        elif case == "jpeg":
            avatar.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
        elif case == "large":
            with avatar.open("wb") as handle:
                handle.write(b"\x89PNG\r\n\x1a\n")
                handle.truncate(6 * 1024 * 1024)
        else:
            (folder / "images" / "profile.svg").write_text("<svg onload=alert(1)/>")
            config = folder / "_config.yml"
            text = config.read_text(encoding="utf-8").replace('"profile.png"', '"profile.svg"')
            config.write_text(text, encoding="utf-8")
        site = fresh(tmp_path / case, "Ada Moretti")
        status, _, err = imported("academicpages", folder, site, capsys)
        assert status == 0
        assert reason in err, case
        assert "photo" not in author(site), case
        assert not (site / "static").exists(), case
        assert author(site)["affiliation"] == "University of Bologna"  # the rest comes across


def test_a_remote_avatar_is_left_out_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8").replace(
        '"profile.png"', '"https://avatars.githubusercontent.com/u/1"'
    )
    config.write_text(text, encoding="utf-8")
    site = fresh(tmp_path, "Ada Moretti")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0
    assert "is on another host, not imported" in err
    assert "photo" not in author(site)


def test_the_author_whose_alias_matches_is_filled_else_a_new_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Kaile Wang")  # main_author: kaile-wang
    other = site / "content" / "authors" / "ada-m.yaml"
    other.write_text("name: Ada M.\naliases: [Ada Moretti]\n", encoding="utf-8")
    status, _, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert status == 0
    assert "profile   content/authors/ada-m.yaml" in err
    filled = yaml.safe_load(other.read_text(encoding="utf-8"))
    assert filled["affiliation"] == "University of Bologna"
    main_record = (site / "content" / "authors" / "kaile-wang.yaml").read_text(encoding="utf-8")
    assert "Bologna" not in main_record

    # a lab site without a main author, and nobody of that name: a new record
    lab = fresh(tmp_path / "lab", "Kaile Wang")
    config = lab / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("main_author:", "# main_author:"),
        encoding="utf-8",
    )
    status, _, err = imported("hugo", PROFILES / "hugo-wowchemy", lab, capsys)
    assert status == 0
    new = yaml.safe_load((lab / "content" / "authors" / "lena-fischer.yaml").read_text())
    assert new["name"] == "Lena Fischer" and new["photo"] == "static/avatar.png"
    assert main(["build", "--site", str(lab)]) == 0
    assert (lab / "output" / "authors" / "lena-fischer" / "index.html").is_file()


def test_a_broken_config_is_a_located_note_and_only_the_papers_come(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    config = folder / "_config.yml"
    config.write_text('author:\n  name: "Ada\n  bio: x\n', encoding="utf-8")
    site = fresh(tmp_path, "Ada Moretti")
    before = snapshot(site)
    status, out, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert re.search(rf"note: {re.escape(str(config))}:\d+: .*the profile was not imported", out)
    after = snapshot(site)
    assert {k: v for k, v in after.items() if "/authors/" in k} == {
        k: v for k, v in before.items() if "/authors/" in k
    }
    assert any("/papers/" in k and k not in before for k in after)  # the papers came


def test_a_folder_with_a_profile_and_no_papers_brings_the_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    shutil.rmtree(folder / "_publications")
    site = fresh(tmp_path, "Ada Moretti")
    status, out, _ = imported("academicpages", folder, site, capsys)
    assert status == 0
    # (the folder's pages of text come too)
    assert "the profile and the pages alone are imported" in out
    assert author(site)["affiliation"] == "University of Bologna"


def test_a_read_only_record_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path, "Ada Moretti")
    path = site / "content" / "authors" / "ada-moretti.yaml"
    path.chmod(0o444)
    before = path.read_bytes()
    status, _, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert status == 0
    assert "the file is read-only" in err
    assert path.read_bytes() == before


def test_an_al_folio_bibliography_linked_out_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "alfolio", tmp_path)
    private = tmp_path / "private.bib"
    private.write_text("@article{x, title={Private}, author={Okafor, Mei}, year={2020}}\n")
    (folder / "_bibliography" / "drafts.bib").symlink_to(private)
    site = fresh(tmp_path, "Mei L. Okafor")
    before = snapshot(site)
    status, _, err = imported("alfolio", folder, site, capsys)
    assert status == 1
    assert "drafts.bib: is a symbolic link to" in err
    assert snapshot(site) == before


def test_a_value_the_build_would_refuse_is_left_out_and_the_rest_comes_across(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "hugo-blox", tmp_path)
    me = folder / "data" / "authors" / "me.yaml"
    text = me.read_text(encoding="utf-8").replace(
        "https://github.com/sofia-alvarez", "https://github.com/\u202eevil"
    )
    me.write_text(text, encoding="utf-8")
    site = fresh(tmp_path, "Sofia Alvarez")
    status, _, err = imported("hugo", folder, site, capsys)
    assert status == 0
    links = author(site)["links"]
    assert isinstance(links, dict) and "github" not in links
    assert links["linkedin"] == "https://www.linkedin.com/in/sofia-alvarez-bsc/"
    assert "not     links.github: left out, " in err
    assert main(["build", "--site", str(site)]) == 0


def test_a_config_with_a_key_written_twice_is_read_as_jekyll_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    config = folder / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'locale: "it-IT"\n', encoding="utf-8"
    )  # `locale` twice: Jekyll takes the last
    site = fresh(tmp_path, "Ada Moretti")
    status, _, _ = imported("academicpages", folder, site, capsys)
    assert status == 0
    assert author(site)["affiliation"] == "University of Bologna"


def test_a_save_made_while_the_import_runs_is_not_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.ingest import author_fill

    site = fresh(tmp_path, "Ada Moretti")
    path = site / "content" / "authors" / "ada-moretti.yaml"
    planned = author_fill.plan
    saved = 'name: "Ada Moretti"\nposition: Saved in the editor meanwhile\n'

    def plan_then_save(site: Path, profile: ImportedProfile) -> author_fill.Fill | None:
        fill = planned(site, profile)
        path.write_text(saved, encoding="utf-8")  # an editor's save before the write
        return fill

    monkeypatch.setattr(author_fill, "plan", plan_then_save)
    status, _, err = imported("academicpages", PROFILES / "academicpages", site, capsys)
    assert status == 1
    assert "changed on disk while the import ran" in err
    assert path.read_text(encoding="utf-8") == saved
    assert not (site / "static" / "profile.png").exists()
    assert not (
        site / "content" / "papers" / "permutation-based-true-discovery-proportions-for-fmri.md"
    ).exists()


def test_a_hugo_profile_link_without_https_says_the_address_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`link: github.com/lena` in Hugo's `social:` (its https:// left out, a broken link on
    the old site) was "a page or file of the old site", told to copy a file into static/;
    it is another site's address, and the note gives it with its https://."""
    old = tmp_path / "old" / "content" / "authors" / "admin" / "_index.md"
    old.parent.mkdir(parents=True)
    old.write_text(
        "---\ntitle: Lena Fischer\nsocial:\n  - icon: github\n    link: github.com/lena\n"
        "  - icon: cv\n    link: uploads/cv.pdf\n---\n",
        encoding="utf-8",
    )
    status, _, err = imported("hugo", tmp_path / "old", fresh(tmp_path, "Lena Fischer"), capsys)
    assert status == 0
    assert (
        "social 1 (github) 'github.com/lena' is not imported: it has no https://, which the "
        "old site read as a page of its own (write `https://github.com/lena`)"
    ) in err
    assert "social 2 (cv) 'uploads/cv.pdf' is not imported: a page or file of the old site" in err


def test_an_academicpages_homepage_without_https_is_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`uri: www.annlee.com` in academicpages' `author:` (a key that takes an address, not a
    user name) was "no address; not imported", where `github.com/ann` got its https://."""
    old = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages", old)
    config = old / "_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  uri              : # URL", "  uri : www.annlee.com"))
    status, _, err = imported("academicpages", old, fresh(tmp_path, "Ada Moretti"), capsys)
    assert status == 0
    links = author(tmp_path / "site")["links"]
    assert isinstance(links, dict) and links["homepage"] == "https://www.annlee.com"
    assert "is no address" not in err


def test_an_email_that_is_not_an_address_is_left_out_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An `email` the build refuses (`javascript:…`) was written into the record, and the
    site imported into did not build."""
    folder = academicpages_with(tmp_path, '"ada.moretti@example.it"', '"javascript:alert(1)"')
    site = fresh(tmp_path, "Ada Moretti")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0
    assert (
        "_config.yml: author.email: email 'javascript:alert(1)' is not an address; write it "
        "as name@host"
    ) in err
    assert "email" not in author(site)
    assert "javascript" not in built_profile(site, capsys)  # the record builds


def lab_site(tmp_path: Path) -> Path:
    """A site without a main author (a lab's): an imported profile makes a new record."""
    site = fresh(tmp_path, "Ada Lovelace")
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("main_author:", "# main_author:"), encoding="utf-8")
    return site


def new_record(site: Path, err: str) -> str:
    """The file name of the one record the import made, and that it builds there."""
    (line,) = [line for line in err.splitlines() if line.startswith("profile ")]
    rel = line.split()[1]
    assert line.endswith("(new)") and (site / rel).is_file()
    assert main(["build", "--site", str(site)]) == 0
    slug = Path(rel).stem
    assert (site / "output" / "authors" / slug / "index.html").is_file()
    return slug


def test_a_name_without_latin_letters_takes_the_source_s_latin_spelling_for_its_slug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hugo Blox: `display: 王凯乐`, `given: Kaile`, `family: Wang` (was content/authors/author.yaml)
    site = lab_site(tmp_path / "a")
    status, _, err = imported("hugo", PROFILES / "hugo-blox-cjk", site, capsys)
    assert status == 0, err
    assert new_record(site, err) == "kaile-wang"
    assert (
        yaml.safe_load((site / "content/authors/kaile-wang.yaml").read_text("utf-8"))["name"]
        == "王凯乐"
    )
    assert (
        "note    content/authors/kaile-wang.yaml: the author's slug (the file name and the "
        "address authors/kaile-wang/) is `kaile-wang`, made of 'Kaile Wang' "
        "(data/authors/me.yaml name.given/family): '王凯乐' has no Latin letters"
    ) in err
    # importing again finds the record by its name: no second one
    status, _, err = imported("hugo", PROFILES / "hugo-blox-cjk", site, capsys)
    assert "profile   content/authors/kaile-wang.yaml" in err and "(unchanged)" in err

    # an academicpages site in its repository's folder, `<account>.github.io`
    folder = copy_of(PROFILES / "academicpages", tmp_path / "b")
    folder = folder.rename(folder.with_name("wangkaile.github.io"))
    config = folder / "_config.yml"
    config.write_text(config.read_text("utf-8").replace("Ada Moretti", "王凯乐"), "utf-8")
    site = lab_site(tmp_path / "c")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert new_record(site, err) == "wangkaile"
    assert "made of 'wangkaile' (the folder's name)" in err


def test_a_name_without_latin_letters_and_no_latin_spelling_is_author_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_of(PROFILES / "hugo-blox-cjk", tmp_path)
    me = folder / "data" / "authors" / "me.yaml"
    me.write_text(re.sub(r"(given|family): \w+", r"\1: ''", me.read_text("utf-8")), "utf-8")
    site = lab_site(tmp_path)
    status, _, err = imported("hugo", folder, site, capsys)
    assert status == 0, err
    assert new_record(site, err) == "author"
    note = next(line for line in err.splitlines() if "slug" in line)
    assert note.startswith("  note    content/authors/author.yaml: the author's slug")
    assert "is `author`, the word `author`, as the imported folder gives no Latin" in note
    assert "rename content/authors/author.yaml to content/authors/wang-xiaoming.yaml" in note
    assert "site.yaml's main_author" in note


def test_an_al_folio_name_without_latin_letters_takes_its_scholar_spelling_for_its_slug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # jekyll-scholar's names of the owner (bold in the bibliography) list each spelling
    folder = copy_of(PROFILES / "alfolio", tmp_path)
    config = folder / "_config.yml"
    text = config.read_text("utf-8")
    for old, new in (
        ("first_name: Mei\nmiddle_name: L.\nlast_name: Okafor", "first_name: 凯乐\nlast_name: 王"),
        (
            "last_name: [Okafor]\n  first_name: [Mei, M.]",
            "last_name: [王, Wang]\n  first_name: [凯乐, Kaile, K.]",
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, "utf-8")
    site = lab_site(tmp_path)
    status, _, err = imported("alfolio", folder, site, capsys)
    assert status == 0, err
    assert new_record(site, err) == "kaile-wang"
    assert "made of 'Kaile Wang' (_config.yml scholar.first_name/last_name)" in err


def test_a_bio_s_html_link_is_its_href_attribute_s_address_and_read_in_linear_time() -> None:
    # The first `href` was looked for anywhere in the tag: `data-href` and a title that
    # says "href=" gave the link their words; and a tag of many `href=x` left open was
    # read again from each one (16,000 in 112 KB took three seconds, these 140,000 four
    # minutes: more than the suite's run survives, as no test asserts a time).
    from generator.ingest.profiles import clean_bio

    dropped: list[str] = []
    text = clean_bio(
        '<a data-href="/old" href="https://ok.org/">ok</a>, <a href=/t/ class=x>T</a>, '
        '<a title="href=x">n</a> and <a href="javascript:alert(1)">j</a>.',
        True,
        dropped,
        {},
        [],
    )
    assert text == "[ok](https://ok.org/), [T](/t/), n and j."
    assert dropped == ["javascript:alert(1)"]
    clean_bio("<a " + "href=x " * 140_000, True, [], {}, [])
    clean_bio("<a " + 'href="x" ' * 140_000 + ">x", True, [], {}, [])


def test_a_profile_s_decomposed_accents_imported_again_are_not_said_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A profile whose accents are two characters each (`a` and U+0300: a macOS export) is
    written composed, as the build reads every record: imported again, the record's
    affiliation is the import's, not `kept affiliation: the record's 'Università di
    Bologna'; the import has 'Università di Bologna'`."""
    folder = academicpages_with(
        tmp_path, '"University of Bologna"', '"Universita\u0300 di Bologna"'
    )
    site = fresh(tmp_path, "Ada Moretti")
    assert imported("academicpages", folder, site, capsys)[0] == 0
    before = snapshot(site)
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0 and "(unchanged)" in err
    assert "affiliation" not in err, err
    assert snapshot(site) == before
    assert author(site)["affiliation"] == "Universit\u00e0 di Bologna"  # composed


def test_a_photo_named_with_a_decomposed_accent_is_on_the_built_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A photo whose file name spells `é` as `e` and U+0301 (a folder unpacked from a Mac)
    is copied under its composed name, which the record's `photo:` says as the build reads
    it: before, the page's picture led to nothing (the build read the path composed, the
    file kept its decomposed name)."""
    folder = copy_of(PROFILES / "academicpages", tmp_path)
    name = "portrait-rene\u0301.png"
    (folder / "images" / "profile.png").rename(folder / "images" / name)
    config = folder / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('"profile.png"', f'"{name}"'))
    site = fresh(tmp_path, "Ada Moretti")
    assert imported("academicpages", folder, site, capsys)[0] == 0
    assert main(["build", "--site", str(site)]) == 0
    assert "leads to nothing" not in capsys.readouterr().err
    page = (site / "output" / "index.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'<img[^>]*\ssrc="([^"]*portrait[^"]*)"', page)
    assert (site / "output" / urllib.parse.unquote(src)).is_file()


def test_al_folio_s_bold_names_of_the_owner_are_the_record_s_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """jekyll-scholar bolds the owner under each pair of `scholar: first_name` and
    `last_name` (`[Mei, M.]`, `[Okafor]`); the import made only the slug of them, so the
    papers by "M. Okafor" were not the owner's until the aliases were written by hand."""
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", PROFILES / "alfolio", site, capsys)
    assert status == 0, err
    assert author(site)["aliases"] == ["Mei Okafor", "M. Okafor"]  # the name is Mei L. Okafor
    assert "aliases: 'Mei Okafor, M. Okafor'  (from _config.yml scholar.first_name/last_name)" in (
        out + err
    )
    # aliases of the person's own are kept; the import names those they lack
    record = sorted((site / "content" / "authors").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace("  - Mei Okafor\n  - M. Okafor\n", "  - M. L. Okafor\n"), encoding="utf-8"
    )
    status, out, err = imported("alfolio", PROFILES / "alfolio", site, capsys)
    assert status == 0, err
    assert author(site)["aliases"] == ["M. L. Okafor"]
    assert (
        "aliases: the record's; the import also names the owner 'Mei Okafor, M. Okafor' (from "
        "_config.yml scholar.first_name/last_name); add those that are yours to aliases"
    ) in out + err
