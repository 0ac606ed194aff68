"""The analysis ranks named actors by default; concepts and claims only when asked for."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

TEXT = (
    " date 2025-03-04 Floods\n"
    "Norway criticised Sweden over the new dam.\n"
    "Ola Ekman said the dam had flooded three villages.\n"
    "Sweden praised Denmark.\n"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    import kg

    folder = tmp_path_factory.mktemp("concepts")
    (folder / "floods.txt").write_text(TEXT, encoding="utf-8")
    return kg.build([folder / "floods.txt"])


def test_analysis_concepts_are_typed_and_left_out_by_default(graph):
    from kg.analysis import Filters, project

    named = project(graph)
    everything = project(graph, filters=Filters(concepts=True))
    assert {"Norway", "Sweden", "Denmark"} <= {d["label"] for _, d in named.nodes(data=True)}
    assert not any(d["type"] in ("Concept", "Claim") for _, d in named.nodes(data=True))
    extra = {d["type"] for n, d in everything.nodes(data=True) if n not in named}
    assert "Claim" in extra


def test_analysis_concepts_option_on_the_command_line(graph, tmp_path, capsys):
    from kg.cli import main

    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    assert main(["centrality", str(path), "--format", "csv"]) == 0
    named = capsys.readouterr().out
    assert main(["centrality", str(path), "--format", "csv", "--concepts"]) == 0
    everything = capsys.readouterr().out
    assert "Claim" not in named and "Claim" in everything
