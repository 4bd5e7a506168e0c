"""Splitting a news text into sentences, remembering the paragraph each one sits in.

Paragraphs matter: sentences that describe one incident usually sit in the same paragraph, and the merge step
uses that. Headline lines without a final full stop are sentences of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end the sentence (titles before names, mostly).
_ABBREVIATIONS = frozenset(
    "m mm mme mmes mlle dr pr st ste gen gén col lt sgt mr mrs ms prof rev no nos vs etc approx jan feb "
    "aug sept oct nov dec u.s u.k "
    # Ukrainian and Russian: вулиця, область, район, рік, тисяча, мільйон, село, посёлок...
    "вул ул обл р-н рн р г тис тыс млн млрд ст пл пр просп пос смт пгт им ім див напр т.ч т.д".split()
)
_END = re.compile(r"(?<=[.!?…])[»”\"')\]]*\s+(?=[«“\"'(\[]?\s*[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, with where it sits."""

    text: str
    index: int  # position among all sentences of the text
    paragraph: int  # index of the paragraph (block of non-blank text on one line)
    headline: bool = False  # the text's first line, alone and without a full stop: it sums up, it adds nothing


def normalise(text: str) -> str:
    """One apostrophe and plain spaces, so the rules need not list every typographic variant."""
    return (
        text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ").replace("\u202f", " ")
        .replace("\r\n", "\n").replace("\r", "\n").replace("\u2018", "'").replace("`", "'")
    )


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        before = paragraph[start:match.start()].rstrip(".»”\"')] ")
        last_word = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        if last_word.rstrip(".") in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        pieces.append(paragraph[start:match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` (any of the four languages), in order, after `normalise`; a lone first line without a
    full stop is a headline."""
    sentences: list[Sentence] = []
    paragraphs = [p.strip() for p in normalise(text).split("\n") if p.strip()]
    for number, paragraph in enumerate(paragraphs):
        for piece in _split_paragraph(paragraph):
            headline = number == 0 and len(paragraphs) > 1 and piece == paragraph and not piece.endswith((".", "!", "?", "»", '"'))
            sentences.append(Sentence(piece, len(sentences), number, headline))
    return sentences
