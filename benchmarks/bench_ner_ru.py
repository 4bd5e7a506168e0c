"""Does a trained NER (natasha, Russian) find the places of the labelled Russian texts better than the extractor's
own rules? Prints, for each method, how many labelled events have their place among the places it resolves in the
event's sentence, how many resolved places are none of the labelled ones, and its start-up time.

    python benchmarks/bench_ner_ru.py

natasha is not a dependency of the project (the rules measured better; see the README); the script says so and
stops when it is not installed. Both methods resolve names through the same geocoder; natasha's spans are put in
their base form by its own lemmatiser, the rules' by pymorphy3.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conflictmap.extraction.places import find_places, lookup_name, theatre_lookup  # noqa: E402
from conflictmap.extraction.sentences import split_sentences  # noqa: E402
from conflictmap.geocoding import get_geocoder  # noqa: E402
from conflictmap.geocoding.normalize import name_key  # noqa: E402

DATA = ROOT / "tests" / "data" / "extraction"


def main() -> int:
    try:
        start = time.perf_counter()
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
        segmenter, embedding = Segmenter(), NewsEmbedding()
        tagger, ner, vocab = NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()
        load = time.perf_counter() - start
    except ImportError:
        print("natasha is not installed (pip install natasha): nothing to compare")
        return 0
    lookup = theatre_lookup(get_geocoder())

    def natasha_places(sentence: str) -> set[str]:
        doc = Doc(sentence)
        doc.segment(segmenter)
        doc.tag_morph(tagger)
        doc.tag_ner(ner)
        names = set()
        for span in doc.spans:
            if span.type != "LOC":
                continue
            span.normalize(vocab)
            result = lookup_name(span.normal, lookup, "ru")
            if getattr(result, "found", False):
                names.add(name_key(result.name))
        return names

    def rule_places(sentence: str) -> set[str]:
        return {name_key(p.result.name) for p in find_places(sentence, lookup, lang="ru")
                if p.role in ("event", "region", "other", "district")}

    entries = [e for e in json.loads((DATA / "labels.json").read_text(encoding="utf-8"))["texts"] if e["lang"] == "ru"]
    totals: dict[str, dict[str, list]] = {}  # group -> method -> [events placed, places not labelled, seconds]
    events: dict[str, int] = {}
    for entry in entries:
        group = f"heldout-{entry['batch']}" if entry.get("heldout") else "built-on"
        group_totals = totals.setdefault(group, {"rules": [0, 0, 0.0], "natasha": [0, 0, 0.0]})
        sentences = [s.text for s in split_sentences((DATA / entry["file"]).read_text(encoding="utf-8"))]
        gold_all = {name_key(n) for e in entry["events"] for n in e["location"]}
        for method, places in (("rules", rule_places), ("natasha", natasha_places)):
            started = time.perf_counter()
            found = {s: places(s) for s in sentences}
            group_totals[method][2] += time.perf_counter() - started
            group_totals[method][1] += sum(len(names - gold_all) for names in found.values())
            for event in entry["events"]:
                gold = {name_key(n) for n in event["location"]}
                if any(event["key"] in s and found[s] & gold for s in sentences):
                    group_totals[method][0] += 1
        events[group] = events.get(group, 0) + len(entry["events"])
    print(f"{len(entries)} Russian texts, {sum(events.values())} labelled events; natasha start-up {load:.1f} s")
    for group, methods in totals.items():
        for method, (placed, extra, seconds) in methods.items():
            print(f"{group:<10} {method:<8} events with their place found {placed}/{events[group]}, places not "
                  f"labelled {extra}, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
