"""Language detection on short posts: py3langid (what the extractor uses) against lingua-language-detector.

    python benchmarks/bench_language.py

Reads tests/data/extraction/language_samples.tsv (one-sentence posts in French, English, Ukrainian, Russian and six
languages the extractor must refuse). Prints, for each detector, how many it gets right (a refused language counts
as right when the detector names a language outside the four), its start-up time and its time per post. lingua is
not a dependency of the project; it is measured when installed (pip install lingua-language-detector).
"""
from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "tests" / "data" / "extraction" / "language_samples.tsv"
SUPPORTED = {"fr", "en", "uk", "ru"}


def _measure(name: str, load, rows: list[dict]) -> None:
    start = time.perf_counter()
    detect = load()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    answers = [detect(row["text"]) for row in rows]
    per_post = (time.perf_counter() - start) / len(rows)
    right = sum((answer if answer in SUPPORTED else None) == (row["lang"] if row["lang"] in SUPPORTED else None)
                for answer, row in zip(answers, rows))
    print(f"{name:<32} right {right}/{len(rows)}  start-up {loaded:.2f} s  {per_post * 1000:.1f} ms per post")
    for answer, row in zip(answers, rows):
        if (answer if answer in SUPPORTED else None) != (row["lang"] if row["lang"] in SUPPORTED else None):
            print(f"    {row['lang']} read as {answer}: {row['text']}")


def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def _lingua():
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(text: str) -> str | None:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return detect


def main() -> int:
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    _measure("py3langid 0.4 (97 languages)", _py3langid, rows)
    try:
        _measure("lingua (all languages, lazy)", _lingua, rows)
    except ImportError:
        print("lingua-language-detector is not installed: not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
