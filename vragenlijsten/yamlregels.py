"""YAML loading that remembers on which line every mapping, key and list entry stands.

Validation messages must point at a line (`gemeente.yaml:41: …`), so the loader returns dict and
list subclasses that carry their line numbers; for everything else they behave as plain data.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml


class RegelDict(dict[Any, Any]):
    """A mapping with the line it starts on and the line of each key (1-based)."""

    regel: int = 0
    sleutel_regels: dict[Any, int]


class RegelLijst(list[Any]):
    """A sequence with the line it starts on and the line of each entry (1-based)."""

    regel: int = 0
    element_regels: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that builds RegelDict/RegelLijst instead of dict/list."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> RegelDict:
        mapping = RegelDict()
        mapping.regel = node.start_mark.line + 1
        mapping.sleutel_regels = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"sleutel '{key}' komt twee keer voor", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.sleutel_regels[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> RegelLijst:
        lijst = RegelLijst(self.construct_object(child, deep=True) for child in node.value)
        lijst.regel = node.start_mark.line + 1
        lijst.element_regels = [child.start_mark.line + 1 for child in node.value]
        return lijst


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)

# The same with libyaml's parser (in C), where PyYAML was built with it: it marks nodes with
# their lines just as the Python one does, and reads the catalogue several times faster, which
# every command that loads it waits for. Its words for a syntax error differ, so a file it
# refuses is read again by the Python parser, whose message is the one we show.
_CLoader: Any = None
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """CSafeLoader that builds RegelDict/RegelLijst, with _Loader's constructors."""

    _CLoader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
    _CLoader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def laad_yaml(tekst: str) -> Any:
    """Parse YAML text into plain data with line numbers attached to mappings and lists."""
    if _CLoader is not None:
        try:
            return yaml.load(tekst, Loader=_CLoader)
        except yaml.YAMLError:
            pass  # the Python parser says what is wrong, in the words users know
    return yaml.load(tekst, Loader=_Loader)


def lees_yaml(pad: Path) -> Any:
    """Read and parse a YAML file; a file is parsed once for as long as it is unchanged (the
    catalogue reads each file for its kind, its content and its cross-checks). Callers must
    not change what it returns."""
    status = pad.stat()
    return _gelezen(pad.resolve(), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=512)
def _gelezen(pad: Path, _mtime_ns: int, _grootte: int) -> Any:
    return laad_yaml(pad.read_text(encoding="utf-8"))


def regel_van(data: Any, pad: tuple[Any, ...]) -> int:
    """The line of the deepest node on `pad` that carries one (1 if none does)."""
    regel = getattr(data, "regel", 1) or 1
    huidig = data
    for stap in pad:
        if isinstance(huidig, RegelDict) and stap in huidig:
            regel = huidig.sleutel_regels.get(stap, regel)
            huidig = huidig[stap]
        elif isinstance(huidig, RegelLijst) and isinstance(stap, int) and 0 <= stap < len(huidig):
            regel = huidig.element_regels[stap]
            huidig = huidig[stap]
        elif isinstance(huidig, RegelDict) and stap not in huidig:
            continue  # a union tag in a pydantic location: not a key of the data
        else:
            break
    return regel
