"""`stj kader lijst` and `stj vragenlijst controleer`: what kaders there are, and whether a
folder or file of kader data is sound before anyone is invited to it."""

from __future__ import annotations

from pathlib import Path

import click

from cli.omgeving import catalogus, stop
from vragenlijsten.catalogus import kader_mappen, kaders_voor_bestand
from vragenlijsten.laden import (
    laad_kader_bestand,
    laad_vragenlijst_bestand,
    soort_van,
    yaml_bestanden,
)
from vragenlijsten.model import Kader

RAPPORT = {
    "factsheet": "factsheet per gemeente",
    "nota": "nota van bevindingen per aanpak",
    "themarapport": "rapport per thema met eindoordeel",
}


@click.group()
def kader() -> None:
    """Toetsingskaders bekijken.

    Kaders komen uit de mappen in STJ_KADERS (eerst) en de meegeleverde.

    \b
    Voorbeeld:
      stj kader lijst
    """


def _herkomst(pad: Path, mappen: list[Path]) -> str:
    """A file as the user finds it: relative to its folder in STJ_KADERS, or 'meegeleverd'."""
    geleverd = mappen[-1]
    if pad.is_relative_to(geleverd):
        return f"meegeleverd ({pad.relative_to(geleverd).as_posix()})"
    return str(pad)


@kader.command("lijst")
def lijst() -> None:
    """Toon de beschikbare kaders: id, titel, rapport, rollen met vragenlijst, herkomst.

    \b
    Voorbeeld:
      stj kader lijst
    """
    cat = catalogus()
    mappen = kader_mappen()
    for naam, k in sorted(cat.kaders.items()):
        click.echo(f"{naam}: {k.titel}")
        click.echo(
            f"  rapport: {RAPPORT[k.rapport]}; {k.aantal_indicatoren} indicatoren in "
            f"{len(k.themas)} thema's"
        )
        click.echo(f"  rollen: {', '.join(cat.rollen(naam)) or 'geen vragenlijsten'}")
        click.echo(f"  uit: {_herkomst(k.pad, mappen)}")


def _kader_ok(naam: str, k: Kader) -> str:
    """The line for a sound kader file."""
    return f"ok: {naam} (kader {k.kader}, {k.aantal_indicatoren} indicatoren)"


def _controleer_map(map_: Path) -> list[str]:
    """Check every data file of a folder, with the shipped kaders beside it; the lines to print."""
    if not yaml_bestanden(map_):
        stop(
            f"geen kader- of vragenlijstbestanden gevonden in {map_}; verwacht .yaml-bestanden "
            "die beginnen met 'kader:', 'vragenlijst:' of 'teksten:' (zie FORMAAT.md)"
        )
    anderen = [m for m in kader_mappen() if m.resolve() != map_.resolve()]
    cat = catalogus([map_, *anderen])
    regels = []
    for pad, naam in yaml_bestanden(map_):
        soort = soort_van(pad, naam)
        if soort == "kader":
            k = next(k for k in cat.kaders.values() if k.pad == pad)
            regels.append(_kader_ok(naam, k))
        elif soort == "vragenlijst":
            vl = next((v for s, v in cat.vragenlijsten.items() if cat.bestanden[s] == pad), None)
            if vl is None:
                regels.append(f"overgeslagen: {naam} (kader wordt vervangen door een ander)")
            else:
                regels.append(f"ok: {naam} ({vl.kader}/{vl.rol}, {len(vl.items())} vragen)")
        else:
            kader_id = next((k for (k, r), p in cat.bestanden.items() if not r and p == pad), "?")
            regels.append(f"ok: {naam} (standaardteksten van kader {kader_id})")
    return regels


@click.group()
def vragenlijst() -> None:
    """Kaders en vragenlijsten controleren.

    \b
    Voorbeeld:
      stj vragenlijst controleer
    """


@vragenlijst.command("controleer")
@click.argument("pad", required=False, type=click.Path(exists=True, path_type=Path))
def controleer(pad: Path | None) -> None:
    """Controleer kader-, vragenlijst- en tekstbestanden (een bestand of een map, in elke
    indeling; standaard alles wat STJ_KADERS en de meegeleverde kaders bevatten).

    \b
    Voorbeelden:
      stj vragenlijst controleer
      stj vragenlijst controleer mijn-kaders/
      stj vragenlijst controleer mijn-kaders/wijkteams/client.yaml
    """
    if pad is None:
        cat = catalogus()
        for (kader_id, rol), vl in sorted(cat.vragenlijsten.items()):
            click.echo(f"ok: {kader_id}/{rol} ({len(vl.items())} vragen)")
        return
    if pad.is_dir():
        for regel in _controleer_map(pad):
            click.echo(regel)
        return
    soort = soort_van(pad)
    if soort == "vragenlijst":
        vl = laad_vragenlijst_bestand(pad, kaders_voor_bestand(pad))
        click.echo(f"ok: {pad.name} ({len(vl.items())} vragen)")
    elif soort == "kader":
        click.echo(_kader_ok(pad.name, laad_kader_bestand(pad)))
    else:
        # Texts are checked against their kader: check the folder that holds both.
        regels = _controleer_map(pad.parent)
        click.echo(next(r for r in regels if r.startswith(f"ok: {pad.name} ")))
