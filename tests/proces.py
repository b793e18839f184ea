"""Waiting for a child process by what it says, never by the clock: read its output until a sign
of readiness appears (the time limit only ends a test that would otherwise hang)."""

from __future__ import annotations

import os
import selectors
import time
from typing import IO


def lees_tot(stroom: IO[bytes], teken: str, limiet: float = 120.0, gelezen: str = "") -> str:
    """Everything read from `stroom` (after `gelezen`) up to and including the first `teken`;
    AssertionError with what came so far when the stream ends or the limit passes first."""
    tekst = gelezen
    einde = time.monotonic() + limiet
    with selectors.DefaultSelector() as kiezer:
        kiezer.register(stroom, selectors.EVENT_READ)
        while teken not in tekst:
            over = einde - time.monotonic()
            if over <= 0 or not kiezer.select(over):
                raise AssertionError(f"{teken!r} kwam niet binnen {limiet:.0f} s:\n{tekst}")
            brok = os.read(stroom.fileno(), 65536)
            if not brok:
                raise AssertionError(f"het proces stopte vóór {teken!r}:\n{tekst}")
            tekst += brok.decode("utf-8", errors="replace")
    return tekst
