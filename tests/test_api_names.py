"""The Python API: every exported name is a function or class, even after every module is imported."""

from __future__ import annotations

import importlib
import pkgutil

import kg


def test_api_names_survive_importing_every_module():
    for module in pkgutil.walk_packages(kg.__path__, "kg."):
        if module.name != "kg.__main__":
            importlib.import_module(module.name)
    for name in kg.__all__:
        value = getattr(kg, name)
        assert type(value).__name__ != "module", name
    assert callable(kg.query) and callable(kg.report) and callable(kg.validate)


def test_names_differing_by_a_legal_suffix_are_one_entity(facts_of):
    _, triples = facts_of(
        "Advanced Micro Devices sued Intel Corp. in 2005. Intel Corporation denied it. Intel will pay AMD.",
        with_triples=True,
    )
    ids = {n.id for t in triples for n in (t.subject, t.object) if n.label.startswith("Intel")}
    assert len(ids) == 1


def test_names_a_team_of_a_city_is_one_name(facts_of):
    found = facts_of("The Denver Broncos beat the Carolina Panthers 24-10. The Broncos led from the start.")
    assert any(s == "Denver Broncos" for s, _, _ in found)
    assert not any(s == "Broncos" for s, _, _ in found)


def test_names_a_team_named_by_its_place_is_an_organisation(facts_of):
    _, triples = facts_of("The Carolina Panthers scored a late goal. The Panthers won.", with_triples=True)
    teams = {(n.id, n.type.rsplit("#", 1)[-1]) for t in triples for n in (t.subject, t.object) if "Panthers" in n.label}
    assert len(teams) == 1 and next(iter(teams))[1] == "Organization"


def test_names_a_bureau_with_or_without_its_head_and_country_is_one(facts_of):
    _, triples = facts_of(
        "The Treasury Department lent money to Citigroup. The U.S. Treasury said Citigroup would repay. "
        "The Treasury praised Citigroup.",
        with_triples=True,
    )
    ids = {n.id for t in triples for n in (t.subject, t.object) if "Treasury" in n.label}
    assert len(ids) == 1
