"""Who the people of a Hugo Blox (Wowchemy, Academic) lab site are.

Each person has an author page (``content/authors/<slug>/_index.md`` or another page
``hugo.author_pages`` finds, or current Hugo
Blox's ``data/authors/<slug>.yaml``). The theme shows the lab's members with its People
block (``block: people`` among a landing page's ``sections``, as ``content/people/
index.md`` has it; older Academic's ``widget = "people"`` section page): the author pages
whose ``user_groups`` name one of the block's ``content.user_groups``. So a site with such
a block has those members (and its ``superuser``s); a site without one, every author page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.ingest import hugo
from generator.ingest.profiles import mapping_of, one_line, read_page, sample
from generator.names import name_key

Person = tuple[Path, dict[str, Any], str]  # the author file, its data and its text

# The sample member of Hugo Blox's Research Group starter, kept by hundreds of lab sites
_SAMPLE_FOLDER = "吳恩達"


def _groups(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value]
    return {text for text in (one_line(item) for item in items) if text}


def _blocks(front: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The People blocks of a page: its ``sections``' and, older, the page itself."""
    sections = front.get("sections")
    for section in sections if isinstance(sections, list) else []:
        entry = mapping_of(section)
        if one_line(entry.get("block") or entry.get("widget")) == "people":
            yield entry
    if one_line(front.get("widget")) == "people" and front.get("active") is not False:
        yield front


def shown_groups(root: Path) -> tuple[list[str], list[Path]] | None:
    """The user groups the site's People blocks show, in their order, and the pages that
    hold them; None: the site has no People block."""
    content = hugo.content_folder(root, [])
    groups: list[str] = []
    pages: list[Path] = []
    for page in sorted(content.rglob("*.md")):
        if "people" not in page.read_text("utf-8", errors="replace"):
            continue
        try:
            front, _ = read_page(page, root)
        except ContentError:
            continue  # a page that cannot be read is the pages' import's note
        for block in _blocks(front):
            listed = mapping_of(block.get("content")).get("user_groups", block.get("user_groups"))
            items = listed if isinstance(listed, list) else [listed]
            groups += [g for g in (one_line(i) for i in items) if g and g not in groups]
            pages.append(page)
    return (groups, pages) if pages else None


def name_of(person: Person) -> str:
    """The name an author file shows: its ``title`` (a page's), else ``name``."""
    path, data, _ = person
    title = one_line(data.get("title")) if path.suffix == ".md" else ""
    return title or one_line(hugo.display_name(data.get("name")))


def _sample(person: Person) -> bool:
    """Whether an author page is the starter's sample member (its folder and name, or its
    biography)."""
    path, data, body = person
    if path.parent.name == _SAMPLE_FOLDER and name_of(person) == _SAMPLE_FOLDER:
        return True
    return sample(one_line(data.get("bio"))) or sample(body)


Shown = tuple[list[str], list[Path]] | None  # what shown_groups finds


def _sorted(
    people: list[Person], owner: Path | None, owner_name: str, shown: Shown
) -> tuple[list[Person], list[str], list[str]]:
    """The members, the names of the others (not shown by the People block) and the
    samples' folders."""
    groups = set(shown[0]) if shown is not None else set()
    members: list[Person] = []
    others: list[str] = []
    samples: list[str] = []
    seen = {name_key(owner_name)} - {""}
    for person in people:
        path, data, _ = person
        key = name_key(name_of(person))
        if path == owner or not key or key in seen:
            continue  # the owner, a person without a name, or a second page of one person
        if _sample(person):
            samples.append(path.parent.name if path.suffix == ".md" else path.name)
            continue
        seen.add(key)
        shown_here = shown is None or bool(_groups(data.get("user_groups")) & groups)
        if shown_here or hugo.flag(data.get("superuser")):  # (a second superuser: a co-head)
            members.append(person)
        else:
            others.append(name_of(person))
    return members, others, samples


def members(
    root: Path, people: list[Person], owner: Path | None, owner_name: str, shown: Shown
) -> tuple[list[Person], list[str]]:
    """The lab's members other than the owner (whose file is ``owner``), and notes on the
    author pages that are none: the People block shows them not, or they are the
    starter's sample. ``shown``: :func:`shown_groups` of ``root``, read once."""
    chosen, others, samples = _sorted(people, owner, owner_name, shown)
    notes = []
    if others:
        pages = ", ".join(p.relative_to(root).as_posix() for p in shown[1]) if shown else ""
        listed = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        one = len(others) == 1
        notes.append(
            f"{root / 'content' / 'authors'}: {len(others)} author {'page' if one else 'pages'} "
            f"({listed}) {'is' if one else 'are'} not imported: the People block of {pages} "
            f"does not show {'it' if one else 'them'} (no group of "
            f"{'its' if one else 'their'} user_groups is one of the block's); to import "
            f"{'it' if one else 'one'}, add its group to the block's user_groups and import "
            "again, or write its author record by hand"
        )
    if samples:
        notes.append(
            f"{root / 'content' / 'authors'}: {', '.join(samples)}: the Hugo Blox template's "
            "sample person, not imported (delete its folder from the old site)"
        )
    return chosen, notes
