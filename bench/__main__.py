"""Run the extraction benchmarks and print one table: ``python -m bench`` (or ``make bench``).

1. news-dev (40 real articles, the shared fact scorer; d01–d20 tuned on, d21–d40 held out),
2. CaRB dev (open-IE mode), 3. CoNLL04 dev (zero-shot relation extraction), 4. the seed
article's expected facts; kg and textacy's subject-verb-object triples side by side, on the
same spaCy model. Other benchmarks (centrality, scale) have modules of their own in ``bench/``.
"""

from __future__ import annotations

import importlib.util
import sys
import time

from bench import conll04, newsdev, openie, seed
from bench.paths import SHARED_DATA

__all__ = ["main"]

TARGETS = {
    "news-dev core recall": "≥ 0.70",
    "news-dev all recall": "≥ 0.55",
    "news-dev worst junk rate": "≤ 0.02",
    "news-dev split entities": "0",
    "news-dev type errors": "0",
    "news-dev role facts": "≥ 0.85",
    "CaRB dev F1": "≥ 0.54",
    "CaRB dev AUC": "≥ 0.33",
    "CoNLL04 dev F1": "≥ 0.50",
    "seed recall": "≥ 0.95",
    "seed junk rate": "≤ 0.02",
    "seed split entities": "0",
    "seed merged entities": "0",
    "seed triples / sentence": "≤ 3",
}


def _rows(nlp, lexicon, system: str) -> dict[str, float | None]:
    carb = openie.run(nlp, system=system)
    found = seed.run(nlp, lexicon, system=system)
    news = newsdev.run(nlp, system=system)
    return {
        "news-dev core recall": news["core"],
        "news-dev core d01-d20 (tuned on)": news["core d01-d20"],
        "news-dev core d21-d40 (held out)": news["core d21-d40"],
        "news-dev all recall": news["all"],
        "news-dev worst junk rate": news["worst junk"],
        "news-dev split entities": news["split entities"],
        "news-dev type errors": news["type errors"],
        "news-dev role facts": news["role facts"],
        "CaRB dev F1": carb["f1"],
        "CaRB dev AUC": carb["auc"],
        "CaRB dev P": carb["precision"],
        "CaRB dev R": carb["recall"],
        "CaRB tuples / sentence": carb["per_sentence"],
        **_conll04(nlp, lexicon, system),
        "seed recall": found["recall"],
        "seed junk rate": found["junk_rate"],
        "seed split entities": found["split_entities"],
        "seed merged entities": found["merged_entities"],
        "seed triples / sentence": found["per_sentence"],
    }


def _cell(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _conll04(nlp, lexicon, system: str) -> dict[str, float | None]:
    """CoNLL04 strict F1 (the headline: a predicted argument equals the gold token span) and relaxed F1."""
    if system != "kg":
        return dict.fromkeys(("CoNLL04 dev F1", "CoNLL04 dev F1 relaxed", "CoNLL04 train F1 (second sample)"))
    dev, train = conll04.run(nlp, lexicon), conll04.run(nlp, lexicon, "train")
    return {
        "CoNLL04 dev F1": dev["f1"],
        "CoNLL04 dev F1 relaxed": dev["relaxed_f1"],
        "CoNLL04 train F1 (second sample)": train["f1"],
    }


def main() -> int:
    """Print the benchmark table; exit 1 when the shared data is missing."""
    if not SHARED_DATA.is_dir():
        print(f"bench: {SHARED_DATA} not found (the shared benchmark data)", file=sys.stderr)
        return 1
    from kg.nlp import load_pipeline
    from kg.ontology import load_lexicon

    nlp, lexicon = load_pipeline(), load_lexicon()
    started = time.perf_counter()
    results = {"kg": _rows(nlp, lexicon, "kg")}
    if importlib.util.find_spec("textacy") is not None:
        results["textacy SVO"] = _rows(nlp, lexicon, "textacy")
    systems = list(results)
    print("| measure | " + " | ".join(systems) + " | target |")
    print("|---|" + "---|" * len(systems) + "---|")
    for measure in results["kg"]:
        cells = [_cell(results[s][measure]) for s in systems]
        print(f"| {measure} | " + " | ".join(cells) + f" | {TARGETS.get(measure, '')} |")
    if len(systems) == 1:
        print("\n(textacy is not installed: `make bench` installs requirements-bench.lock)")
    print(f"\nspaCy pipeline {nlp.meta['name']} {nlp.meta['version']}; {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
