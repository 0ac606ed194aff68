"""Scorer for the CaRB open information extraction benchmark.

Re-implements the default ("binary lenient tuple match") scoring of the
official CaRB scorer (dair-iitd/CaRB, ``carb.py`` and ``matcher.py``) with the
standard library only:

1. Sentences are keyed by :func:`normalise_sentence`. Predictions for
   sentences without gold tuples are ignored.
2. Gold and predicted tuples are binarised to
   ``(arg1, " ".join(arg2..argN))``. Gold arguments containing ``"C: "``
   (context arguments) are dropped; ``T: `` and ``L: `` prefixes stay.
3. Each (gold, predicted) pair is scored by :func:`match`, which returns a
   token-level (precision, recall).
4. Every distinct predicted confidence is a threshold. At a threshold, each
   sentence contributes the predictions whose confidence is at least the
   threshold: the recall numerator takes, for each gold tuple, its best
   recall over them; the precision numerator greedily pairs gold and
   predicted tuples one-to-one by highest precision. Numerators and
   denominators are summed over sentences (micro-average).
5. :func:`score` reports precision, recall and F1 at the threshold with the
   best F1, and the area under the precision-recall curve.

Two details follow the reference implementation rather than a literal reading
of its description: a gold argument is dropped when ``"C: "`` occurs anywhere
in it (CaRB dev has one such argument that does not start with it), and the
said-type check of :func:`match` is a substring test on the gold relation.
One deliberate deviation: when several sentences share a key, CaRB keeps only
the last one's tuples while this module pools them (CaRB dev has no such
collision).

Usage::

    python bench/carb.py --gold GOLD.tsv --pred PRED.tsv
"""

from __future__ import annotations

import argparse
import itertools
import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = [
    "Prediction",
    "Score",
    "Tuple",
    "main",
    "match",
    "normalise_sentence",
    "read_gold",
    "read_predictions",
    "score",
]

_PTB_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
_CONTEXT_MARKER = "C: "
_BE_FORMS = frozenset({"be", "is", "am", "are", "was", "were", "been", "being"})
_SAID_VERBS = ("said", "told", "added", "adds", "says")
_Item = TypeVar("_Item")


@dataclass(frozen=True)
class Tuple:
    """A gold extraction.

    Attributes:
        relation: The relation phrase.
        args: The arguments in order (arg1, arg2, ...), context arguments
            already removed.
    """

    relation: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Prediction:
    """A predicted extraction.

    Attributes:
        confidence: The system's confidence; higher means more confident.
        relation: The relation phrase.
        args: The arguments in order (arg1, arg2, ...).
    """

    confidence: float
    relation: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    """Corpus-level CaRB figures, unrounded (CaRB reports 3 decimals).

    Attributes:
        precision: Precision at the best-F1 threshold.
        recall: Recall at the best-F1 threshold.
        f1: The best F1 over all thresholds.
        auc: Area under the precision-recall curve.
        threshold: The lowest confidence threshold reaching the best F1, or
            None when there are no predictions.
    """

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None


def normalise_sentence(text: str) -> str:
    """Return the key that identifies a sentence across gold and predictions.

    Spaces are removed, Penn Treebank bracket escapes (``-LRB-`` etc.) are
    turned back into brackets, then all ASCII punctuation is deleted. The
    function is idempotent.

    Args:
        text: The sentence as written in a data file.

    Returns:
        The normalised key.
    """
    key = text.replace(" ", "")
    for escape, bracket in _PTB_ESCAPES.items():
        key = key.replace(escape, bracket)
    return _PUNCTUATION.sub("", key)


def _read_rows(path: str | Path, min_fields: int) -> list[tuple[int, list[str]]]:
    """Split the non-blank lines of a tab-separated file into fields.

    Args:
        path: The file to read (UTF-8).
        min_fields: The fewest fields a line may have.

    Returns:
        (line number, fields) for each non-blank line.

    Raises:
        ValueError: If a line has fewer than ``min_fields`` fields.
    """
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            if len(fields) < min_fields:
                raise ValueError(
                    f"{path}:{number}: expected at least {min_fields} tab-separated fields, got {len(fields)}"
                )
            rows.append((number, fields))
    return rows


def read_gold(path: str | Path) -> dict[str, list[Tuple]]:
    """Read a CaRB gold file.

    Each line is ``sentence \\t relation \\t arg1 \\t arg2 [\\t argN ...]``.
    Arguments containing ``"C: "`` are dropped; fields are stripped.

    Args:
        path: The gold file.

    Returns:
        Gold tuples in file order, keyed by :func:`normalise_sentence`.

    Raises:
        ValueError: If a line has no relation field.
    """
    gold: dict[str, list[Tuple]] = {}
    for _, fields in _read_rows(path, min_fields=2):
        sentence, relation, *args = fields
        kept = tuple(arg.strip() for arg in args if _CONTEXT_MARKER not in arg)
        gold.setdefault(normalise_sentence(sentence), []).append(Tuple(relation.strip(), kept))
    return gold


def read_predictions(path: str | Path) -> dict[str, list[Prediction]]:
    """Read predictions in the OpenIE-5 tab format used by CaRB.

    Each line is ``sentence \\t confidence \\t relation \\t arg1 \\t arg2 ...``.

    Args:
        path: The prediction file.

    Returns:
        Predictions in file order, keyed by :func:`normalise_sentence`.

    Raises:
        ValueError: If a line has no relation field or its confidence is not
            a number.
    """
    predictions: dict[str, list[Prediction]] = {}
    for number, fields in _read_rows(path, min_fields=3):
        sentence, confidence, relation, *args = fields
        try:
            value = float(confidence)
        except ValueError:
            raise ValueError(f"{path}:{number}: confidence {confidence!r} is not a number") from None
        predictions.setdefault(normalise_sentence(sentence), []).append(Prediction(value, relation, tuple(args)))
    return predictions


def _binarise(args: tuple[str, ...]) -> tuple[str, ...]:
    """Join arguments 2..N into one, leaving shorter argument lists alone."""
    if len(args) < 2:
        return args
    return (args[0], " ".join(args[1:]))


def _overlap(gold: Counter[str], predicted: Counter[str]) -> int:
    """Count the tokens two bags share (multiset intersection size)."""
    return sum((gold & predicted).values())


def _lenient_match(
    gold_relation: str,
    gold_args: tuple[str, ...],
    relation: str,
    args: tuple[str, ...],
) -> tuple[float, float]:
    """Score one binarised (gold, predicted) pair; see :func:`match`."""
    gold_tokens = gold_relation.split()
    predicted = Counter(relation.split())
    matched = _overlap(Counter(gold_tokens), predicted)
    leftover = predicted - Counter(gold_tokens)
    if leftover["be"] and _BE_FORMS.intersection(gold_tokens):
        matched += 1
    if matched == 0 or len(args) < len(gold_args):
        return (0.0, 0.0)
    predicted_total = sum(predicted.values())
    gold_total = len(gold_tokens)
    for gold_arg, arg in zip(gold_args, args):
        gold_bag = Counter(gold_arg.split())
        predicted_bag = Counter(arg.split())
        matched += _overlap(gold_bag, predicted_bag)
        gold_total += sum(gold_bag.values())
        predicted_total += sum(predicted_bag.values())
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    return (precision, recall)


def match(gold: Tuple, prediction: Prediction) -> tuple[float, float]:
    """Score a predicted tuple against a gold tuple (CaRB lenient match).

    Both tuples are binarised. Tokens are whitespace-separated and
    case-sensitive; overlaps count tokens as multisets. The relation scores
    the gold tokens found in the predicted relation, plus one if a ``be`` is
    left over in the prediction and the gold relation has a form of "be"; a
    relation score of 0 makes the pair (0, 0), and so does a prediction with
    fewer arguments than the gold tuple. Each gold argument is compared with
    the predicted argument in the same position. When the gold relation
    contains (as a substring) said, told, added, adds or says, the prediction
    is also scored with its two arguments swapped and the larger
    (precision, recall) pair, compared lexicographically, is kept.

    Args:
        gold: The gold tuple.
        prediction: The predicted tuple.

    Returns:
        (precision, recall): matched tokens over the predicted tokens
        (relation plus the arguments up to the gold arity), and over the gold
        tokens.
    """
    gold_args = _binarise(gold.args)
    args = _binarise(prediction.args)
    result = _lenient_match(gold.relation, gold_args, prediction.relation, args)
    if len(args) == 2 and any(verb in gold.relation for verb in _SAID_VERBS):
        swapped = _lenient_match(gold.relation, gold_args, prediction.relation, args[::-1])
        result = max(result, swapped)
    return result


def _greedy_precision(ranked: list[tuple[float, int, int]], selected: list[bool], limit: int) -> float:
    """Sum the precisions of a greedy one-to-one gold/prediction matching.

    Args:
        ranked: (-precision, gold index, prediction index) for every pair,
            sorted; ties thus go to the lowest gold, then prediction, index.
        selected: Which predictions are above the threshold.
        limit: How many pairs to take: min(#gold, #selected).

    Returns:
        The summed precision of the pairs taken.
    """
    used_gold: set[int] = set()
    used_predictions: set[int] = set()
    total = 0.0
    for negative_precision, i, j in ranked:
        if len(used_gold) == limit:
            break
        if selected[j] and i not in used_gold and j not in used_predictions:
            used_gold.add(i)
            used_predictions.add(j)
            total += -negative_precision
    return total


def _sentence_levels(gold: Sequence[Tuple], predictions: Sequence[Prediction]) -> list[tuple[float, float, int, float]]:
    """Compute one sentence's counts at each of its prediction confidences.

    Args:
        gold: The sentence's gold tuples.
        predictions: The sentence's predictions.

    Returns:
        (confidence, precision numerator, number selected, recall numerator)
        for each distinct confidence c, in ascending order of c, where the
        selection is the predictions with confidence >= c.
    """
    scores = [[match(g, p) for p in predictions] for g in gold]
    ranked = sorted((-scores[i][j][0], i, j) for i in range(len(gold)) for j in range(len(predictions)))
    order = sorted(range(len(predictions)), key=lambda j: -predictions[j].confidence)
    selected = [False] * len(predictions)
    best_recall = [0.0] * len(gold)
    levels = []
    count = 0
    for confidence, group in itertools.groupby(order, key=lambda j: predictions[j].confidence):
        for j in group:
            selected[j] = True
            count += 1
            for i, row in enumerate(scores):
                best_recall[i] = max(best_recall[i], row[j][1])
        precision = _greedy_precision(ranked, selected, min(len(gold), count))
        levels.append((confidence, precision, count, sum(best_recall)))
    return levels[::-1]


def _rekey(table: Mapping[str, Sequence[_Item]]) -> dict[str, list[_Item]]:
    """Re-key a sentence table by normalised sentence, pooling collisions."""
    rekeyed: dict[str, list[_Item]] = {}
    for sentence, items in table.items():
        rekeyed.setdefault(normalise_sentence(sentence), []).extend(items)
    return rekeyed


def score(
    gold: Mapping[str, Sequence[Tuple]],
    predictions: Mapping[str, Sequence[Prediction]],
) -> Score:
    """Score predictions against gold tuples the way CaRB does.

    Every distinct predicted confidence is a threshold. At each threshold,
    precision is the summed greedy one-to-one precision over the number of
    selected predictions (1 when nothing is selected) and recall is the
    summed best recall per gold tuple over the number of gold tuples, both
    micro-averaged over sentences. The AUC is the trapezoid area under the
    raw (recall, precision) points plus (0, 1).

    Args:
        gold: Gold tuples keyed by sentence (raw or normalised text).
        predictions: Predictions keyed by sentence (raw or normalised text).
            Sentences without gold tuples are ignored, though their
            confidences still count as thresholds, as in CaRB.

    Returns:
        The figures at the best-F1 threshold, and the AUC.
    """
    gold_by_key = _rekey(gold)
    predictions_by_key = _rekey(predictions)
    thresholds = sorted({p.confidence for items in predictions_by_key.values() for p in items})
    if not thresholds:
        return Score(0.0, 0.0, 0.0, 0.0, None)
    position = {t: k for k, t in enumerate(thresholds)}
    precision_sum = [0.0] * len(thresholds)
    selected_sum = [0] * len(thresholds)
    recall_sum = [0.0] * len(thresholds)
    gold_total = 0
    for key, gold_tuples in gold_by_key.items():
        gold_total += len(gold_tuples)
        start = 0
        for confidence, precision, count, recall in _sentence_levels(gold_tuples, predictions_by_key.get(key, [])):
            stop = position[confidence] + 1
            for k in range(start, stop):
                precision_sum[k] += precision
                selected_sum[k] += count
                recall_sum[k] += recall
            start = stop

    precisions = [p / n if n else 1.0 for p, n in zip(precision_sum, selected_sum)]
    recalls = [r / gold_total if gold_total else 0.0 for r in recall_sum]
    f1s = [2 * p * r / (p + r) if p + r else 0.0 for p, r in zip(precisions, recalls)]
    best = max(range(len(thresholds)), key=f1s.__getitem__)
    curve = list(zip(recalls, precisions)) + [(0.0, 1.0)]
    auc = sum((r0 - r1) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in itertools.pairwise(curve))
    return Score(precisions[best], recalls[best], f1s[best], auc, thresholds[best])


def main(argv: Sequence[str] | None = None) -> int:
    """Score a prediction file against a gold file and print the figures.

    Args:
        argv: Command-line arguments without the program name; defaults to
            ``sys.argv[1:]``.

    Returns:
        The process exit status (0).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path, help="CaRB gold TSV")
    parser.add_argument(
        "--pred",
        required=True,
        type=Path,
        help="predictions: sentence, confidence, relation, arg1, arg2, ...",
    )
    options = parser.parse_args(argv)
    result = score(read_gold(options.gold), read_predictions(options.pred))
    print(f"precision {result.precision:.3f}")
    print(f"recall    {result.recall:.3f}")
    print(f"f1        {result.f1:.3f}")
    print(f"auc       {result.auc:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
