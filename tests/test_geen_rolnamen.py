"""No module names a kader or a role: which role carries the primary account, which roles confirm
or contradict it, how reports and the bot speak of them, who has an organisation or belongs to a
casus all come from the kader's data. This test reads every module of every package and fails on
a kader id or role name of any shipped kader used as an identifier (`rol == "ouder"`, a default
`"beleidsniveau"`); in `beoordeling/` also on the phrases reports use for a role."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from vragenlijsten.catalogus import Catalogus

WORTEL = Path(__file__).resolve().parents[1]
BEOORDELING = WORTEL / "beoordeling"
PAKKETTEN = ("beoordeling", "bot", "cli", "gesprek", "opslag", "vragenlijsten", "web")
MODULES = sorted(p for pakket in PAKKETTEN for p in (WORTEL / pakket).rglob("*.py"))


def _docstrings(boom: ast.Module) -> set[int]:
    """The ids of the string nodes that are docstrings (prose about the code, not code)."""
    ids = set()
    for node in ast.walk(boom):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            eerste = node.body[0] if node.body else None
            if isinstance(eerste, ast.Expr) and isinstance(eerste.value, ast.Constant):
                ids.add(id(eerste.value))
    return ids


def _als_naam(boom: ast.Module) -> set[int]:
    """String nodes used as an identifier: compared (`rol == "x"`, `in (...)`), bound to a
    module constant (`GEMEENTE = "gemeente"`) or given as a default (`default="x"`). A dict key
    or a CSV header is not: the field "gemeente" of stj-beoordeling/1 is the municipality, not
    the role."""
    ids: set[int] = set()
    for node in ast.walk(boom):
        if isinstance(node, ast.Compare):
            for kant in [node.left, *node.comparators]:
                ids.update(id(n) for n in ast.walk(kant) if isinstance(n, ast.Constant))
        if isinstance(node, ast.keyword) and node.arg == "default":
            ids.add(id(node.value))
        if isinstance(node, ast.arguments):
            ids.update(id(d) for d in [*node.defaults, *node.kw_defaults] if d is not None)
    for node in boom.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
            ids.add(id(node.value))
    return ids


def _letterlijke_teksten(pad: Path) -> list[tuple[int, str, bool]]:
    """Every string literal in the code (f-string parts included), with its line and whether
    it is used as an identifier."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    overslaan = _docstrings(boom)
    namen = _als_naam(boom)
    return sorted(
        (node.lineno, node.value, id(node) in namen)
        for node in ast.walk(boom)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in overslaan
    )


def _patronen(catalogus: Catalogus) -> dict[str, re.Pattern[str]]:
    """Per role: the phrases reports use for its respondents ("de gemeente", "een ouder",
    "netwerkpartners")."""
    patronen = {}
    for kader in catalogus.kaders.values():
        for rol in kader.rollen:
            woorden = [f"de {rol.enkelvoud}", f"een {rol.enkelvoud}", rol.meervoud]
            alternatieven = "|".join(re.escape(w) for w in woorden)
            patronen[rol.naam] = re.compile(rf"\b(?:{alternatieven})\b", re.IGNORECASE)
    return patronen


def _rolnamen(pad: Path, catalogus: Catalogus, zinnen: bool = True) -> list[str]:
    """Every kader and role the module names; an item id (the context question
    "netwerkpartners") is a name from the questionnaire data, not a role. `zinnen`: also the
    phrases reports use for a role (only the compiler must not write those itself)."""
    item_ids = {i.id for vl in catalogus.vragenlijsten.values() for i in vl.items()}
    rollen = {r.naam for k in catalogus.kaders.values() for r in k.rollen}
    gevonden = []
    for regel, tekst, als_naam in _letterlijke_teksten(pad):
        if als_naam and tekst in catalogus.kaders:
            gevonden.append(f"{pad.name}:{regel}: {tekst!r} is een kader")
        elif als_naam and tekst in rollen:
            gevonden.append(f"{pad.name}:{regel}: {tekst!r} is een rolnaam")
        elif not zinnen:
            continue
        elif tekst not in item_ids and not (tekst in rollen and not als_naam):
            gevonden.extend(
                f"{pad.name}:{regel}: {tekst!r} noemt rol {rol}"
                for rol, patroon in _patronen(catalogus).items()
                if patroon.search(tekst)
            )
    return gevonden


@pytest.mark.parametrize("pad", sorted(BEOORDELING.glob("*.py")), ids=lambda p: p.name)
def test_geen_rolnaam_in_de_code_van_de_compiler(pad: Path, catalogus: Catalogus) -> None:
    assert _rolnamen(pad, catalogus) == []


@pytest.mark.parametrize(
    "pad", [p for p in MODULES if p.parent != BEOORDELING], ids=lambda p: str(p.relative_to(WORTEL))
)
def test_geen_kader_of_rol_als_naam_in_de_code(pad: Path, catalogus: Catalogus) -> None:
    assert _rolnamen(pad, catalogus, zinnen=False) == []


def test_de_test_vindt_een_rolnaam(tmp_path: Path, catalogus: Catalogus) -> None:
    pad = tmp_path / "fout.py"
    pad.write_text(
        '"""Docstring over de gemeente mag."""\n'
        'GEMEENTE = "gemeente"\n'
        "def f(rol: str, kader: str = 'casusniveau') -> str:\n"
        "    g(default='beleidsniveau')\n"
        '    if rol == "ouder":\n'
        '        return f"{1} netwerkpartners"\n'
        '    return {"gemeente": rol}["gemeente"]\n'
    )
    assert _rolnamen(pad, catalogus) == [
        "fout.py:2: 'gemeente' is een rolnaam",
        "fout.py:3: 'casusniveau' is een kader",
        "fout.py:4: 'beleidsniveau' is een kader",
        "fout.py:5: 'ouder' is een rolnaam",
        "fout.py:6: ' netwerkpartners' noemt rol netwerkpartner",
    ]
