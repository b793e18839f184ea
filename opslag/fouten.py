"""Errors meant for people: each carries one clear Dutch line for the CLI or the chat."""

from __future__ import annotations

from vragenlijsten.grenzen import op_een_regel


class StjFout(Exception):
    """A user-facing error; str(fout) is the line to show, always a single line."""

    def __str__(self) -> str:
        return op_een_regel(super().__str__())


class NietGevonden(StjFout):
    """Something asked for by id or token does not exist."""


class OngeldigeInvoer(StjFout):
    """Input that breaks a rule; nothing was stored."""


class ImportFout(OngeldigeInvoer):
    """A malformed answers file; nothing of it was stored."""


class GeenToegang(OngeldigeInvoer):
    """Someone tried what is not theirs to do (an onderzoek they are not linked to)."""
