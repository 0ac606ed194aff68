"""Make the scale benchmark's corpus from the real sentences in ``../shared/data``.

The CaRB dev sentences and the CoNLL04 train and dev sentences (about 1,800, news and
encyclopaedia text) are shuffled with a fixed seed and grouped into articles of about 20
sentences, three sentences a paragraph line (``--per-line``). One pass uses every sentence once; further
passes shuffle again with another seed, so the articles differ while the text stays real.
The corpus is one JSONL file (``{"id", "title", "date", "text"}`` a line) outside git; the
shared text is never copied into the repository.

Run: ``python -m bench.make_corpus --sentences 10000 -o out/corpus/corpus.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from bench.paths import CARB, CONLL04, ROOT

__all__ = ["sentences", "articles", "write_corpus", "main"]

ARTICLE_SENTENCES = 20
PARAGRAPH_SENTENCES = 3
DEFAULT_OUTPUT = ROOT / "out" / "corpus" / "corpus.jsonl"
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detokenize(text: str) -> str:
    """Undo the benchmarks' tokenisation: ``"Flanders , the ``Region''"`` → ``"Flanders, the \\"Region\\""``."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("` `", '"').replace("' '", '"')
    text = text.replace("``", '"').replace("''", '"')
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(text.split())))
    return re.sub(r'" ([^"]*?) "', r'"\1"', text)


def sentences() -> list[str]:
    """Every CaRB dev and CoNLL04 train and dev sentence, detokenised, in file order."""
    found = [_detokenize(line) for line in (CARB / "dev.txt").read_text(encoding="utf-8").splitlines()]
    for name in ("train.CoNLL04.json", "valid.CoNLL04.json"):
        records = json.loads((CONLL04 / name).read_text(encoding="utf-8"))
        found += [_detokenize(" ".join(record["tokens"])) for record in records]
    return [s for s in found if s.strip()]


def articles(
    pool: list[str], *, count: int, seed: int = 7, per_line: int = PARAGRAPH_SENTENCES
) -> Iterator[dict[str, str]]:
    """``count`` sentences from ``pool`` as article records, ``per_line`` sentences a paragraph line,
    shuffled anew each pass through it."""
    start = dt.date(2025, 1, 1)
    made = number = 0
    passes = 0
    while made < count:
        order = list(pool)
        random.Random(seed + passes).shuffle(order)
        passes += 1
        for first in range(0, len(order), ARTICLE_SENTENCES):
            chunk = order[first : first + ARTICLE_SENTENCES][: count - made]
            if not chunk:
                break
            lines = [" ".join(chunk[i : i + per_line]) for i in range(0, len(chunk), per_line)]
            number += 1
            made += len(chunk)
            yield {
                "id": f"bench-{number:06d}",
                "title": f"Benchmark article {number}",
                "date": (start + dt.timedelta(days=number % 365)).isoformat(),
                "text": "\n".join(lines),
            }
            if made >= count:
                return


def write_corpus(output: Path, *, count: int, seed: int = 7, per_line: int = PARAGRAPH_SENTENCES) -> tuple[int, int]:
    """Write ``count`` sentences as a JSONL corpus to ``output``; return (articles, sentences)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    records = 0
    with output.open("w", encoding="utf-8") as stream:
        for record in articles(sentences(), count=count, seed=seed, per_line=per_line):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            records += 1
    return records, count


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--sentences N`` (default 10,000), ``--per-line N``, ``--seed S``, ``-o FILE``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000, help="how many sentences (default 10,000)")
    parser.add_argument("--per-line", type=int, default=PARAGRAPH_SENTENCES, help="sentences a line (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed of the first pass (default 7)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="JSONL file to write")
    options = parser.parse_args(argv)
    made, count = write_corpus(options.output, count=options.sentences, seed=options.seed, per_line=options.per_line)
    print(f"wrote {made} articles, {count} sentences to {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
