"""Where a command writes: checked when the command line is read, before any work, so a missing
or read-only folder is one Dutch line and never a half-written file or a library's traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import click

STDOUT = Path("-")
_REDENEN = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.EROFS: "staat op een schijf die alleen gelezen kan worden",
    errno.ENOSPC: "de schijf is vol",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "bestaat al",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EADDRINUSE: "het adres is al in gebruik",
    errno.ECONNREFUSED: "de verbinding werd geweigerd",
}


def os_fout_tekst(fout: OSError) -> str:
    """An operating-system error as one Dutch line: what, and why."""
    reden = _REDENEN.get(fout.errno or 0, fout.strerror or str(fout))
    return f"'{fout.filename}': {reden}" if fout.filename else reden


def _map_probleem(map_: Path) -> str | None:
    if not map_.is_dir():
        return f"map '{map_}' bestaat niet; maak haar eerst aan of kies een andere map"
    if not os.access(map_, os.W_OK):
        return f"map '{map_}' is niet schrijfbaar; kies een andere map"
    return None


def uit_bestand(_ctx: click.Context, _param: click.Parameter, waarde: Path | None) -> Path | None:
    """--uit FILE: standard output ("-"), or a file in a folder that exists and is writable."""
    if waarde is None or waarde == STDOUT:
        return waarde
    if waarde.is_dir():
        raise click.BadParameter(f"'{waarde}' is een map; geef een bestandsnaam")
    probleem = _map_probleem(waarde.parent)
    if probleem is None and waarde.exists() and not os.access(waarde, os.W_OK):
        probleem = f"'{waarde}' is niet schrijfbaar"
    if probleem:
        raise click.BadParameter(probleem)
    return waarde


def uit_map(_ctx: click.Context, _param: click.Parameter, waarde: Path | None) -> Path | None:
    """--uit FOLDER: an existing folder, or a new one in an existing folder (the command makes
    it; a whole path of missing folders is more likely a typing error than a wish)."""
    if waarde is None:
        return None
    if waarde.exists() and not waarde.is_dir():
        raise click.BadParameter(f"'{waarde}' is een bestand, geen map")
    probleem = _map_probleem(waarde if waarde.is_dir() else waarde.parent)
    if probleem:
        raise click.BadParameter(probleem)
    return waarde
