"""The ASCII shortcut of name folding gives exactly what the full Unicode folding gives."""

from __future__ import annotations

import random
import string

from generator import names


def _full_fold(text: str) -> str:
    return names._strip_marks(names._strip_marks(text).casefold())


def test_ascii_shortcut_equals_the_full_folding() -> None:
    rng = random.Random(7)
    samples = [string.printable, "O'Brien, Jr., J. R. R.", "ET AL.", "van der Berg"]
    samples += ["".join(rng.choices(string.printable, k=rng.randint(0, 30))) for _ in range(5000)]
    for text in samples:
        assert names._fold(text) == _full_fold(text)


def test_non_ascii_names_still_fold_and_match() -> None:
    assert names.name_key("Søren Müller") == names.name_key("soren muller")
    assert names.is_truncation("ET AL.")
