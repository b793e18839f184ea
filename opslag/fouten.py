"""Errors meant for people: each carries one clear Dutch line for the CLI or the chat."""


class StjFout(Exception):
    """A user-facing error; str(fout) is the line to show."""


class NietGevonden(StjFout):
    """Something asked for by id or token does not exist."""


class OngeldigeInvoer(StjFout):
    """Input that breaks a rule; nothing was stored."""


class ImportFout(OngeldigeInvoer):
    """A malformed answers file; nothing of it was stored."""


class GeenToegang(OngeldigeInvoer):
    """Someone tried what is not theirs to do (an onderzoek they are not linked to)."""
