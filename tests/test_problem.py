"""A located problem is a value: said twice it is listed once, in the order of its file,
line and message, and it reaches the build unchanged from the processes that parse."""

from __future__ import annotations

import pickle

import pytest

from generator.errors import ContentError, Problem


def test_problems_are_listed_once_each_by_file_line_and_message() -> None:
    error = ContentError(
        [
            Problem("content/papers/b.md", 2, "unknown field `citaions`"),
            Problem("content/papers/a.md", 10, "`date` is missing"),
            Problem("content/papers/a.md", 2, "`title` is missing"),
            Problem("content/papers/b.md", 2, "unknown field `citaions`"),  # said again
        ]
    )
    assert str(error).splitlines() == [
        "content/papers/a.md:2: `title` is missing",
        "content/papers/a.md:10: `date` is missing",
        "content/papers/b.md:2: unknown field `citaions`",
    ]


def test_a_problem_is_never_changed_and_survives_a_trip_between_processes() -> None:
    problem = Problem("content/papers/a.md", 3, "bad date")
    with pytest.raises(AttributeError):
        problem.line = 4
    assert pickle.loads(pickle.dumps(problem)) == problem  # as a worker sends it
    assert {problem, Problem("content/papers/a.md", 3, "bad date")} == {problem}
