"""Click's own usage errors (unknown option, missing argument, wrong value) as the one Dutch line
every other error of `stj` is, with the command to ask for help."""

from __future__ import annotations

import re

import click


def _naam(param: click.Parameter | None) -> str:
    """How a parameter is written on the command line: --formaat, or ONDERZOEK."""
    if param is None:
        return "een waarde"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return (param.metavar or param.name or "argument").upper()


def _waarde_fout(fout: click.BadParameter) -> str:
    """What is wrong with a value, in Dutch."""
    param = fout.param
    bericht = fout.message
    if isinstance(param, click.Parameter) and isinstance(param.type, click.Choice):
        gegeven = re.search(r"'([^']*)' is not", bericht)
        keuzes = ", ".join(str(c) for c in param.type.choices)
        wat = f"'{gegeven[1]}'" if gegeven else "deze waarde"
        return f"{wat} bestaat niet; kies uit {keuzes}"
    if m := re.search(r"(?:File|Path|Directory) '(.*)' does not exist", bericht):
        return f"'{m[1]}' bestaat niet"
    if m := re.search(r"(?:File|Path) '(.*)' is a directory", bericht):
        return f"'{m[1]}' is een map; geef een bestand"
    if m := re.search(r"'(.*)' is not a valid integer", bericht):
        return f"'{m[1]}' is geen heel getal"
    return bericht.rstrip(".")


def vertaal(fout: click.UsageError) -> str:
    """One Dutch line for a usage error, ending with where to find the right usage."""
    opdracht = fout.ctx.command_path if fout.ctx is not None else "stj"
    hulp = f"zie '{opdracht} --help'"
    if isinstance(fout, click.NoSuchOption):
        suggestie = (
            f"; bedoelt u {' of '.join(sorted(fout.possibilities))}?" if fout.possibilities else ""
        )
        return f"onbekende optie {fout.option_name}{suggestie}; {hulp}"
    if isinstance(fout, click.MissingParameter):
        soort = "optie" if isinstance(fout.param, click.Option) else "argument"
        return f"{soort} {_naam(fout.param)} ontbreekt; {hulp}"
    if isinstance(fout, click.BadParameter):
        return f"ongeldige waarde voor {_naam(fout.param)}: {_waarde_fout(fout)}; {hulp}"
    bericht = fout.format_message()
    if m := re.match(r"No such command '([^']*)'", bericht):
        # Click adds "Did you mean …?"; the same hint in Dutch.
        mogelijk = sorted(getattr(fout, "possibilities", None) or [])
        suggestie = f"; bedoelt u {' of '.join(mogelijk)}?" if mogelijk else ""
        return f"onbekende opdracht '{m[1]}'{suggestie}; {hulp}"
    if m := re.match(r"Got unexpected extra arguments? \((.*)\)", bericht):
        return f"te veel argumenten: {m[1]}; {hulp}"
    if m := re.match(r"Option '(.*)' requires an argument", bericht):
        return f"optie {m[1]} heeft een waarde nodig; {hulp}"
    if m := re.match(r"Option '(.*)' does not take a value", bericht):
        return f"optie {m[1]} neemt geen waarde; {hulp}"
    return f"{bericht.rstrip('.')}; {hulp}"
