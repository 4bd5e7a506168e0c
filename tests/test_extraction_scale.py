"""A long text costs the extractor work in proportion to its length: counted in operations, never timed."""
from __future__ import annotations

import datetime as dt

from conflictmap.extraction import extract_events, pipeline

PARAGRAPH = ("On 4 November 2024 a drone struck a warehouse in Kharkiv, injuring two people, the regional governor "
             "said. Officials reported shelling near Kupiansk overnight.\n\n")


def _institution_searches(monkeypatch, paragraphs: int) -> int:
    calls = 0
    real = pipeline.find_bodies

    def counting(text):
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(pipeline, "find_bodies", counting)
    extract_events(PARAGRAPH * paragraphs, dt.date(2024, 11, 5), lang="en")
    return calls


def test_institution_searches_grow_with_the_sentences_not_their_square(monkeypatch):
    """The claim context of each sentence was found by rereading every sentence before it: 1 MB of text took
    minutes. Each sentence is now searched a fixed number of times."""
    short, long = _institution_searches(monkeypatch, 20), _institution_searches(monkeypatch, 200)
    assert long <= 11 * short, (short, long)


def test_a_sentence_after_a_ministry_statement_keeps_it_as_context():
    sentences = pipeline.split_sentences("The Russian Ministry of Defence said it shot down 12 drones. "
                                         "It also said 3 missiles were intercepted. Kharkiv was shelled.")
    contexts = pipeline._claim_contexts(sentences)
    assert contexts[0] == ""
    assert contexts[1] == contexts[2] == sentences[0].text
