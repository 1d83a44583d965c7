"""Moving a site: the old bio's and pages' links to the old site's own pages lead to this
site's (an imported page, the home page, the CV, a paper's page), written from the site's
root, so that they work on a site published under a path too; links to what this site does
not have (the old site's files, a page left out) keep their words alone, with a note; and
`check` finds no broken link or anchor in the built site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.ingest_support import write_files
from tests.test_import_pages import PROFILES, imported, page, run, site_for


def under_a_path(site: Path) -> None:
    """Publish the site under a path (a project's GitHub Pages), where `/x/` links break."""
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^base_url: .*$", "base_url: https://ada.github.io/site/", text),
        encoding="utf-8",
    )


def checked(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The site builds and `check` finds nothing broken."""
    status, said = run(capsys, "build", "--site", str(site))
    assert status == 0, said
    status, said = run(capsys, "check", "--site", str(site))
    assert status == 0, said
    assert "broken" not in said


def bio(site: Path, slug: str) -> str:
    record = yaml.safe_load((site / "content" / "authors" / f"{slug}.yaml").read_text("utf-8"))
    return " ".join(str(record["bio"]).split())


def paper_slug(site: Path) -> str:
    (record,) = (site / "content" / "papers").glob("*.md")
    return record.stem


def hrefs(site: Path, address: str) -> list[str]:
    """The links of a built page's text (its <main>)."""
    built = (site / "output" / address / "index.html").read_text(encoding="utf-8")
    main = built.split("<main", 1)[1].split("</main>", 1)[0]
    return re.findall(r'<a href="([^"]*)"', main)


def test_academicpages_links_lead_to_the_imported_pages_home_cv_and_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Ada Moretti")
    under_a_path(site)
    folder = PROFILES / "academicpages-links"
    said = imported("academicpages", folder, site, capsys)
    paper = paper_slug(site)
    group = page(site, "group")
    # `../teaching/` from /group/ is the old /teaching/, imported as teaching/
    assert "[my courses](teaching/)" in group
    # the paper's old page (/publication/<x>) is the imported paper's
    assert f"[permutation tests paper](papers/{paper}/)" in group
    # the publications list is this site's home page; its anchor names nothing there
    assert "[all our papers](./)" in group
    # an anchor of the page itself, and one of another page, where it has that heading
    assert "[how to join](#joining)" in group
    assert "[past course](teaching/#past-courses)" in group
    # `{{ site.baseurl }}/cv/` (baseurl /old-site): the CV this site builds
    assert "[CV](cv/)" in group
    # `{% link _pages/teaching.md %}`: the page of that file
    assert "[courses page](teaching/)" in group
    # a page left out (talks: a Liquid list), one imported as a draft (not built) and the
    # old site's file: words alone, said
    assert "the talks, the reading list, the lab wiki and" in " ".join(group.split())
    assert "draft: true" in page(site, "wiki")
    note = next(line for line in said.splitlines() if "group.md" in line and "text only" in line)
    assert "'/talks/'" in note and "'/files/reading-list.pdf'" in note and "'/wiki/'" in note
    assert "'../teaching/'" not in note
    assert "[the group](group/#members)" in page(site, "teaching")
    # the bio (the home page's text) as well
    record = bio(site, "ada-moretti")
    assert "[multiple testing group](group/)" in record
    assert "My [CV](cv/) lists my [papers](./)" in record
    assert "the PDF is the printed one" in record
    assert "'/files/cv.pdf'" in said
    checked(site, capsys)
    # from group/index.html each leads back up to the site's root, under its path
    assert hrefs(site, "group") == [
        "../teaching/",
        f"../papers/{paper}/",
        ".././",
        "#joining",
        "../cv/",
        "../teaching/#past-courses",
        "../teaching/",
    ]
    # importing again finds the pages it wrote, links and all, the same
    said = imported("academicpages", folder, site, capsys)
    assert "3 pages: 0 new, 3 unchanged, 0 kept" in said


def test_alfolio_relative_url_links_lead_to_the_imported_page_and_the_home_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Mei Okafor")
    under_a_path(site)
    folder = PROFILES / "alfolio-links"
    said = imported("alfolio", folder, site, capsys)
    record = bio(site, "mei-okafor")
    # `{{ '/teaching/' | relative_url }}`: the address it names, on this site
    assert "[publications](./)" in record
    assert "[courses](teaching/)" in record
    assert "and my CV." in record and "'/assets/pdf/cv.pdf'" in said
    # a paper of the publications list, by its BibTeX key (al-folio's bib layout's id)
    assert f"[the crystal graph paper](papers/{paper_slug(site)}/)" in record
    teaching = page(site, "teaching")
    # `{% link _pages/cv.md %}`: the CV page, which this site builds
    assert "[CV](cv/)" in teaching
    assert "[the graduate courses](#graduate-courses)" in teaching
    assert "its reading list and my" in " ".join(teaching.split())
    checked(site, capsys)


def test_hugo_ref_shortcodes_lead_to_the_imported_pages_and_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Lena Fischer")
    under_a_path(site)
    folder = PROFILES / "hugo-links"
    said = imported("hugo", folder, site, capsys)
    paper = paper_slug(site)
    record = bio(site, "lena-fischer")
    assert "[course on graphs](teaching/)" in record
    assert f"[ICML paper](papers/{paper}/)" in record
    assert "my CV is a PDF" in record and "'/uploads/cv.pdf'" in said
    # `{{< relref "contact/index.md#office" >}}`: the bundle's page, at its heading
    assert "[contact page](contact/#office)" in page(site, "teaching")
    assert "[my course](teaching/)" in page(site, "contact")
    checked(site, capsys)
    assert hrefs(site, "contact") == ["../teaching/"]


# --- the papers' own text ----------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def paper(site: Path, slug: str) -> str:
    """A paper record's text (below its front matter), its lines joined."""
    text = (site / "content" / "papers" / f"{slug}.md").read_text(encoding="utf-8")
    return " ".join(text.split("\n---\n", 1)[1].split())


def copied(tmp_path: Path, fixture: str, files: dict[str, str]) -> Path:
    """A copy of a fixture's old site with more files (path in it → text)."""
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / fixture, folder)
    return write_files(folder, files)


def test_an_academicpages_paper_s_links_lead_to_the_imported_paper_or_keep_their_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a site's _publications (academicpages-custom) where a page's body links another
    # paper's page and a file of the old site: `check` found both broken
    hybrid = (
        "---\ntitle: 'Hybrid Spiking Models'\ncollection: publications\n"
        "permalink: /publication/2024-10-01-hybrid-snn\ndate: 2024-10-01\n"
        "venue: 'NICE 2024'\nauthors: 'J Krause, A Vasile'\n---\n\nA buffer of 1024 steps, "
        "as [our templates]({% link _publications/2024-06-01-liquid.md %}) and the "
        "[talks]({{ '/talks/' | relative_url }}) say.\n"
    )
    folder = copied(
        tmp_path, "ingest/academicpages-custom", {"_publications/2024-10-01-hybrid-snn.md": hybrid}
    )
    site = site_for(tmp_path, "Ann Lee")
    under_a_path(site)
    said = imported("academicpages", folder, site, capsys)
    # `[first models](/publication/2024-10-01-hybrid-snn)`: that page's paper
    snn = "realtime-spiking-networks-for-neural-decoding"
    assert "Our [first models](papers/hybrid-spiking-models/) used" in paper(site, snn)
    # `[the appendix]({{ base_path }}/files/appendix.pdf)`: its words alone, said at its line
    assert paper(site, "type-checking-templates").endswith("see the appendix.")
    liquid = folder / "_publications" / "2024-06-01-liquid.md"
    assert (
        f"{liquid}:13: publication '2024-06-01-liquid': the text's links or pictures to "
        "'/files/appendix.pdf' are kept as text only"
    ) in said
    assert "/publication/2024-10-01-hybrid-snn" not in said  # rewritten: nothing to say
    # Liquid's `{% link %}` of a paper's file, and a page the import does not bring
    hybrid_text = paper(site, "hybrid-spiking-models")
    assert "as [our templates](papers/type-checking-templates/) and the talks say" in hybrid_text
    assert "2024-10-01-hybrid-snn.md:10: publication '2024-10-01-hybrid-snn': the text's " in said
    checked(site, capsys)
    assert "../../papers/hybrid-spiking-models/" in hrefs(site, f"papers/{snn}")
    said = imported("academicpages", folder, site, capsys)
    assert "10 works: 0 new, 0 updated, 10 unchanged" in said


def test_a_hugo_paper_s_abstract_and_body_link_the_imported_papers_and_the_home_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hugo Academic's publication pages (hugo-site-pages): the abstract's
    # `[project](../project/privacy_project)`, read from the page's folder, and links to
    # another paper's page and to the publications list
    tool = (
        "---\ntitle: A Private Tool\nauthors: [Ann Lee]\ndate: 2021-01-01\n---\n\n"
        "## Abstract\n\nWe extend [private inference](/publication/dp-pvi/) to tools, as "
        '[segmentation]({{< relref "publication/vpn/index.md" >}}) does.\n'
    )
    folder = copied(
        tmp_path, "trial-exports/hugo-site-pages", {"content/publication/tool/index.md": tool}
    )
    dp = folder / "content" / "publication" / "dp-pvi" / "index.md"
    dp.write_text(
        dp.read_text(encoding="utf-8").replace(
            "See the [project]",
            "As [our segmentation paper](../vpn/) and the [others](/publication/), see the "
            "[project]",
        ),
        encoding="utf-8",
    )
    site = site_for(tmp_path, "Ann Lee")
    under_a_path(site)
    said = imported("hugo", folder, site, capsys)
    vpn = "cross-view-semantic-segmentation-for-sensing-surroundings"
    dp_slug = "differentially-private-federated-variational-inference"
    text = paper(site, dp_slug)
    assert f"As [our segmentation paper](papers/{vpn}/) and the [others](./), see" in text
    assert "see the project and [the workshop](https://priml-workshop.github.io/" in text
    assert (
        f"{dp}:3: publication 'dp-pvi': the text's links or pictures to "
        "'../project/privacy_project' are kept as text only"
    ) in said
    # a body's abstract (no `abstract:`), and Hugo's `relref` of a paper's file
    assert (
        f"We extend [private inference](papers/{dp_slug}/) to tools, as "
        f"[segmentation](papers/{vpn}/) does."
    ) in paper(site, "a-private-tool")
    checked(site, capsys)
    assert f"../../papers/{vpn}/" in hrefs(site, f"papers/{dp_slug}")
    said = imported("hugo", folder, site, capsys)
    assert "3 works: 0 new, 0 updated, 3 unchanged" in said


@pytest.mark.parametrize("permalink", ["//[x", "/[oops/", "http://[::1"])
def test_a_permalink_that_is_no_address_is_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], permalink: str
) -> None:
    """A page's permalink that no URL parser reads (a host in brackets never closed) is
    read as no address: the page's links that need it are unlinked, as any not found."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages-links", folder)
    group = folder / "_pages" / "group.md"
    group.write_text(
        group.read_text("utf-8").replace("permalink: /group/", f"permalink: '{permalink}'"),
        "utf-8",
    )
    site = site_for(tmp_path, "Ada Moretti")
    imported("academicpages", folder, site, capsys)
    checked(site, capsys)


# --- the old site's own address: a sub-path, full addresses, HTML links --------------------

GRAPHS = "aligning-graph-neural-networks-with-causal-structure"
WORKSHOP = "message-passing-meets-causal-discovery"


def test_hugo_base_url_s_path_full_addresses_and_html_links_lead_to_this_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hugo Blox published under a path (`baseURL: 'https://lena-fischer.github.io/site/'`
    # in config/_default/hugo.yaml): its links were `/site/teaching/`, or the full address
    site = site_for(tmp_path, "Lena Fischer")
    under_a_path(site)
    said = imported("hugo", PROFILES / "hugo-subpath", site, capsys)
    record = bio(site, "lena-fischer")
    assert "[course on graphs](teaching/)" in record
    # the full address on the old host, https or http, with `www.` or not: its own page
    assert f"[ICML paper](papers/{GRAPHS}/)" in record
    assert f"[workshop version](papers/{WORKSHOP}/)" in record
    # another project's site on the same host is no page of this one: kept as written
    assert "[thesis code](https://lena-fischer.github.io/thesis-code/)" in record
    # a page's `<a href>`, quoted either way or unquoted, as its Markdown links are
    teaching = " ".join(page(site, "teaching").split())
    assert f"It follows [our ICML paper](papers/{GRAPHS}/), its" in teaching
    assert f"[workshop version](papers/{WORKSHOP}/) and the slides." in teaching
    assert "teaching.md:12: the page's links or pictures to '/site/uploads/graphs.pdf'" in said
    # a paper's text keeps its HTML: the href rewritten, the rest of the tag as written;
    # unlinked, the tag loses its href (the build's sanitiser treats the rest)
    text = paper(site, GRAPHS)
    assert f'our <a href="papers/{WORKSHOP}/" class="ref">workshop paper</a>' in text
    assert '<a href="teaching/">the course</a> and <a>the appendix</a>' in text
    assert (
        "graph-alignment/index.md:12: publication 'graph-alignment': the text's links or "
        "pictures to '/site/uploads/appendix.pdf' are kept as text only"
    ) in said
    assert "which this site does not have" not in said  # no note on a link rewritten
    checked(site, capsys)
    built = hrefs(site, f"papers/{GRAPHS}")
    assert f"../../papers/{WORKSHOP}/" in built and "../../teaching/" in built
    said = imported("hugo", PROFILES / "hugo-subpath", site, capsys)
    assert "2 works: 0 new, 0 updated, 2 unchanged" in said


@pytest.mark.parametrize(
    ("name", "config"),
    [
        ("hugo.toml", 'baseURL = "https://lena-fischer.github.io/site/"\n'),
        ("config.toml", 'baseurl = "https://lena-fischer.github.io/site"\n'),  # Academic's
        ("config/_default/config.yaml", "baseurl: https://lena-fischer.github.io/site/\n"),
        ("config/_default/hugo.json", '{\n\t"baseURL": "https://lena-fischer.github.io/site/"\n}'),
        # as a Hugo Blox site wrote it, without its https://
        ("config/_default/hugo.yaml", "baseURL: 'lena-fischer.github.io/site'\n"),
    ],
)
def test_hugo_base_url_is_read_where_hugo_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, config: str
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "hugo-subpath", folder)
    (folder / "config" / "_default" / "hugo.yaml").unlink()
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(config, encoding="utf-8")
    site = site_for(tmp_path, "Lena Fischer")
    imported("hugo", folder, site, capsys)
    record = bio(site, "lena-fischer")
    assert "[course on graphs](teaching/)" in record
    assert f"[ICML paper](papers/{GRAPHS}/)" in record


@pytest.mark.parametrize(
    ("name", "config"),
    [("hugo.json", "[" * 100_000), ("hugo.toml", "baseURL = " + "[" * 100_000)],
)
def test_a_hugo_config_nested_too_deeply_is_no_config_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, config: str
) -> None:
    # Its parser recurses per level: a RecursionError ended the import with a traceback
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "hugo-subpath", folder)
    (folder / name).write_text(config, encoding="utf-8")
    site = site_for(tmp_path, "Lena Fischer")
    said = imported("hugo", folder, site, capsys)
    assert "Traceback" not in said
    assert "[course on graphs](teaching/)" in bio(site, "lena-fischer")  # config/_default's


def test_jekyll_url_and_baseurl_make_full_addresses_and_html_links_this_site_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # academicpages-links: `url: https://adamoretti.github.io`, `baseurl: "/old-site"`
    group = (PROFILES / "academicpages-links" / "_pages" / "group.md").read_text("utf-8")
    folder = copied(
        tmp_path,
        "profile/academicpages-links",
        {
            "_pages/group.md": group
            + "\nOld addresses: [teaching](https://adamoretti.github.io/old-site/teaching/), "
            "[joining](http://adamoretti.github.io/old-site/group/#joining), "
            "<a href=/old-site/teaching/#past-courses class=x>past courses</a> and "
            "[the department](https://www.unibo.it/teaching/).\n",
            "_publications/2021-03-01-permutation.md": (
                PROFILES / "academicpages-links" / "_publications" / "2021-03-01-permutation.md"
            ).read_text("utf-8")
            + "Our <a href='https://adamoretti.github.io/old-site/group/'>group</a> and "
            '<a href="/teaching/" title="courses">courses</a>.\n',
        },
    )
    site = site_for(tmp_path, "Ada Moretti")
    said = imported("academicpages", folder, site, capsys)
    text = " ".join(page(site, "group").split())
    assert "Old addresses: [teaching](teaching/), [joining](#joining), [past" in text
    assert "[past courses](teaching/#past-courses) and" in text
    assert "[the department](https://www.unibo.it/teaching/)" in text
    (record,) = (site / "content" / "papers").glob("*.md")
    assert (
        'Our <a href="group/">group</a> and <a href="teaching/" title="courses">courses</a>.'
    ) in " ".join(record.read_text("utf-8").split())
    assert "which this site does not have" not in said
    checked(site, capsys)


def test_a_template_s_own_address_left_in_url_is_not_the_old_site_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # academicpages' _config.yml ships `url: https://academicpages.github.io`; a site that
    # kept it and thanks the template links the template's demo, no page of its own
    source = PROFILES / "academicpages-links"
    config = (source / "_config.yml").read_text("utf-8")
    about = (source / "_pages" / "about.md").read_text("utf-8")
    folder = copied(
        tmp_path,
        "profile/academicpages-links",
        {
            "_config.yml": config.replace(
                "https://adamoretti.github.io", "https://academicpages.github.io"
            ).replace('"/old-site"', '""'),
            "_pages/about.md": about
            + "\nThis site is made with [academicpages](https://academicpages.github.io/).\n",
        },
    )
    site = site_for(tmp_path, "Ada Moretti")
    imported("academicpages", folder, site, capsys)
    record = bio(site, "ada-moretti")
    assert "[academicpages](https://academicpages.github.io/)" in record
    assert "[multiple testing group](group/)" in record


def test_site_links_note_on_megabytes_of_html_links_is_made_at_once() -> None:
    # An imported text of 40,000 `<a href>` (1.2 MB): each was cut out of a copy of the
    # whole text, nine seconds for one note (time with the square of its size); these
    # 200,000, four minutes: more than the suite's run survives (no test asserts a time).
    from generator.ingest.frontmatter import site_links_note

    text = '<a href="/files/x.pdf">x</a> ' * 200_000 + "![plot](/images/plot.png)"
    note = site_links_note(text, "page.md:3", "publication 'p'")
    # the picture is named; the `<a href>` (rewritten by the import) is not
    assert note is not None and "/images/plot.png" in note and "/files/x.pdf" not in note


def test_the_unlinked_note_says_how_many_more_than_the_three_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The note named the first three addresses a page's links lost, and no more: the
    # fourth and fifth lost their links without a word
    group = (PROFILES / "academicpages-links" / "_pages" / "group.md").read_text("utf-8")
    folder = copied(
        tmp_path,
        "profile/academicpages-links",
        {
            "_pages/group.md": group + "\nThe [poster](/files/poster.pdf) and [the thesis code]"
            "(https://adamoretti.github.io/old-site/thesis-code/).\n"
        },
    )
    site = site_for(tmp_path, "Ada Moretti")
    said = imported("academicpages", folder, site, capsys)
    assert "The poster and the thesis code." in " ".join(page(site, "group").split())
    note = next(line for line in said.splitlines() if "group.md" in line and "text only" in line)
    assert "'/talks/', '/files/reading-list.pdf', '/wiki/' and 2 more are kept" in note


@pytest.mark.parametrize(
    ("kind", "fixture", "paper"),
    [
        ("hugo", "hugo-subpath", "content/publication/message-passing/index.md"),
        ("academicpages", "academicpages-links", "_publications/2021-03-01-permutation.md"),
    ],
)
def test_a_paper_page_of_many_comments_never_closed_is_read_in_linear_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, fixture: str, paper: str
) -> None:
    # From each `<!--` the search for its `-->` went to the end: a Hugo page's body of
    # 50,000 (200 KB) took the import two minutes, these 150,000 fifteen: more than the
    # suite's run survives (no test asserts a time)
    text = (PROFILES / fixture / paper).read_text("utf-8")
    folder = copied(tmp_path, f"profile/{fixture}", {paper: text + "\n" + "<!--" * 150_000 + "\n"})
    site = site_for(tmp_path, "Ada Moretti" if kind == "academicpages" else "Lena Fischer")
    said = imported(kind, folder, site, capsys)
    assert "Traceback" not in said
