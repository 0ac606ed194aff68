"""Where the shared benchmark data lives: ``../shared/data`` next to the project."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "SHARED_DATA", "CARB", "CONLL04", "SEED_ARTICLE", "SEED_FACTS"]

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CARB = SHARED_DATA / "carb"
CONLL04 = SHARED_DATA / "conll04"
SEED_ARTICLE = SHARED_DATA / "seed-article.txt"
SEED_FACTS = ROOT / "tests" / "data" / "seed-facts.json"
