"""``authorsite init`` (a new site from the templates), ``authorsite new paper`` and
``authorsite new page``."""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml

from generator import __version__, yamlio
from generator.errors import ArgumentError, ContentError, Problem
from generator.i18n import catalogue_code
from generator.ingest.merge import PAPERS_DIR, today
from generator.ingest.records import RecordError, dump_field, read_record, write_files
from generator.ingest.work import family_slug, says_nothing, slugify
from generator.languages import language_problem
from generator.names import fold_letters, name_key
from generator.parse import slug_shown
from generator.schema import BUILT_FOLDERS, SLUG_PATTERN
from generator.validate import CONTROL, RESERVED_NAMES, blank, unbalanced_bidi

if TYPE_CHECKING:
    from importlib.abc import Traversable

AUTHORS_DIR = Path("content") / "authors"
PAGES_DIR = Path("content") / "pages"
DEFAULT_NAME = "Your Name"


def _templates() -> Traversable:
    return resources.files("generator").joinpath("scaffold").joinpath("site")


def author_template() -> str:
    """The author record ``init`` writes, before its name is filled in."""
    path = _templates().joinpath("content").joinpath("authors").joinpath("__SLUG__.yaml")
    return path.read_text(encoding="utf-8")


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    """Every template file as (relative path, text), dot-files named ``dot-*``."""
    found = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        if item.is_dir():
            found.extend(_walk(item, f"{prefix}{name}/"))
        elif not name.endswith((".pyc", ".pyo")):
            found.append((prefix + name, item.read_text(encoding="utf-8")))
    return found


def _installed_from() -> object:
    """This installation's PEP 610 record (``direct_url.json``): where pip got it from."""
    try:
        text = metadata.distribution("authorsite").read_text("direct_url.json")
        return json.loads(text) if text else None
    except (metadata.PackageNotFoundError, ValueError):
        return None


# requirements.txt's lines where this authorsite came from a place the runner cannot reach
# (a folder, a wheel on disk, a commit not pushed): the PyPI line, kept off PyPI. The name
# `authorsite` there is not this project's, and whoever registered it would have had their
# package installed by a job that may deploy the site (`pages: write`, `id-token: write`).
# pip then stops at "Install authorsite" with no version found, until the line is written.
UNREACHABLE = (
    "# authorsite was installed from a place GitHub's runner cannot reach: write the line\n"
    "# that installs it, such as authorsite @ git+https://github.com/OWNER/REPO@COMMIT, in\n"
    "# place of the two below. `--no-index` keeps pip off PyPI, whose `authorsite` is\n"
    "# not this project's.\n"
    "--no-index\n"
    f"authorsite>={__version__}"
)


def requirement() -> str:
    """The line(s) that install this authorsite on GitHub's runner.

    Installed from a public git repository (``pip install git+https://…``): that
    repository at the same commit, which works whether or not authorsite is on PyPI.
    Installed from a clone of one (``pip install .``): its origin, at the same commit,
    when the origin has it. Installed from PyPI (no PEP 610 record): the PyPI release
    of at least this version. Otherwise :data:`UNREACHABLE`: no package from PyPI.
    """
    found = _installed_from()
    if found is None:
        return f"authorsite>={__version__}"
    if isinstance(found, dict) and isinstance(found.get("vcs_info"), dict):
        url, vcs = _https(str(found.get("url", ""))), found["vcs_info"]
        commit = str(vcs.get("commit_id", ""))
        if vcs.get("vcs") == "git" and url and re.fullmatch(r"[0-9a-f]{7,64}", commit):
            return f"authorsite @ git+{url}@{commit}"
    if isinstance(found, dict) and str(found.get("url", "")).startswith("file://"):
        cloned = _published_clone(Path(url2pathname(urlsplit(str(found["url"])).path)))
        if cloned is not None:
            return cloned
    return UNREACHABLE


def unreachable_install() -> str | None:
    """Where this authorsite came from, when GitHub's runner cannot install it from there.

    Then requirements.txt falls back to PyPI, which holds some other release of authorsite
    or none at all: the first push would fail at "Install authorsite", or build the site
    with other code than the preview did. Installed from PyPI (no PEP 610 record), or from
    a public repository at a pushed commit, the runner installs the same one: None.
    """
    found = _installed_from()
    if not isinstance(found, dict) or requirement() != UNREACHABLE:
        return None
    url = str(found.get("url", ""))
    if url.startswith("file://"):
        return url2pathname(urlsplit(url).path)
    return re.sub(r"//[^/@]*@", "//", url) or "an unknown place"  # never a password


def _published_clone(folder: Path) -> str | None:
    """``authorsite @ git+https://…@commit`` for a clone whose commit its origin holds.

    README's way in is `pip install .` from a clone of the repository: pip then records a
    local folder, which GitHub's runner cannot reach. The clone's `origin` can, at a commit
    it already has (a remote-tracking branch contains it); a commit never pushed cannot.
    """

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        origin = git("remote", "get-url", "origin")
        commit = git("rev-parse", "HEAD")
        pushed = bool(commit) and bool(git("branch", "--remotes", "--contains", commit))
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs
        return None
    url = _https(origin)
    if not (pushed and url):
        return None
    return f"authorsite @ git+{url}@{commit}"


def _https(url: str) -> str | None:
    """The https:// address of a git repository's address, which the runner can clone.

    ``git@github.com:org/repo.git`` and ``ssh://git@github.com/org/repo.git`` (a key on
    this computer) are the same public repository at ``https://github.com/org/repo.git``.
    An address with a user name or password in it is never written into a file: None.
    """
    ssh = re.fullmatch(r"ssh://git@([\w.-]+)/(.+)", url) or re.fullmatch(r"git@([\w.-]+):(.+)", url)
    if ssh:
        url = f"https://{ssh.group(1)}/{ssh.group(2)}"
    return url if re.fullmatch(r"https://[^\s@]+", url) else None


# What a repository just made on GitHub holds (cloned, or `git init` and a first pull): a
# site is made there as in an empty folder, keeping these files. Anything else is refused.
NEW_REPOSITORY = frozenset(
    {".git", "README.md", "README", "LICENSE", "LICENSE.md", "LICENSE.txt", ".gitignore",
     ".gitattributes"}
)  # fmt: skip


def author_slug(name: str, slug: str | None = None) -> str:
    """The slug of the author ``init`` makes: ``slug`` (``--slug``) where the build takes it
    as one, else one made of ``name`` (`author` for a name without Latin letters)."""
    if slug is None:
        return slugify(name, limit=40, what="author")
    if not re.fullmatch(SLUG_PATTERN, slug) or len(slug) > 40 or slug in RESERVED_NAMES:
        fixed = slugify(slug, limit=40, what="author")
        meant = f"; write --slug {fixed}" if fixed != slug else ""
        message = (
            f"'{slug}' is no slug: one is lower-case Latin letters, digits and dashes, at "
            f"most 40, such as `wang-xiaoming`, and no name Windows keeps for a device{meant}"
        )
        raise ArgumentError([Problem("init --slug", 0, message)])
    return slug


def init_site(
    target: Path, name: str | None = None, slug: str | None = None, language: str | None = None
) -> list[Path]:
    """Create a new site in ``target`` (new, empty, or a new repository's clone), its
    author's slug ``slug`` (else made of ``name``), its pages in ``language`` (else English).

    Returns the files written. A README.md already there is kept; a .gitignore gets the
    lines the site needs that it lacks, after its own.
    """
    problems = []
    if target.exists() and (
        not target.is_dir() or any(item.name not in NEW_REPOSITORY for item in target.iterdir())
    ):
        message = (
            "is not an empty folder; init only creates a site in a new or empty folder "
            "(or a clone of a new repository: .git, README.md, LICENSE, .gitignore)"
        )
        problems.append(Problem(str(target), 0, message))
    own, chosen = DEFAULT_NAME, ""
    try:  # each problem in one run: the folder's, and the name's or the slug's
        own = _one_line("init --name", "name", name or DEFAULT_NAME) or DEFAULT_NAME
        if blank(own):  # a pasted zero-width space: `name:` would hold it, and not build
            message = (
                "the name shows as nothing (it holds only invisible characters or accents "
                'with no letter); give it in quotes: authorsite init DIR --name "Ada Lovelace"'
            )
            raise ArgumentError([Problem("init --name", 0, message)])
        if shown := slug_shown(own):  # the example paper's `authors` would not build
            message = (
                f"`{own}` looks like a file name (a slug), and pages would show it so; give "
                f'the name as it should show: authorsite init DIR --name "{shown}" (the '
                "profile's address is made of it; --slug gives another)"
            )
            raise ArgumentError([Problem("init --name", 0, message)])
        chosen = author_slug(own, slug)
    except ContentError as exc:
        problems += exc.problems
    wrong = language_problem(language, "--language", "the pages'") if language else None
    if wrong:
        problems.append(Problem("init --language", 0, wrong))
    if problems:  # every one is about what the command line gave
        raise ArgumentError(problems)
    date = today()
    values = {
        "__NAME_YAML__": json.dumps(own, ensure_ascii=False),  # JSON strings are YAML
        "__NAME_PLAIN_YAML__": json.dumps(own, ensure_ascii=False),
        "__NAME_PLAIN__": own,
        # a slug YAML reads as something else (`yes`, `no`, `null`, `2001`) in quotes: site.yaml
        # said `main_author: yes` and the new site did not build ("must be text")
        "__SLUG_YAML__": chosen if yamlio.safe_load(chosen) == chosen else json.dumps(chosen),
        "__SLUG__": chosen,
        "__DATE__": date.isoformat(),
        "__YEAR__": str(date.year),
        "__REQUIREMENT__": requirement(),
    }
    files: dict[Path, str] = {}
    for rel, text in _walk(_templates()):
        for token, value in values.items():
            text = text.replace(token, value)
            rel = rel.replace(token, value)
        path = target / rel
        if rel == "site.yaml" and language:
            text = text.replace("\nlanguage: en\n", f"\nlanguage: {language}\n", 1)
        if path.name == "README.md" and path.exists():
            continue  # the repository's own README
        if path.name == ".gitignore" and path.exists():
            try:
                own = path.read_text(encoding="utf-8")
            except (OSError, UnicodeError):
                continue  # not text we can add to without spoiling it: left as it is
            missing = [line for line in text.splitlines() if line not in own.splitlines()]
            if not missing:
                continue
            text = own + ("" if own.endswith("\n") or not own else "\n") + "\n".join(missing) + "\n"
        files[path] = text
    write_files(files)
    return sorted(files)


def _no_title(kind: str) -> Problem:
    """`authorsite new paper ""` (a variable not set): the title to give, and how."""
    example = f'authorsite new {kind} "My New {kind.title()}"'
    return Problem(f"new {kind}", 0, f"the title is empty; give it in quotes: {example}")


def _one_line(where: str, what: str, text: str) -> str:
    """``text`` pasted into a command as one line of a record: its control characters and
    runs of blanks one space; a direction override left open is refused (the build would
    refuse the record it went into), and so are bytes that are no UTF-8."""
    # A terminal or a script in another encoding (`--name $'M\xfcller'`, Latin-1): Python
    # hands its bytes over as lone surrogates, which no record can hold (writing one was a
    # traceback, and `new paper` wrote `\uDCFC`, which the build refused).
    undecodable = re.search("[\udc80-\udcff]", text)
    if undecodable:
        byte = ord(undecodable.group()) - 0xDC00
        message = (
            f"the {what} is not UTF-8 text (it holds the byte 0x{byte:02X}, of another "
            f"encoding such as Latin-1); write it in UTF-8, as a terminal set to UTF-8 "
            f"(LANG=C.UTF-8) passes it"
        )
        raise ArgumentError([Problem(where, 0, message)])
    text = " ".join(CONTROL.sub(" ", text).split())
    problem = unbalanced_bidi(text)
    if problem is not None:
        raise ArgumentError([Problem(where, 0, f"the {what} {problem}")])
    return text


def _author_names(site: Path) -> dict[str, str]:
    """Author slugs → names, from ``content/authors/*.yaml``."""
    names = {}
    for path in sorted((site / AUTHORS_DIR).glob("*.y*ml")):
        if not path.is_file():  # a pipe would be waited on for ever (the build names it)
            continue
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError, TypeError, OSError):
            continue
        if isinstance(data, dict) and data.get("name"):
            names[str(data.get("slug") or path.stem)] = str(data["name"])
    return names


def main_author(site: Path) -> str | None:
    return _site_setting(site, "main_author")


def _site_setting(site: Path, key: str) -> str | None:
    """The value of ``key`` in the site's site.yaml, as text; None where it has none."""
    if not (site / "site.yaml").is_file():  # none, or a pipe (waited on for ever)
        return None
    try:
        data = yamlio.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError, TypeError, OSError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if value else None


def _title_key(title: str) -> str:
    """A title's words, case and accents folded: "Same  title!" is "Same Title"."""
    return " ".join(re.findall(r"\w+", fold_letters(title)))


def _same_title(path: Path, title: str) -> str | None:
    """The date of the record at ``path`` if it has this title (or cannot be read: keep
    it, and say so by its name), else None."""
    try:
        data = read_record(path, path.name).data
    except (RecordError, OSError):
        return "?"
    existing = data.get("title")
    if isinstance(existing, str) and _title_key(existing) != _title_key(title):
        return None
    return str(data.get("date") or "?")


# The texts `authorsite new` writes, to replace, in each language the theme speaks (a
# catalogue of generator/catalogue.py; English for another): a paper's abstract, a page's
# heading and its text. They are published until replaced, and a German site's new page
# said "A heading" in English. `check` names a record still holding one.
NEW_TEXTS: dict[str, tuple[str, str, str]] = {
    "en": ("The abstract, in Markdown: replace it.", "A heading",
           "The page's text, in Markdown: replace it."),
    "de": ("Die Zusammenfassung, in Markdown: ersetzen Sie sie.", "Eine Überschrift",
           "Der Text der Seite, in Markdown: ersetzen Sie ihn."),
    "fr": ("Le résumé, en Markdown\u00a0: remplacez-le.", "Un intertitre",
           "Le texte de la page, en Markdown\u00a0: remplacez-le."),
    "es": ("El resumen, en Markdown: reemplácelo.", "Un encabezado",
           "El texto de la página, en Markdown: reemplácelo."),
    "pt": ("O resumo, em Markdown: substitua-o.", "Um título",
           "O texto da página, em Markdown: substitua-o."),
    "it": ("Il riassunto, in Markdown: sostituiscilo.", "Un titolo",
           "Il testo della pagina, in Markdown: sostituiscilo."),
    "zh": ("摘要，用 Markdown 书写：请替换这段文字。", "一个标题",
           "页面正文，用 Markdown 书写：请替换这段文字。"),
    "zh-hant": ("摘要，以 Markdown 撰寫：請替換這段文字。", "一個標題",
                "頁面內文，以 Markdown 撰寫：請替換這段文字。"),
    "ja": ("要旨（Markdown で記述）：この文を書き換えてください。", "見出し",
           "ページの本文（Markdown で記述）：この文を書き換えてください。"),
    "ko": ("초록(Markdown으로 작성): 이 문장을 바꿔 주세요.", "제목",
           "페이지 본문(Markdown으로 작성): 이 문장을 바꿔 주세요."),
    "ru": ("Аннотация в формате Markdown: замените её.", "Заголовок",
           "Текст страницы в формате Markdown: замените его."),
}  # fmt: skip


def _new_texts(site: Path, setting: str = "language") -> tuple[str, str, str]:
    """The texts `authorsite new` writes on ``site``, in the language of its ``setting``
    (`paper_language` for a paper's abstract, else the pages' `language`) where the theme
    speaks it, else in English."""
    language = _site_setting(site, setting) or _site_setting(site, "language")
    return NEW_TEXTS.get(catalogue_code(language or "en") or "en", NEW_TEXTS["en"])


def new_paper(site: Path, title: str, author: str | None = None) -> tuple[Path, list[str]]:
    """Create ``content/papers/<slug>.md`` for ``title``; never overwrites a record.

    A record of this title dated another year (an imported "Editorial" of 2020) is
    another paper: the new one is made beside it, with a note (returned) naming it.
    """
    # A title pasted from a PDF: its control characters would make a record that does not build.
    title = _one_line("new paper", "title", title)
    if blank(title):
        raise ArgumentError([_no_title("paper")])
    names = _author_names(site)
    slug_of_author = author or main_author(site) or (next(iter(names)) if len(names) == 1 else None)
    if slug_of_author is None:
        known = ", ".join(sorted(names)) or "none yet"
        message = f"which author? pass --author SLUG (authors: {known})"
        raise ArgumentError([Problem(str(site / AUTHORS_DIR), 0, message)])
    if slug_of_author not in names:
        known = ", ".join(sorted(names)) or "none"
        key = name_key(slug_of_author)
        spelled = [slug for slug, name in names.items() if name_key(name) == key]
        # `--author "Ada Lovelace"`: the person's name where the record's slug belongs
        hint = f"; it is a slug: write `--author {spelled[0]}`" if len(spelled) == 1 else ""
        message = f"no author '{slug_of_author}' (known: {known}){hint}"
        raise ArgumentError([Problem(str(site / AUTHORS_DIR), 0, message)])
    slug = slugify(title)
    year = str(today().year)
    if says_nothing(slug, title):  # `深度学习的研究`: `li-2026`, as an import names it, not `paper`
        name = names[slug_of_author]
        slug = family_slug(name, int(year)) or slugify(f"{slug_of_author} {year}")
    path = site / PAPERS_DIR / f"{slug}.md"
    number = 1
    notes = []
    while path.exists() or path.with_suffix(".yaml").exists():
        existing = path if path.exists() else path.with_suffix(".yaml")
        dated = _same_title(existing, title)
        if dated == "?" or (dated is not None and dated[:4] == year):
            said = "" if dated == "?" else f", with this title and dated {dated}"
            message = (
                f"already exists{said}: edit that record (authorsite new never overwrites one)"
            )
            raise ContentError([Problem(str(existing), 0, message)])
        if dated is not None:  # the same title on a paper of another year: another paper
            notes.append(f"note: {existing} has this title too, dated {dated}: another paper")
        # Another paper whose title makes the same slug: titles in Chinese letters by
        # one author in one year all make `li-2026`, and a researcher may well have several.
        number += 1
        path = site / PAPERS_DIR / f"{slug}-{number}.md"
    text = (
        "---\n"
        + dump_field("title", title)
        + dump_field("authors", [names[slug_of_author]])
        + dump_field("date", today().isoformat())
        + "# venue: NeurIPS 2025\n"
        + "# volume: 12\n# issue: 3\n# pages: 45–67\n"  # a journal's
        + "# links:\n#   pdf: https://...\n#   code: https://github.com/...\n"
        + "# tags: [topic]\n"
        + f"---\n\n{_new_texts(site, 'paper_language')[0]}\n"
    )
    write_files({path: text})
    return path, notes


def new_page(site: Path, title: str, *, nav: bool = True) -> tuple[Path, list[str]]:
    """Create ``content/pages/<slug>.md`` for ``title`` (linked from the header unless not
    ``nav``); never overwrites a page. A title whose slug is one of the build's folders
    (`Papers`) gets `-page` after it; another title of the same slug, a number (`page-2`).
    A title that makes no slug of its own (`研究室`) gets a note (returned) on `slug:`."""
    title = _one_line("new page", "title", title)
    if blank(title):
        raise ArgumentError([_no_title("page")])
    slug = slugify(title, what="page")
    if slug in BUILT_FOLDERS:
        slug += "-page"
    path, number = site / PAGES_DIR / f"{slug}.md", 1
    while path.exists():
        if _same_title(path, title) is not None:  # this title, or a file not read
            message = "already exists: edit that page (authorsite new never overwrites one)"
            raise ContentError([Problem(str(path), 0, message)])
        # Another page whose title makes the same slug: every title in Arabic or Chinese
        # letters makes `page`
        number += 1
        path = site / PAGES_DIR / f"{slug}-{number}.md"
    text = (
        "---\n"
        + dump_field("title", title)
        + ("nav: true\n" if nav else "# nav: true\n")
        + "# description: a sentence for search engines and link previews\n"
        + "---\n\n## {1}\n\n{2}\n".format(*_new_texts(site))
    )
    write_files({path: text})
    notes = []
    if says_nothing(slug, title, what="page"):
        notes.append(
            f"note: the title has no Latin letter or digit to spell an address with, so the "
            f"page is at {path.stem}/; to give it one of your own, write `slug: lab` (lowercase "
            f"letters, digits and hyphens) in {path}"
        )
    return path, notes
