"""CaRB dev: kg's open-IE mode and textacy's subject-verb-object triples, scored alike.

Run: ``python -m bench.openie`` (or ``make bench`` for every benchmark).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench import carb
from bench.paths import CARB

__all__ = ["kg_predictions", "textacy_predictions", "run"]


def _sentences(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kg_predictions(sentences: list[str], nlp) -> Iterator[tuple[str, carb.Prediction]]:
    """kg's open-IE tuples for each sentence, in CaRB's prediction shape."""
    from kg.extraction.openie import open_tuples

    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=256)):
        for found in open_tuples(doc[:]):
            yield sentence, carb.Prediction(found.confidence, found.relation, tuple(a.text for a in found.arguments))


def textacy_predictions(sentences: list[str], nlp) -> Iterator[tuple[str, carb.Prediction]]:
    """textacy's SVO triples; they carry no confidence, so every one scores 1.0 (the AUC means little)."""
    from textacy.extract import subject_verb_object_triples

    def text(tokens) -> str:
        return " ".join(t.text for t in tokens)

    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=256)):
        for triple in subject_verb_object_triples(doc):
            yield sentence, carb.Prediction(1.0, text(triple.verb), (text(triple.subject), text(triple.object)))


def run(nlp, *, system: str) -> dict[str, float]:
    """Score one system (``kg`` or ``textacy``) on CaRB dev; returns P, R, F1, AUC and tuples per sentence."""
    sentences = _sentences(CARB / "dev.txt")
    produce = kg_predictions if system == "kg" else textacy_predictions
    predictions: dict[str, list[carb.Prediction]] = {}
    for sentence, prediction in produce(sentences, nlp):
        predictions.setdefault(carb.normalise_sentence(sentence), []).append(prediction)
    result = carb.score(carb.read_gold(CARB / "dev.tsv"), predictions)
    count = sum(len(p) for p in predictions.values())
    return {
        "precision": result.precision,
        "recall": result.recall,
        "f1": result.f1,
        "auc": result.auc,
        "per_sentence": count / len(sentences),
    }


if __name__ == "__main__":
    from kg.nlp import load_pipeline

    print(run(load_pipeline(), system="kg"))
