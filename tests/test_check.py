"""``authorsite check``: a clean site passes; each kind of breakage is listed, exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.check import CheckFailed, check_output
from generator.cli import main
from tests.conftest import REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("check") / "out"
    build(REPO, out, base_url="https://user.github.io/repo/")
    return out


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample, to break."""
    return Path(shutil.copytree(built, tmp_path / "copy"))


def problems(out: Path, base_url: str = "https://user.github.io/repo/") -> list[str]:
    with pytest.raises(CheckFailed) as caught:
        check_output(out, base_url)
    return [str(p) for p in caught.value.problems]


def test_sample_site_passes(built: Path) -> None:
    summary = check_output(built, "https://user.github.io/repo/")
    assert summary.startswith("19 pages")
    assert "2 feeds" in summary


def test_cli_check_builds_into_a_temporary_folder(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--site", str(sample_site)]) == 0
    out = capsys.readouterr().out
    assert "check: 19 pages" in out
    assert "base_url is not a full address" in out  # the sample's "/" is explained
    assert not (sample_site / "output").exists()


def test_missing_page_and_asset_are_reported_where_linked(copy: Path) -> None:
    shutil.rmtree(copy / "papers" / "fedrd")
    (copy / "static" / "site.js").unlink()
    found = problems(copy)
    assert any(p.startswith("index.html:") and "broken link: ./papers/fedrd/" in p for p in found)
    assert any(p.startswith("index.html:") and "static/site.js" in p for p in found)
    assert any(p.startswith("cv/index.html:") and "papers/fedrd/" in p for p in found)
    # Feeds and the sitemap still list the removed page: those are problems too.
    assert any(p.startswith("feed.xml") and "papers/fedrd/" in p for p in found)
    assert any(p.startswith("sitemap.xml") and "papers/fedrd/" in p for p in found)


def test_every_problem_has_a_line(copy: Path) -> None:
    (copy / "static" / "style.css").unlink()
    found = problems(copy)
    assert len(found) == 19  # every page links the stylesheet; each one is listed
    assert all(p.split(":")[1].isdigit() for p in found)


def test_broken_anchor(copy: Path) -> None:
    page = copy / "papers" / "fedrd" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "</main>", '<a href="#nowhere">x</a><a href="../../#paper-fedrd">ok</a></main>'
        ),
        encoding="utf-8",
    )
    found = problems(copy)
    assert len(found) == 1
    assert found[0].startswith("papers/fedrd/index.html:")
    assert "broken anchor: #nowhere" in found[0]


def test_link_outside_the_base_path(copy: Path) -> None:
    page = copy / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", '<a href="/elsewhere/">x</a></main>'),
        encoding="utf-8",
    )
    assert any("leaves the site's base path /repo/" in p for p in problems(copy))


def test_feed_that_does_not_parse(copy: Path) -> None:
    feed = copy / "authors" / "kaile-wang" / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</feed>", b""))
    found = problems(copy)
    assert found == [f for f in found if f.startswith("authors/kaile-wang/feed.xml")]
    assert "feed does not parse" in found[0]


def test_sitemap_missing_a_page(copy: Path) -> None:
    sitemap = copy / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(
        text.replace("<url><loc>https://user.github.io/repo/cv/</loc></url>", ""), encoding="utf-8"
    )
    assert problems(copy) == ["sitemap.xml: does not list cv/index.html"]


def test_bad_jsonld(copy: Path) -> None:
    page = copy / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('"@type": "Person"', '"@type": Person'), encoding="utf-8")
    found = problems(copy)
    assert len(found) == 1 and "JSON-LD does not parse" in found[0]


def test_cli_checks_existing_output_and_exits_1(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--site", str(sample_site)]) == 0
    assert main(["check", "--site", str(sample_site), "--built"]) == 0
    (sample_site / "output" / "papers" / "fedali" / "index.html").unlink()
    capsys.readouterr()
    assert main(["check", "--site", str(sample_site), "--built"]) == 1
    err = capsys.readouterr().err
    assert "index.html:" in err and "broken link" in err and "papers/fedali/" in err
    assert err.rstrip().endswith("problems in the built site.")


def test_cli_check_reports_content_errors(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = sample_site / "content" / "papers" / "fedrd.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("date:", "citaions: 3\ndate:"), encoding="utf-8"
    )
    assert main(["check", "--site", str(sample_site)]) == 1
    assert "content/papers/fedrd.md:" in capsys.readouterr().err


def test_check_without_a_build_is_a_usage_error(sample_site: Path) -> None:
    assert main(["check", "--site", str(sample_site), "--built"]) == 2
