"""The precision sample: a uniform draw that a small change to the extraction barely moves."""

from __future__ import annotations

from bench.precision import draw


def _record(number: int) -> dict:
    side = {"id": f"https://example.org/kg/entity/e{number}", "label": f"E{number}", "text": f"E{number}"}
    return {
        "doc": f"d{number % 7}",
        "sentence_id": number,
        "subject": side,
        "predicate": {"id": "https://example.org/kg/relation/meet", "label": "meet", "text": "met"},
        "object": {**side, "id": side["id"] + "x"},
        "sentence": "A sentence.",
        "negated": False,
        "hedged": False,
    }


def test_precision_draw_is_stable_when_triples_are_added():
    records = [_record(n) for n in range(500)]
    before = {r["key"] for r in draw(records, size=60)}
    after = {r["key"] for r in draw([*records, _record(500), _record(501)], size=60)}
    assert len(before) == 60 and len(before - after) <= 2
    assert before == {r["key"] for r in draw(list(reversed(records)), size=60)}  # order does not matter


def test_precision_draw_depends_on_the_seed():
    records = [_record(n) for n in range(500)]
    assert {r["key"] for r in draw(records, seed=1)} != {r["key"] for r in draw(records, seed=2)}
