"""Turn pydantic validation errors into Dutch messages: file:line: place: what is wrong; the fix."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from vragenlijsten import model
from vragenlijsten.yamlregels import RegelDict, regel_van

_ITEM_MODELLEN: dict[str, type[BaseModel]] = {
    "kernvraag": model.KernvraagItem,
    "schaal": model.SchaalItem,
    "keuze": model.KeuzeItem,
    "meerkeuze": model.MeerkeuzeItem,
    "tekst": model.TekstItem,
    "getal": model.GetalItem,
    "datum": model.DatumItem,
    "document": model.DocumentItem,
}


def _plek(data: Any, loc: tuple[Any, ...]) -> str:
    """Name the item or indicator a location falls in, e.g. "vraag 'tl-populatie': "."""
    huidig = data
    plek = ""
    for stap in loc:
        if (isinstance(huidig, dict) and stap in huidig) or (
            isinstance(huidig, list) and isinstance(stap, int) and 0 <= stap < len(huidig)
        ):
            huidig = huidig[stap]
        else:
            continue
        if isinstance(huidig, dict) and isinstance(huidig.get("id"), str):
            soort = "indicator" if "tekst" in huidig and "vraag" not in huidig else "vraag"
            plek = f"{soort} '{huidig['id']}': "
        elif (
            isinstance(huidig, dict) and isinstance(huidig.get("titel"), str) and "items" in huidig
        ):
            plek = f"sectie '{huidig['titel']}': "
    return plek


def _model_op(data: Any, loc: tuple[Any, ...], basis: type[BaseModel]) -> type[BaseModel] | None:
    """The model that validates the mapping at `loc` (to list its allowed keys)."""
    huidig_model: type[BaseModel] | None = basis
    huidig: Any = data
    for stap in loc:
        if huidig_model is None:
            return None
        if (
            isinstance(stap, str)
            and stap in _ITEM_MODELLEN
            and not (isinstance(huidig, dict) and stap in huidig)
        ):
            huidig_model = _ITEM_MODELLEN[stap]
            continue
        if isinstance(stap, int):
            huidig = huidig[stap] if isinstance(huidig, list) and stap < len(huidig) else None
            continue
        veld = huidig_model.model_fields.get(stap)
        huidig = huidig.get(stap) if isinstance(huidig, dict) else None
        huidig_model = _genest_model(veld.annotation if veld else None)
    return huidig_model


def _genest_model(annotatie: Any) -> type[BaseModel] | None:
    """The BaseModel inside an annotation like list[Sectie] or Voorwaarde | None."""
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    for arg in getattr(annotatie, "__args__", ()):
        gevonden = _genest_model(arg)
        if gevonden is not None:
            return gevonden
    return None


def _tekst(fout: ErrorDetails, data: Any, basis: type[BaseModel]) -> str:
    """What is wrong and how to fix it, for one pydantic error."""
    loc = tuple(fout["loc"])
    veld = str(loc[-1]) if loc else ""
    soort = fout["type"]
    if soort == "extra_forbidden":
        ouder = _model_op(data, loc[:-1], basis)
        toegestaan = ", ".join(ouder.model_fields) if ouder else "de sleutels uit FORMAAT.md"
        return f"sleutel '{veld}' is onbekend; kies uit {toegestaan}"
    if soort == "missing":
        return f"sleutel '{veld}' ontbreekt; voeg '{veld}:' toe"
    if soort == "union_tag_invalid":
        gegeven = fout["ctx"].get("tag", "?") if "ctx" in fout else "?"
        return f"type '{gegeven}' bestaat niet; kies uit {', '.join(model.ITEM_TYPES)}"
    if soort == "union_tag_not_found":
        return f"sleutel 'type' ontbreekt; kies uit {', '.join(model.ITEM_TYPES)}"
    if soort == "string_pattern_mismatch":
        if veld == "waarde":
            return (
                f"optiewaarde '{fout['input']}' is ongeldig; gebruik kleine letters, cijfers en '_'"
            )
        return f"id '{fout['input']}' is ongeldig; gebruik kleine letters, cijfers en '-'"
    if soort in ("int_parsing", "int_type", "int_from_float"):
        return f"'{veld}' moet een heel getal zijn, niet '{fout['input']}'; vul een getal in"
    if soort in ("bool_parsing", "bool_type"):
        return f"'{veld}' moet true of false zijn, niet '{fout['input']}'; kies true of false"
    if soort in ("string_type",):
        return f"'{veld}' moet tekst zijn; zet de tekst tussen aanhalingstekens"
    if soort in ("list_type",):
        return f"'{veld}' moet een lijst zijn; zet elk element op een eigen regel met '- '"
    if soort in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{veld}' moet een blok met sleutels zijn; zie FORMAAT.md"
    if soort == "greater_than":
        return f"'{veld}' moet groter dan {fout['ctx']['gt']} zijn; pas de waarde aan"
    if soort == "string_too_long":
        return f"'{veld}' is te lang; hooguit {fout['ctx']['max_length']} tekens"
    if soort == "string_too_short":
        return f"'{veld}' is leeg; vul een tekst in"
    if soort == "less_than_equal":
        return f"'{veld}' mag hooguit {fout['ctx']['le']} zijn; pas de waarde aan"
    return f"'{veld}': {fout['msg']}; zie FORMAAT.md"


def vertaal(fout: ValidationError, data: Any, bestand: str, basis: type[BaseModel]) -> list[str]:
    """Every error of a failed validation as one `bestand:regel: plek: wat; oplossing` line."""
    meldingen: list[str] = []
    for detail in fout.errors(include_url=False):
        loc = tuple(detail["loc"])
        # An unknown key sits in its parent mapping: point at the key's own line.
        regel = regel_van(data, loc)
        if isinstance(data, RegelDict) or loc:
            meldingen.append(f"{bestand}:{regel}: {_plek(data, loc)}{_tekst(detail, data, basis)}")
    return meldingen
