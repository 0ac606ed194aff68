"""Tests for the CaRB scorer in bench/carb.py."""

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from bench import carb  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "data"
CARB_GOLD = DATA / "carb" / "dev.tsv"
CARB_OPENIE5 = DATA / "carb" / "dev.openie5.tsv"


def gold(relation, *args):
    return carb.Tuple(relation, args)


def pred(relation, *args, confidence=1.0):
    return carb.Prediction(confidence, relation, args)


# --- published figures -------------------------------------------------------


def test_openie5_reproduces_published_dev_figures():
    if not CARB_GOLD.exists() or not CARB_OPENIE5.exists():
        pytest.skip(f"CaRB data not found under {DATA}")
    result = carb.score(carb.read_gold(CARB_GOLD), carb.read_predictions(CARB_OPENIE5))
    assert round(result.precision, 3) == 0.526
    assert round(result.recall, 3) == 0.406
    assert round(result.f1, 3) == 0.458
    assert round(result.auc, 3) == 0.240


def test_cli_prints_the_four_figures(capsys):
    if not CARB_GOLD.exists() or not CARB_OPENIE5.exists():
        pytest.skip(f"CaRB data not found under {DATA}")
    assert carb.main(["--gold", str(CARB_GOLD), "--pred", str(CARB_OPENIE5)]) == 0
    assert capsys.readouterr().out.split() == [
        "precision",
        "0.526",
        "recall",
        "0.406",
        "f1",
        "0.458",
        "auc",
        "0.240",
    ]


# --- pair matcher ---------------------------------------------------------------


def test_exact_match_scores_one():
    assert carb.match(gold("founded", "Bill", "Microsoft"), pred("founded", "Bill", "Microsoft")) == (1.0, 1.0)


def test_relation_without_shared_token_scores_zero():
    assert carb.match(gold("founded", "Bill", "Microsoft"), pred("created", "Bill", "Microsoft")) == (0.0, 0.0)


def test_tokens_are_case_sensitive():
    assert carb.match(gold("founded", "Bill", "Microsoft"), pred("Founded", "Bill", "Microsoft")) == (0.0, 0.0)


def test_be_matches_a_gold_form_of_be():
    assert carb.match(gold("is", "Paris", "a city"), pred("be", "Paris", "a city")) == (1.0, 1.0)
    # Without a form of "be" in the gold relation there is no bonus.
    assert carb.match(gold("became", "Paris", "a city"), pred("be", "Paris", "a city")) == (0.0, 0.0)
    # A "be" already matched literally is not counted twice.
    assert carb.match(gold("to be", "it", "done"), pred("to be", "it", "done")) == (1.0, 1.0)


def test_said_type_relation_also_tries_swapped_arguments():
    assert carb.match(gold("said", "John", "the plan works"), pred("said", "the plan works", "John")) == (1.0, 1.0)
    # Other relations are scored as given: only the relation token matches.
    assert carb.match(gold("stated", "John", "the plan works"), pred("stated", "the plan works", "John")) == (0.2, 0.2)


def test_missing_predicted_argument_scores_zero():
    assert carb.match(gold("founded", "Bill", "Microsoft"), pred("founded", "Bill")) == (0.0, 0.0)
    assert carb.match(gold("founded", "Bill", "Microsoft"), pred("founded")) == (0.0, 0.0)


def test_token_overlap_counts_multisets():
    # "the the cat" vs "the cat cat" share one "the" and one "cat":
    # matched 1 + 2 + 1 = 4 of 5 predicted and 5 gold tokens.
    assert carb.match(gold("saw", "the the cat", "a dog"), pred("saw", "the cat cat", "a dog")) == (5 / 6, 5 / 6)
    assert carb.match(gold("saw", "the the cat", "dog"), pred("saw", "the cat cat", "dog")) == (0.8, 0.8)


def test_partial_match_precision_and_recall():
    # Matched: "was born" + "Obama" + "Hawaii" = 4; predicted 2 + 2 + 2 = 6;
    # gold 3 + 1 + 1 = 5.
    assert carb.match(
        gold("was born in", "Obama", "Hawaii"),
        pred("was born", "Barack Obama", "in Hawaii"),
    ) == (4 / 6, 4 / 5)


def test_arguments_beyond_arg2_are_joined():
    assert carb.match(gold("moved", "She", "to Paris", "in 1990"), pred("moved", "She", "to Paris in 1990")) == (
        1.0,
        1.0,
    )


def test_precision_counts_arguments_up_to_gold_arity():
    assert carb.match(gold("sleeps", "The cat"), pred("sleeps", "The cat", "on the mat")) == (1.0, 1.0)


# --- sentence keys and readers -----------------------------------------------------


def test_normalise_sentence():
    key = carb.normalise_sentence("The -LRB- big -RRB- dog , `` ran '' .")
    assert key == "Thebigdogran"
    assert carb.normalise_sentence(key) == key


def test_readers(tmp_path):
    gold_file = tmp_path / "gold.tsv"
    gold_file.write_text(
        "He said , it rains .\tsaid\tHe\tit rains\tC: maybe\n\nHe said , it rains .\train\tit\tT: today\n",
        encoding="utf-8",
    )
    pred_file = tmp_path / "pred.tsv"
    pred_file.write_text("He said, it rains.\t0.25\tsaid\tHe\tit rains\n", encoding="utf-8")
    assert carb.read_gold(gold_file) == {
        "Hesaiditrains": [
            gold("said", "He", "it rains"),
            gold("rain", "it", "T: today"),
        ]
    }
    assert carb.read_predictions(pred_file) == {"Hesaiditrains": [pred("said", "He", "it rains", confidence=0.25)]}


def test_read_predictions_rejects_bad_confidence(tmp_path):
    pred_file = tmp_path / "pred.tsv"
    pred_file.write_text("A sentence .\thigh\tis\tA\tB\n", encoding="utf-8")
    with pytest.raises(ValueError, match="confidence"):
        carb.read_predictions(pred_file)


# --- corpus score ----------------------------------------------------------------


def test_perfect_predictions_score_one():
    if CARB_GOLD.exists():
        gold_tuples = carb.read_gold(CARB_GOLD)
    else:
        gold_tuples = {
            "A cat sat .": [gold("sat", "A cat")],
            "He said it rains .": [gold("said", "He", "it rains"), gold("rains", "it")],
        }
    predictions = {
        sentence: [pred(t.relation, *t.args, confidence=(n % 7) / 7) for n, t in enumerate(tuples)]
        for sentence, tuples in gold_tuples.items()
    }
    result = carb.score(gold_tuples, predictions)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.auc == pytest.approx(1.0)


def test_threshold_sweep_recall_shares_and_precision_is_one_to_one():
    gold_tuples = {
        "Ann likes tea and coffee .": [
            gold("likes", "Ann", "tea"),
            gold("likes", "Ann", "coffee"),
        ]
    }
    predictions = {
        # Serves both gold tuples for recall (1.0 each) but only one for
        # precision (0.75).
        "Ann likes tea and coffee .": [
            pred("likes", "Ann", "tea coffee", confidence=0.9),
            pred("hates", "Bob", "milk", confidence=0.5),
        ],
        # No gold: ignored, but its confidence is a threshold at which nothing
        # is selected (precision 1, recall 0).
        "Unrelated .": [pred("is", "it", "unrelated", confidence=0.95)],
    }
    result = carb.score(gold_tuples, predictions)
    assert result.precision == 0.75
    assert result.recall == 1.0
    assert result.f1 == pytest.approx(6 / 7)
    assert result.threshold == 0.9
    # Curve: (R 1, P 0.375) at 0.5, (1, 0.75) at 0.9, (0, 1) at 0.95, plus (0, 1).
    assert result.auc == pytest.approx(0.875)


def test_no_predictions():
    result = carb.score({"A cat sat .": [gold("sat", "A cat")]}, {})
    assert result == carb.Score(0.0, 0.0, 0.0, 0.0, None)
