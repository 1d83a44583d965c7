"""Fill the site's author record from an imported profile: empty fields only.

The record is the author whose ``name`` or ``aliases`` match the imported name, else
the ``main_author`` of ``site.yaml``, else a new ``content/authors/<slug>.yaml``. A field
that holds a value (other than the placeholder ``authorsite init`` wrote) is kept and
said to be kept; a photo is copied into ``static/``. Written with the importers' writer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.discover import discover
from generator.errors import ContentError, Problem, Problems
from generator.ingest.hugo import key_line
from generator.ingest.profiles import ImportedProfile
from generator.ingest.records import (
    RecordError,
    RecordFile,
    as_built,
    dump_field,
    read_only,
    read_record,
    update_record,
    wrap_markdown,
)
from generator.ingest.scaffold import AUTHORS_DIR, DEFAULT_NAME, author_template, main_author
from generator.ingest.work import slugify
from generator.names import matches, name_key
from generator.parse import Text, parse_author
from generator.schema import AUTHOR_FIELDS
from generator.validate import composed

AUTHOR_ORDER = tuple(spec.name for spec in AUTHOR_FIELDS)
FILLED = ("name", "field", "affiliation", "position", "group", "email", "photo", "bio")
# What `authorsite init` writes for a field the person has not written yet.
PLACEHOLDERS = {
    "name": DEFAULT_NAME,
    "bio": "A sentence or two about your research. Markdown works here.",
}
STATIC = Path("static")


@dataclass
class Fill:
    """What an import does to one author record (and the photo it copies)."""

    rel: str
    path: Path
    status: str  # new, updated, unchanged, read-only
    text: str | None
    filled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a value of the record's own
    left_out: list[str] = field(default_factory=list)  # an imported value not written
    photo: tuple[Path, bytes] | None = None  # where in static/, and the picture
    read_as: tuple[int, int, int] | None = None
    placeholder_name: bool = False  # init's "Your Name" replaced: site.yaml still has it
    slug_note: str = ""  # a new record's file name not made of the name, and why


def _empty(key: str, value: Any) -> bool:
    """Nothing written, or only what init wrote."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    return isinstance(value, str) and value.strip() == PLACEHOLDERS.get(key)


def _show(value: Any) -> str:
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _authors(site: Path) -> list[RecordFile]:
    """Every author record the build reads; an unreadable one is the build's problem."""
    problems = Problems()
    found = discover(site, Problems()).authors  # a papers folder's problems are not ours
    records = []
    for path, rel in found:
        try:
            records.append(read_record(Path(path), rel, author=True))
        except RecordError as exc:
            problems.extend([exc.problem])
    problems.raise_if_any()
    return records


def _slug(record: RecordFile) -> str:
    return str(record.data.get("slug") or record.path.stem)


def _target(
    site: Path, profile: ImportedProfile, records: list[RecordFile], member: bool = False
) -> RecordFile | None:
    """The record to fill: by name or alias, else the main author; None: a new one.

    A lab ``member``'s is found by any of the names the old site gives (a hand-made
    record's `Sho Ito` is the page's `伊藤 翔`), never the main author's."""
    wanted = [profile.name, *profile.aliases] if member else [profile.name]
    for name in filter(None, wanted):
        for record in records:
            names = [str(record.data.get("name") or "")]
            aliases = record.data.get("aliases")
            names += (
                [str(a) for a in aliases] if isinstance(aliases, list) else [str(aliases or "")]
            )
            if matches(name, names):
                return record
    if member:
        return None
    main = main_author(site)
    return next((r for r in records if _slug(r) == main), None) if main else None


def plan(
    site: Path, profile: ImportedProfile, member: bool = False, others: Sequence[Fill] = ()
) -> Fill | None:
    """The fill of the site's author record from ``profile`` (None: nothing to bring);
    ``member``: a lab member's (see :func:`_target`); ``others``: the fills the same import
    makes before this one, whose new records' names and photos are taken."""
    if profile.empty():
        return None
    records = _authors(site)
    record = _target(site, profile, records, member)
    if record is not None and any(f.path == record.path for f in others):
        return None  # (the owner's record: its page is the owner's)
    values = _values(profile)
    if member and record is not None:
        _as_alias(values, profile, str(record.data.get("name") or ""))
    taken = {f.photo[0] for f in others if f.photo is not None}
    photo = _photo(site, profile, taken) if profile.photo is not None else None
    if photo is not None:
        values["photo"] = (STATIC / photo[0].name).as_posix()
    left_out = _unbuildable(values, new=record is None)
    if record is None:
        fill = _new(site, profile, values, records, photo, others)
        fill.left_out += left_out
        return fill
    fill = Fill(record.rel, record.path, "unchanged", None, read_as=record.signature)
    fill.left_out += left_out
    changes: dict[str, Any] = {}
    for key in (*FILLED, "order", "links", "aliases"):
        if key not in values:
            continue
        old, new = record.data.get(key), values[key]
        origin = profile.origins.get(key, "")
        if key == "links":
            _links(fill, changes, old, new, profile)
        elif key == "aliases":
            _aliases(fill, changes, old, new, origin)
        elif _empty(key, old):
            changes[key] = new
            fill.filled.append(f"{key}: {_show(new)}  (from {origin})")
        elif " ".join(str(old).split()).casefold() != " ".join(str(new).split()).casefold():
            hint = "; if it is yours too, add it to aliases" if key == "name" else ""
            fill.kept.append(f"{key}: the record's {_show(old)}; the import has {_show(new)}{hint}")
    fill.placeholder_name = "name" in changes and record.data.get("name") == DEFAULT_NAME
    if "photo" not in changes:
        photo = None  # kept: the picture is not copied
    fill.photo = photo
    if not changes:
        return fill
    if read_only(record.path):
        fill.status = "read-only"
        fill.left_out.append("every field: the file is read-only; make it writable (chmod u+w)")
        return fill
    text = update_record(record, changes, order=AUTHOR_ORDER)
    fill.status, fill.text = "updated", _without_examples(text, set(changes))
    _validate(fill, profile)
    return fill


def _as_alias(values: dict[str, Any], profile: ImportedProfile, own: str) -> None:
    """A member's record found by another spelling (a hand-made `Sho Ito` for the page's
    `伊藤 翔`) keeps its name and takes the page's as an alias: the papers that list him
    in kanji were on no profile, and the name was said to be a conflict."""
    if not own or name_key(own) == name_key(profile.name):
        return
    spellings = [profile.name, *values.get("aliases", [])]
    values["aliases"] = [a for a in dict.fromkeys(spellings) if name_key(a) != name_key(own)]
    values.pop("name", None)


def _unbuildable(values: dict[str, Any], new: bool) -> list[str]:
    """Take out of ``values`` each value the build would refuse (checked alone, as the
    build checks it), so that one odd value leaves the rest to come across; say why. A
    ``new`` record's name stays: the record needs one, and the name's own problem is the
    one to tell (a right-to-left override in a member's name was told as "missing required
    field `name`")."""
    said = []
    for key in list(values):
        if key == "name" and new:
            continue
        entries = values[key] if key == "links" else {key: values[key]}
        for name, value in list(entries.items()):
            test = {"links": {name: value}} if key == "links" else {key: value}
            named = "" if key == "name" else dump_field("name", "N")  # a record needs one
            text = named + "".join(dump_field(k, v) for k, v in test.items())
            problems = Problems()
            parse_author(Text("record", text), problems)
            if problems.items:
                what = f"links.{name}" if key == "links" else key
                said.append(f"{what}: left out, {problems.items[0].message}")
                del entries[name]
                if key != "links":
                    del values[key]
        if key == "links" and not entries:
            del values[key]
    return said


def _without_examples(text: str, filled: set[str]) -> str:
    """The record without init's commented examples of the fields now filled
    (``# affiliation: Your University`` under the real ``affiliation:``)."""
    examples: set[str] = set()
    key = ""
    for line in author_template().splitlines():
        if line.startswith("# ") and ":" in line and not line.startswith("#  "):
            key = line[2:].split(":", 1)[0]
        elif not line.startswith("#   "):
            key = ""
        if key in filled:
            examples.add(line)
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines if line.rstrip("\r\n") not in examples)


def _values(profile: ImportedProfile) -> dict[str, Any]:
    """The profile's fields to fill, in NFC as the build reads the record (a decomposed
    `à` compared with the record an import wrote was a value `kept` at each import)."""
    values: dict[str, Any] = {}
    for key in FILLED:
        value = getattr(profile, key, None)
        if isinstance(value, str) and value:
            value = composed(value)
            values[key] = wrap_markdown(value) if key == "bio" else value
    if profile.order is not None:  # `weight: 2` stays 2, not 2.0
        whole = profile.order.is_integer()
        values["order"] = int(profile.order) if whole else profile.order
    if profile.links:
        values["links"] = {name: composed(url) for name, url in profile.links.items()}
    named = name_key(profile.name) if profile.name else None
    aliases = [composed(a) for a in profile.aliases if name_key(a) != named]
    if aliases:
        values["aliases"] = list(dict.fromkeys(aliases))
    return values


def _aliases(fill: Fill, changes: dict[str, Any], old: Any, new: list[str], origin: str) -> None:
    """The old site's spellings of the owner: the record's aliases where it has none
    (init's `[]`); else those it lacks are named, for the person to add if they are theirs
    (one they removed is not added again at every import)."""
    if _empty("aliases", old):
        changes["aliases"] = new
        fill.filled.append(f"aliases: {_show(', '.join(new))}  (from {origin})")
        return
    have = {name_key(str(a)) for a in (old if isinstance(old, list) else [old])}
    missing = [a for a in new if name_key(a) not in have]
    if missing:
        fill.kept.append(
            f"aliases: the record's; the import also names the owner {_show(', '.join(missing))}"
            f" (from {origin}); add those that are yours to aliases"
        )


def _links(
    fill: Fill, changes: dict[str, Any], old: Any, new: dict[str, str], profile: ImportedProfile
) -> None:
    """New link names are added; a name the record has keeps its address."""
    links = dict(old) if isinstance(old, dict) else {}
    if old not in (None, "", {}) and not isinstance(old, dict):
        fill.kept.append("links: the record's are not a mapping of names to addresses")
        return
    have = {str(url).strip().rstrip("/") for url in links.values()}
    for name, url in new.items():
        if name in links:
            if str(links[name]).strip().rstrip("/") != url.rstrip("/"):
                fill.kept.append(
                    f"links.{name}: the record's {_show(links[name])}; the import has {_show(url)}"
                )
        elif url.rstrip("/") not in have:
            links[name] = url
            fill.filled.append(
                f"links.{name}: {url}  (from {profile.origins.get('links.' + name)})"
            )
    if len(links) > (len(old) if isinstance(old, dict) else 0):
        changes["links"] = links


def _photo(
    site: Path, profile: ImportedProfile, taken: Collection[Path] = ()
) -> tuple[Path, bytes] | None:
    """Where the photo goes in ``static/`` (a free name, or the same picture's; none of
    those ``taken`` by the import's other records: each member's `avatar.jpg`), and its bytes.

    Named in NFC, as the build reads the record's `photo:`: a folder unpacked from a Mac
    may spell `rené.png` with a combining accent, and the record's path, read composed,
    then led to nothing.
    """
    assert profile.photo is not None
    data = profile.photo.read_bytes()
    base = site / STATIC / composed(profile.photo.name)
    target, number = base, 1
    while target.exists() or target.is_symlink() or target in taken:
        if (
            target not in taken
            and target.is_file()
            and not target.is_symlink()
            and target.read_bytes() == data
        ):
            break  # already copied by an earlier import
        number += 1
        target = base.with_name(f"{base.stem}-{number}{base.suffix}")
    return target, data


def _new(
    site: Path,
    profile: ImportedProfile,
    values: dict[str, Any],
    records: list[RecordFile],
    photo: tuple[Path, bytes] | None,
    others: Sequence[Fill] = (),
) -> Fill:
    """A new author record for the imported person (a site without a main author, a lab's
    member); ``others``: the fills of the same import, whose new records' names are taken."""
    if not profile.name:
        fill = Fill(AUTHORS_DIR.as_posix() + "/", site / AUTHORS_DIR, "left out", None)
        fill.left_out.append(
            "the whole profile: it gives no name, and site.yaml names no main_author whose "
            "record it could fill; add `main_author: <slug>` to site.yaml and import again"
        )
        return fill
    taken = {_slug(r).casefold() for r in records} | {r.path.stem.casefold() for r in records}
    taken |= {f.path.stem.casefold() for f in others}
    # a name without Latin letters (`王凯乐`) makes no slug: another spelling the source
    # gives does (its first), else the word `author` stands in
    spelling, where = profile.name, ""
    if not slugify(profile.name, what=""):
        latin = [(v, w) for v, w in profile.spellings if slugify(v, what="")]
        spelling, where = latin[0] if latin else (profile.name, "")
    slug = base = slugify(spelling, limit=40, what="author")
    number = 1
    while slug.casefold() in taken or (site / AUTHORS_DIR / f"{slug}.yml").exists():
        number += 1
        slug = f"{base}-{number}"
    own = profile.slug
    kept = bool(own) and own not in taken and not (site / AUTHORS_DIR / f"{own}.yml").exists()
    slug = own if kept else slug  # the old site's: no note on the name that made none
    path = site / AUTHORS_DIR / f"{slug}.yaml"
    text = "".join(dump_field(key, values[key]) for key in AUTHOR_ORDER if key in values)
    fill = Fill(path.relative_to(site).as_posix(), path, "new", text, photo=photo)
    fill.filled = [
        line
        for key in values
        for line in (
            [
                f"links.{n}: {u}  (from {profile.origins.get('links.' + n)})"
                for n, u in values[key].items()
            ]
            if key == "links"  # each from its own place (`links  (from )` said none)
            else [f"{key}  (from {profile.origins.get(key, '')})"]
        )
    ]
    if not kept and not slugify(profile.name, what=""):
        fill.slug_note = _slug_note(fill.rel, slug, profile.name, spelling, where)
    _validate(fill, profile)
    return fill


def _slug_note(rel: str, slug: str, name: str, spelling: str, where: str) -> str:
    """Why a new record's slug is not made of the name (``王凯乐`` has no Latin letters to
    make one of), and how to choose another: the import has no option for it."""
    made = (
        f"made of {spelling!r} ({where})"
        if where
        else "the word `author`, as the imported folder gives no Latin spelling of it"
    )
    return (
        f"{rel}: the author's slug (the file name and the address authors/{slug}/) is "
        f"`{slug}`, {made}: {name!r} has no Latin letters to make one of. To choose "
        f"another, such as wang-xiaoming (lower-case Latin letters, digits and dashes), "
        f"rename {rel} to {AUTHORS_DIR.as_posix()}/wang-xiaoming.yaml and write that name "
        "in site.yaml's main_author if you set one; importing again finds the record by "
        "its name"
    )


def _validate(fill: Fill, profile: ImportedProfile) -> None:
    """The record as written must build, or nothing is written."""
    assert fill.text is not None
    problems = Problems()
    parse_author(Text(fill.rel, as_built(fill.text)), problems)
    if problems.items:
        origin = next(iter(profile.origins.values()), str(profile.root)).split(" ")[0]
        raise ContentError(
            [
                Problem(
                    str(profile.root / origin),
                    0,
                    f"the author record {fill.rel} would not build: {p.message}",
                )
                for p in problems.items
            ]
        )


def member_left_out(profile: ImportedProfile, refused: ContentError) -> list[str]:
    """Notes on a lab member whose record would not build (a name with an unclosed
    right-to-left override), at the line of the old site's page that gave the value: the
    member is left out, the lab's others imported. It stopped the whole import, at line 0
    of the page."""
    origin = profile.origins.get("name") or next(iter(profile.origins.values()), "")
    file, _, key = origin.partition(" ")
    path = profile.root / file
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        text = ""
    line = key_line(text, key.split(" ")[0]) if key and text else 1
    return [
        f"{path}:{line}: {problem.message}; this member "
        "is not imported (the lab's others are): correct it on the old site and import "
        "again, or write the record by hand"
        for problem in refused.problems
    ]


def describe(
    fill: Fill, profile: ImportedProfile, site: Path, dry_run: bool, member: bool = False
) -> list[str]:
    """The fill as a person reads it: the record, each field filled and each kept (a lab
    ``member``'s with the member's file)."""
    source = profile.root
    if member:  # the member's own page: `content/authors/ito-sho/_index.md`
        source = source / profile.origins.get("name", "").split(" ", 1)[0]
    head = "member " if member else "profile"
    lines = [f"{head}   {fill.rel}  <- {profile.kind} {source} ({fill.status})"]
    lines += [f"  filled  {item}" for item in fill.filled]
    lines += [f"  kept    {item} (a value already written is never replaced)" for item in fill.kept]
    lines += [f"  not     {item}" for item in fill.left_out]
    lines += [f"  note    {note}" for note in profile.notes]
    if fill.slug_note:
        lines.append(f"  note    {fill.slug_note}")
    if fill.placeholder_name:
        lines.append(
            f"  note    site.yaml's title and description still say {DEFAULT_NAME!r} (and the "
            f"record keeps its file name {fill.path.name}): write your name there"
        )
    if fill.photo is not None:
        where = fill.photo[0].relative_to(site).as_posix()
        lines.append(f"  photo   {profile.rel(profile.photo or Path())} -> {where}")
    if dry_run:
        lines.append("dry run: the author record was not written")
    return lines


def files(fill: Fill | None) -> dict[Path, tuple[str | bytes, tuple[int, int, int] | None]]:
    """The files the fill writes, each with what it was when read (None: not there), to
    be written with the papers in one step: the record, and the photo copied."""
    if fill is None or fill.text is None:
        return {}
    written: dict[Path, tuple[str | bytes, tuple[int, int, int] | None]] = {
        fill.path: (fill.text, fill.read_as)
    }
    if fill.photo is not None and not fill.photo[0].exists():
        written[fill.photo[0]] = (fill.photo[1], None)
    return written
