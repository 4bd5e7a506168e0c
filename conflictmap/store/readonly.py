"""Read-only mode: whether this process may change stored events.

A dashboard that anyone on the network can open is not a notepad for them: when the Streamlit server listens
beyond this computer (`server.address` other than 127.0.0.1, localhost or ::1, including the default "every
interface"), writing is off unless `CONFLICTMAP_WRITABLE=1` says otherwise; `CONFLICTMAP_READONLY=1` turns it off
anywhere, the command line included. The app tells this module where it is served (`serve_on`); the store checks
`require_writable` before every write, so the mode holds on the server side whatever a page shows.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from ..csvio import StoreIOError

LOCAL_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
_NOT_SERVING = object()
_served_on: object = _NOT_SERVING  # this process's server address once the app said it; "" = every interface


@dataclass(frozen=True)
class Access:
    """`writable`: whether events may be saved; `why`: the reason they may not (empty when writable)."""

    writable: bool
    why: str = ""


def serve_on(address: str | None) -> None:
    """Record that this process serves the dashboard on `address` (Streamlit's `server.address`; None or "" when
    it listens on every interface)."""
    global _served_on
    _served_on = (address or "").strip()


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def access(environ: Mapping[str, str] | None = None, served_on: object = None) -> Access:
    """Whether events may be saved in this process, and why not (see the module docstring).

    `environ` defaults to `os.environ`, `served_on` to what `serve_on` recorded (not serving: the command line).
    """
    environ = os.environ if environ is None else environ
    address = _served_on if served_on is None else served_on
    if _flag(environ, "CONFLICTMAP_READONLY"):
        return Access(False, "this conflictmap is read-only (CONFLICTMAP_READONLY is set)")
    if _flag(environ, "CONFLICTMAP_WRITABLE") or address is _NOT_SERVING or address in LOCAL_ADDRESSES:
        return Access(True)
    where = f"server.address {address}" if address else "every network interface"
    return Access(False, f"this dashboard is served beyond this computer ({where}) and is read-only there; "
                         "set CONFLICTMAP_WRITABLE=1 to let everyone who can open it save events")


def require_writable(location: str | os.PathLike) -> None:
    """Raises StoreIOError (action "read-only") naming `location` when events may not be saved here."""
    state = access()
    if not state.writable:
        raise StoreIOError(location, "read-only", why=state.why)
