"""Precision as a reader judges it: 60 triples drawn from news-dev with a fixed seed.

``python -m bench.precision sample`` runs ``kg extract`` over ``../shared/data/news-dev`` and
writes ``bench/precision/sample.jsonl``: 60 triples drawn with seed 2026, each with its
sentence, as a reader sees them (the file quotes the articles, so it is not committed; the same
extraction draws the same sample). A careful reader then judges each one and writes
``bench/precision/judgements.jsonl``, one ``{"key", "correct", "error", "note"}`` a line, keyed by
article, sentence, IRIs and the triple's marks (hedged, negated), without article text: ``correct``
when the sentence states the fact with the right referents and direction and it is not hedged
unless marked; otherwise ``error`` names the kind (wrong referent, wrong relation, wrong
direction, not stated, unmarked hedge, truncated argument). ``python -m bench.precision``
prints the share judged correct and the errors by kind. The sample holds no article text
beyond the sentences a judgement needs; the articles themselves stay in ``../shared``.
``python -m bench.precision`` draws the sample again when it is missing, and says so when the
judgements no longer cover it (the extraction changed since they were made).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from bench.paths import SHARED_DATA

__all__ = ["draw", "identity", "key", "main", "score"]

FOLDER = Path(__file__).parent / "precision"
SAMPLE, JUDGEMENTS = FOLDER / "sample.jsonl", FOLDER / "judgements.jsonl"
SEED, SIZE = 2026, 60


def identity(record: dict) -> str:
    """A triple's identity, free of article text: article, sentence, the IRIs of subject,
    property and object (a claim's or quantity's IRI is a digest of its words)."""
    parts = (record["doc"], record["sentence_id"], record["subject"]["id"], record["predicate"]["id"])
    return "|".join(map(str, (*parts, record["object"]["id"])))


def key(record: dict) -> str:
    """What a judgement is of: the triple's identity and its marks ("hedged", "negated" or
    "plain"), so a triple whose marks change is judged again."""
    marks = "".join(mark for mark in ("negated", "hedged") if record.get(mark)) or "plain"
    return f"{identity(record)}|{marks}"


def draw(records: list[dict], *, seed: int = SEED, size: int = SIZE) -> list[dict]:
    """``size`` records drawn without replacement, reduced to what a reader judges.

    Each record's rank is a seeded digest of its key, so the draw is uniform and a change to the
    extraction swaps only the triples it adds or removes: the other judgements still apply."""
    chosen = sorted(records, key=lambda r: hashlib.sha256(f"{seed}|{identity(r)}".encode()).hexdigest())[:size]
    return [
        {
            "key": key(r),
            "sentence": r["sentence"],
            "subject": r["subject"]["label"],
            "subject_text": r["subject"]["text"],
            "relation": r["predicate"]["label"],
            "relation_text": r["predicate"]["text"],
            "object": r["object"]["label"],
            "object_text": r["object"]["text"],
            "negated": r["negated"],
            "hedged": r["hedged"],
            "modality": r.get("modality"),
        }
        for r in chosen
    ]


def score(judgements: list[dict]) -> dict[str, object]:
    """The share judged correct and the count of each kind of error."""
    correct = sum(1 for j in judgements if j["correct"])
    errors = Counter(j["error"] for j in judgements if not j["correct"])
    return {"judged": len(judgements), "correct": correct, "precision": correct / len(judgements), "errors": errors}


def _extract() -> list[dict]:
    import kg
    from kg.api import triple_record

    texts = sorted((SHARED_DATA / "news-dev").glob("*.txt"))
    return [triple_record(t) for t in kg.extract(texts)]


def main(argv: list[str]) -> int:
    if argv[:1] == ["sample"]:
        FOLDER.mkdir(exist_ok=True)
        rows = draw(_extract())
        SAMPLE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} triples to {SAMPLE}")
        return 0
    judgements = [json.loads(line) for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not SAMPLE.exists():
        main(["sample"])
    sample = {json.loads(line)["key"] for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()}
    missing = sample - {j["key"] for j in judgements}
    if missing:
        print(f"bench.precision: {len(missing)} sampled triples lack a judgement", file=sys.stderr)
        return 1
    # Judgements of triples a later extraction no longer draws stay in the file (they may come
    # back); the figure is the current sample's.
    result = score([j for j in judgements if j["key"] in sample])
    print(f"precision {result['precision']:.2f} ({result['correct']} of {result['judged']} judged correct)")
    for kind, count in result["errors"].most_common():
        print(f"  {count:2d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
