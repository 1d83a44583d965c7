"""Page fingerprints: equal contexts give equal fingerprints, any change gives another."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Paper, PartialDate, SiteConfig
from generator.plan import Fingerprinter
from generator.routes import Owner


def _paper(**changes: object) -> Paper:
    fields = {
        "slug": "p",
        "source": "content/papers/p.md",
        "title": "A title",
        "authors": ("Ada Lovelace", "Alan Turing"),
        "date": PartialDate(2024, 5),
        "citations": 3,
    }
    fields.update(changes)
    return Paper(**fields)  # type: ignore[arg-type]


def _context(paper: Paper, config: SiteConfig, *extra: object) -> dict[str, object]:
    return {"site": config, "paper": paper, "profiles": extra, "root": "../../", "novelty": 0.5}


def test_equal_contexts_give_equal_fingerprints_whatever_was_seen_before() -> None:
    config = SiteConfig(title="Lab")
    fresh = Fingerprinter().of("t", _context(_paper(), config))
    used = Fingerprinter()
    used.of("t", _context(_paper(citations=9), config))  # the config is known by now
    assert used.of("t", _context(_paper(), SiteConfig(title="Lab"))) == fresh
    # a record given by its source's hash (as builds do) stands for itself
    paper = _paper()
    assert Fingerprinter({id(paper): "k"}).of("t", _context(paper, config)) != fresh


@pytest.mark.parametrize(
    "change",
    [
        {"citations": 4},
        {"title": "Another title"},
        {"date": PartialDate(2024, 6)},
        {"authors": ("Ada Lovelace",)},
    ],
)
def test_any_change_to_a_record_changes_the_fingerprint(change: dict[str, object]) -> None:
    config = SiteConfig()
    before = Fingerprinter().of("t", _context(_paper(), config))
    assert Fingerprinter().of("t", _context(_paper(**change), config)) != before


def test_tuples_of_records_and_mixed_tuples_are_told_apart() -> None:
    config = SiteConfig()
    one, two = _paper(), _paper(slug="q")
    owners = (Owner(one), Owner(two))  # any dataclass instances
    fp = Fingerprinter()
    both = fp.of("t", _context(one, config, *owners))
    assert fp.of("t", _context(one, config, *owners[::-1])) != both  # order counts
    assert fp.of("t", _context(one, config, owners[0])) != both
    mixed = fp.of("t", _context(one, config, owners[0], "text"))
    assert mixed != fp.of("t", _context(one, config, owners[0], "other text"))
    # a key never passes for the plain string it is made of
    key = fp.key_of(owners[0])
    assert fp.of("t", {"x": owners[0]}) != fp.of("t", {"x": key})


def test_a_value_that_cannot_be_serialised_is_refused_and_the_next_page_is_fine() -> None:
    fp = Fingerprinter()
    with pytest.raises(TypeError):
        fp.of("t", {"items": (n for n in range(3))})
    assert fp.of("t", {"tags": ("a", "b")}) == Fingerprinter().of("t", {"tags": ("a", "b")})


def test_a_changed_field_of_a_nested_model_object_changes_the_fingerprint() -> None:
    config = SiteConfig()
    paper = _paper()
    later = dataclasses.replace(paper, citations=10)
    fp = Fingerprinter()
    assert fp.of("t", {"site": config, "p": [Owner(paper)]}) != fp.of(
        "t", {"site": config, "p": [Owner(later)]}
    )
