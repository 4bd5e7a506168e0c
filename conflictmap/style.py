"""How each event type looks: a colour-blind-safe palette (Okabe & Ito) and a distinct shape per type."""
from __future__ import annotations

from .schema import EVENT_TYPES

TYPE_STYLES: dict[str, dict[str, str]] = {
    "Explosions/Remote violence": {"color": "#D55E00", "shape": "circle"},
    "Battles": {"color": "#0072B2", "shape": "triangle"},
    "Violence against civilians": {"color": "#CC79A7", "shape": "square"},
    "Strategic developments": {"color": "#009E73", "shape": "diamond"},
    "Protests": {"color": "#E69F00", "shape": "star"},
    "Riots": {"color": "#000000", "shape": "cross"},
}

assert set(TYPE_STYLES) == set(EVENT_TYPES), "every event type needs a style"

TYPE_ORDER = list(EVENT_TYPES)
