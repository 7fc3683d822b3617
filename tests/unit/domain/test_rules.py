"""Invariant 1: every child is linked to every adult of its unit, or marked as arrived without one."""

from __future__ import annotations

from app.domain.rules import Member, family_problems, members_from_rows


def adult(key: str) -> Member:
    return Member(key, repr(key), "adult")


def child(key: str, alone: bool = False) -> Member:
    return Member(key, repr(key), "child", alone)


def test_a_child_linked_to_every_adult_is_fine() -> None:
    assert family_problems([adult("m"), adult("p"), child("c")], [("m", "c"), ("p", "c")]) == []


def test_links_count_in_either_direction() -> None:
    assert family_problems([adult("m"), adult("p"), child("c")], [("c", "m"), ("p", "c")]) == []


def test_a_unit_of_adults_only_or_nobody_has_no_problem() -> None:
    assert family_problems([adult("m"), adult("p")], []) == []
    assert family_problems([], []) == []


def test_a_child_alone_needs_the_mark() -> None:
    assert family_problems([child("c", alone=True)], []) == []
    [problem] = family_problems([child("c")], [])
    assert problem.where == "child 'c'"
    assert "has no adult" in problem.message and "arrived_without_adult" in problem.message


def test_a_child_with_adults_must_not_carry_the_mark_even_when_linked() -> None:
    [problem] = family_problems([adult("m"), child("c", alone=True)], [("m", "c")])
    assert problem.where == "child 'c'"
    assert 'marked "arrived_without_adult"' in problem.message and "'m'" in problem.message


def test_every_missing_adult_is_named() -> None:
    [problem] = family_problems([adult("m"), adult("p"), adult("g"), child("c")], [("m", "c")])
    assert "'p', 'g'" in problem.message
    assert "'m'" not in problem.message


def test_each_child_is_checked_on_its_own() -> None:
    found = family_problems([adult("m"), child("c1"), child("c2"), child("c3")], [("m", "c2")])
    assert [p.where for p in found] == ["child 'c1'", "child 'c3'"]


def test_a_link_between_two_children_does_not_count_as_a_link_to_an_adult() -> None:
    found = family_problems([adult("m"), child("c1"), child("c2")], [("m", "c1"), ("c1", "c2")])
    assert [p.where for p in found] == ["child 'c2'"]


def test_a_link_to_a_person_of_another_unit_does_not_replace_the_one_inside() -> None:
    [problem] = family_problems([adult("m"), child("c")], [("grandmother-elsewhere", "c")])
    assert problem.where == "child 'c'"
    assert "no link to adult(s) 'm'" in problem.message


def test_members_from_rows_reads_role_and_mark() -> None:
    rows = [{"id": "m", "role": "adult", "arrived_without_adult": False},
            {"id": "c", "role": "child", "arrived_without_adult": None},
            {"id": "k", "role": "child", "arrived_without_adult": True}]
    assert members_from_rows(rows) == [Member("m", "m", "adult", False), Member("c", "c", "child", False),
                                       Member("k", "k", "child", True)]
    assert [p.where for p in family_problems(members_from_rows(rows), [("m", "c")])] == ["child k"]
