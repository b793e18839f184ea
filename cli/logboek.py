"""How much `stj bot` and `stj web` log: warnings and errors only, unless asked for more with
--uitgebreid or STJ_LOGNIVEAU (DEBUG, INFO, WARNING, ERROR). A person starting the bot sees that
it runs and how to stop it, not every library's chatter."""

from __future__ import annotations

import logging
import os

import click

from opslag.fouten import OngeldigeInvoer

NIVEAUS = ("DEBUG", "INFO", "WARNING", "ERROR")


def niveau(uitgebreid: bool) -> str:
    """The log level asked for (a wrong STJ_LOGNIVEAU is one Dutch line, before any work)."""
    gevraagd = os.environ.get("STJ_LOGNIVEAU", "").strip().upper()
    if gevraagd and gevraagd not in NIVEAUS:
        raise OngeldigeInvoer(
            f"STJ_LOGNIVEAU '{gevraagd}' bestaat niet; kies uit {', '.join(NIVEAUS)}"
        )
    return gevraagd or ("INFO" if uitgebreid else "WARNING")


def stel_in(gekozen: str) -> None:
    """Log at this level from now on, in this process."""
    logging.basicConfig(
        level=gekozen, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    # httpx logs every request, the bot token in the URL included: never below WARNING.
    logging.getLogger("httpx").setLevel(logging.WARNING)


UITGEBREID = click.option(
    "--uitgebreid",
    is_flag=True,
    help="Log ook wat goed gaat (INFO); anders alleen waarschuwingen en fouten. Of zet "
    "STJ_LOGNIVEAU.",
)
